// A real Yjs client for the load generator, speaking either the y-websocket protocol (our server
// and the y-websocket reference) or the Hocuspocus protocol (document name before every message,
// token message first). It behaves like the stock providers: sync step 1 on open, every local
// update sent, and every awareness change re-sent, remote ones included (WebsocketProvider and
// HocuspocusProvider both echo). One class for all three servers keeps the comparison fair.
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";

export type ServerKind = "ours" | "yws" | "hocus";
export type Target = { kind: ServerKind; port: number; token: string };

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_SYNC_REPLY = 4; // Hocuspocus only

export function urlFor(target: Target, room: string): string {
  if (target.kind === "ours") return `ws://127.0.0.1:${target.port}/collab/${room}`;
  if (target.kind === "yws") return `ws://127.0.0.1:${target.port}/${room}`;
  return `ws://127.0.0.1:${target.port}/`;
}

export class BenchClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  readonly opened: Promise<void>;
  framesIn = 0;
  bytesIn = 0;
  closeCode: number | null = null;
  /** When the first sync step 2 arrived, and how long applying it took (this client's own work). */
  step2ArrivedAt: number | null = null;
  step2ApplyMs: number | null = null;
  private resolveSynced!: () => void;
  private prefix: Uint8Array | null;

  constructor(
    readonly target: Target,
    readonly room: string,
    { doc = new Y.Doc(), awarenessState = null as Record<string, unknown> | null } = {},
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(awarenessState);
    this.prefix = null;
    if (target.kind === "hocus") {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, room);
      this.prefix = encoding.toUint8Array(e);
    }
    this.synced = new Promise((r) => (this.resolveSynced = r));
    this.ws = new WebSocket(urlFor(target, room), {
      headers: target.kind === "ours" ? { cookie: `aw_session=${encodeURIComponent(target.token)}` } : {},
      perMessageDeflate: false,
    });
    this.ws.binaryType = "nodebuffer";
    let failure = "";
    this.ws.on("error", (err) => (failure ||= err.message));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("close", (code) => reject(new Error(`closed before open (${code}${failure ? `: ${failure}` : ""})`)));
    });
    this.opened.catch(() => {});
    this.ws.on("close", (code) => (this.closeCode = code));
    this.ws.on("open", () => this.onOpen());
    this.ws.on("message", (data: Buffer) => this.onArrival(data));
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.prefix) encoding.writeUint8Array(e, this.prefix);
    write(e);
    return encoding.toUint8Array(e);
  }

  sendRaw(frame: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** A pre-encoded y-websocket frame, wrapped for Hocuspocus when needed. */
  sendPayload(payload: Uint8Array) {
    if (!this.prefix) return this.sendRaw(payload);
    const f = new Uint8Array(this.prefix.length + payload.length);
    f.set(this.prefix, 0);
    f.set(payload, this.prefix.length);
    this.sendRaw(f);
  }

  private onOpen() {
    if (this.target.kind === "hocus") {
      this.sendRaw(
        this.frame((e) => {
          encoding.writeVarUint(e, MSG_AUTH);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, this.target.token);
        }),
      );
    }
    this.sendRaw(
      this.frame((e) => {
        encoding.writeVarUint(e, MSG_SYNC);
        syncProtocol.writeSyncStep1(e, this.doc);
      }),
    );
    if (this.awareness.getLocalState() !== null) {
      this.sendRaw(
        this.frame((e) => {
          encoding.writeVarUint(e, MSG_AWARENESS);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
        }),
      );
    }
  }

  /** When the frame being handled arrived (performance.now()). */
  arrival = 0;
  private inbox: Array<[number, Buffer]> = [];

  // Frames are stamped on arrival and handled in a later turn: with hundreds of clients in one
  // process, handling each frame at once would make later sockets' arrival times include the
  // earlier clients' work, and the benchmark would measure the load generator, not the server.
  private onArrival(data: Buffer) {
    this.inbox.push([performance.now(), data]);
    if (this.inbox.length === 1) {
      setImmediate(() => {
        const frames = this.inbox;
        this.inbox = [];
        for (const [at, frame] of frames) {
          this.arrival = at;
          this.onMessage(frame);
        }
      });
    }
  }

  private onMessage(data: Buffer) {
    this.framesIn++;
    this.bytesIn += data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (this.prefix) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const encoder = encoding.createEncoder();
      if (this.prefix) encoding.writeUint8Array(encoder, this.prefix);
      const headerLength = encoding.length(encoder);
      encoding.writeVarUint(encoder, MSG_SYNC);
      const started = performance.now();
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (syncType === syncProtocol.messageYjsSyncStep2 && this.step2ArrivedAt === null) {
        this.step2ArrivedAt = this.arrival;
        this.step2ApplyMs = performance.now() - started;
      }
      if (syncType === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
      if (encoding.length(encoder) > headerLength + 1) this.sendRaw(encoding.toUint8Array(encoder));
    } else if (type === MSG_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    this.sendRaw(
      this.frame((e) => {
        encoding.writeVarUint(e, MSG_SYNC);
        syncProtocol.writeUpdate(e, update);
      }),
    );
  };

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = added.concat(updated, removed);
    this.sendRaw(
      this.frame((e) => {
        encoding.writeVarUint(e, MSG_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      }),
    );
  };

  close() {
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.ws.terminate();
  }
}

/** The y-websocket payload of a document update (wrap with sendPayload). */
export function updatePayload(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}
