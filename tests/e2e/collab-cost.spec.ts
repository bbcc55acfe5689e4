// Issue 11, finding 1, on the real server: while an editor sends crafted updates that Yjs would
// integrate in super-linear time (including the variant the server used to refuse only after its
// trial apply, resent after reconnecting), an honest editor's keystrokes round-trip and GET /login
// answers within 250 ms at the 99th percentile (decision 009) of what the same traffic takes without
// the attack, measured first in the same run: a slow machine slows both, a stalled event loop only
// the second (before the fix, one crafted frame stalled it for 14 s).
import { expect, test, type Browser } from "@playwright/test";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { baseURL, databasePath } from "../../playwright.config";
import { getItemPlan, getItems } from "../../app/domain/agenda-doc";
import { CloseCode } from "../../collab-server/close-codes";
import { encodeSyncStep1 } from "../../collab-server/protocol";
import { RawClient } from "../collab/helpers";
import * as Costly from "../collab/fixtures/costly-updates";
import { demo, login } from "./helpers";

function agendaIdIn(region: string): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select a.id from agendas a join regions r on r.id = a.region_id where r.slug = ? order by a.id").get(region) as { id: number }).id;
  } finally {
    db.close();
  }
}

async function cookieOf(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();
  return cookie;
}

/** A raw socket to the room, synced (or closed: then `code` says why). */
async function open(room: string, cookie: string) {
  const client = new RawClient(`${baseURL.replace("http", "ws")}/collab/${room}`, null, { headers: { cookie, origin: baseURL } });
  let code: number | null = null;
  client.closed.then((c) => (code = c));
  await client.opened.catch(() => {});
  client.send(encodeSyncStep1(client.doc));
  const deadline = Date.now() + 15_000;
  while (client.received < 2 && code === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return { client, code: () => code };
}

/**
 * The text of an item's first plan paragraph. Typing and the attacks go there: rich text has no
 * length limit, while a title stops at 200 characters and why at 2,000 (refused with 4422).
 */
function planText(item: Y.Map<unknown> | undefined): Y.XmlText | null {
  const first = item ? getItemPlan(item).get(0) : null;
  const text = first instanceof Y.XmlElement && first.nodeName === "paragraph" ? first.get(0) : null;
  return text instanceof Y.XmlText ? text : null;
}

/** The first item in a room whose plan starts with a paragraph of text. */
function itemWithPlanText(doc: Y.Doc) {
  const [id, item] = [...getItems(doc).entries()].find(([, item]) => planText(item))!;
  return { id, text: planText(item)! };
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

test("crafted updates from one editor do not stall another editor's typing or GET /login", async ({ browser, request }) => {
  test.setTimeout(120_000);
  // The attacker edits another region's agenda: one stalled event loop stalls every room. The
  // attacker account is one no later test opens a room with (it is held off for a minute).
  const room = `agenda:${agendaIdIn("amsterdam")}`;
  const attackedRoom = `agenda:${agendaIdIn("zuid-limburg")}`;
  const attackerCookie = await cookieOf(browser, demo.memberLimburg);
  const honestCookie = await cookieOf(browser, demo.coordinator);
  const writer = await open(room, honestCookie);
  const observer = await open(room, honestCookie);
  expect(writer.code()).toBeNull();
  const { id: itemId, text: typed } = itemWithPlanText(writer.client.doc);
  const probe = await open(attackedRoom, attackerCookie);
  const attacked = itemWithPlanText(probe.client.doc).text;
  const target = { client: attacked._item!.id.client, clock: attacked._item!.id.clock };
  probe.client.close();

  // Honest typing: one keystroke every 50 ms, timed until the other socket has it. Each sample
  // counts for the phase it started in: the reference without the attack, then the attack.
  type Phase = "reference" | "attack";
  let phase: Phase = "reference";
  const keystrokes: Record<Phase, number[]> = { reference: [], attack: [] };
  const logins: Record<Phase, number[]> = { reference: [], attack: [] };
  const sentIn = new Map<string, Phase>();
  const sentAt = new Map<string, number>();
  observer.client.ws.on("message", () => {
    const text = planText(getItems(observer.client.doc).get(itemId))?.toString() ?? "";
    for (const [marker, at] of sentAt) {
      if (text.includes(marker)) {
        keystrokes[sentIn.get(marker)!].push(performance.now() - at);
        sentAt.delete(marker);
      }
    }
  });
  let attacking = true;
  const typing = (async () => {
    for (let i = 0; attacking; i++) {
      const sv = Y.encodeStateVector(writer.client.doc);
      const marker = `[${i}]`;
      typed.insert(0, marker);
      sentAt.set(marker, performance.now());
      sentIn.set(marker, phase);
      writer.client.sendUpdate(Y.encodeStateAsUpdate(writer.client.doc, sv));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const pages = (async () => {
    while (attacking) {
      const startedIn = phase;
      const started = performance.now();
      const response = await request.get("/login");
      expect(response.status()).toBe(200);
      logins[startedIn].push(performance.now() - started);
      // Often enough that the 99th percentile is not simply the one slowest request.
      await new Promise((r) => setTimeout(r, 25));
    }
  })();

  await new Promise((r) => setTimeout(r, 4000));
  phase = "attack";

  // The attack: a chain of separate items (an honest shape), then updates that make Yjs walk it
  // once per item or per range, each on a fresh socket after the last one was closed.
  const chainClient = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const n = 8000;
  const { first: chain, second: scanners } = Costly.conflictScanAttack(chainClient, n, n, target);
  const crafted = [
    scanners,
    Costly.overlappingDeletes(chainClient, n, n),
    Costly.overlappingThenPending(chainClient, n, n),
    Costly.overlappingThenPending(chainClient, n, n),
  ];
  const codes: number[] = [];
  const started = Date.now();
  let chainSent = false;
  for (let attempt = 0; Date.now() - started < 8000 || attempt < crafted.length + 1; attempt++) {
    const attacker = await open(attackedRoom, attackerCookie);
    if (attacker.code() !== null) {
      codes.push(attacker.code()!);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    if (!chainSent) {
      attacker.client.sendUpdate(chain);
      chainSent = true;
    }
    attacker.client.sendUpdate(crafted[attempt % crafted.length]);
    const code = await Promise.race([attacker.client.closed, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    if (code !== null) codes.push(code);
    attacker.client.close();
  }
  attacking = false;
  await Promise.all([typing, pages]);
  // Keystrokes still in flight count as what they have waited so far.
  for (const [marker, at] of sentAt) keystrokes[sentIn.get(marker)!].push(performance.now() - at);
  writer.client.close();
  observer.client.close();

  expect(keystrokes.attack.length).toBeGreaterThan(100);
  expect(logins.attack.length).toBeGreaterThan(150);
  expect(keystrokes.reference.length).toBeGreaterThan(40);
  expect(logins.reference.length).toBeGreaterThan(50);
  console.log(
    `p99 without / during the attack: keystrokes ${p99(keystrokes.reference).toFixed(0)} / ${p99(keystrokes.attack).toFixed(0)} ms, ` +
      `GET /login ${p99(logins.reference).toFixed(0)} / ${p99(logins.attack).toFixed(0)} ms (${logins.reference.length} / ${logins.attack.length} requests)`,
  );
  expect(p99(keystrokes.attack)).toBeLessThan(p99(keystrokes.reference) + 250);
  expect(p99(logins.attack)).toBeLessThan(p99(logins.reference) + 250);
  // Not merely an attack that failed to send: the server refused it for its cost.
  expect(codes).toContain(CloseCode.UpdateTooExpensive);
});
