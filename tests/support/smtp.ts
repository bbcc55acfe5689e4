// A real SMTP server on loopback for tests (smtp-server), reading what arrives with mailparser.
import net from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type TestSmtp = { port: number; received: ParsedMail[]; close: () => Promise<void>; waitFor: (pred: (m: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail> };

/** Port 0 takes a free one (read it from `port`): no clash with another test run on the machine. */
export async function startSmtp(port: number): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as net.AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(pred, timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(pred);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such mail among ${received.length}: ${received.map((m) => `${m.to && "text" in m.to ? m.to.text : "?"}: ${m.subject}`).join("; ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** A server that accepts connections and never says a word: a mail server that hangs. */
export async function startSilentServer(port: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const addressOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value.map((v) => v.address) : []);
