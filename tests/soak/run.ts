// `npm run soak`: the long versions of the hardening tests (tests/collab/hardening*.test.ts run the
// short ones in `npm test`), about 15 minutes. Exits non-zero when a check fails.
//   1. the server process is killed with SIGKILL 20 times while 5 clients type (copies thrown away)
//   2. 10,000 random, truncated, oversized and crafted frames while 3 honest clients edit
//   3. 200 clients over 500 documents connecting and leaving for 10 minutes
import { agendas } from "../../db/schema";
import { withWorld } from "../collab/helpers";
import { startChildServer } from "../collab/fixtures/child-server";
import { churn, hostileWhileEditing, killWhileTyping } from "../collab/fixtures/hardening";

// y-websocket providers each add a process "exit" listener; 200 at once is expected here.
process.setMaxListeners(0);
const args = process.argv.slice(2);
const churnMinutes = Number(args.find((a) => a.startsWith("--churn-minutes="))?.slice(16) ?? 10);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};
const t0 = Date.now();
const log = (msg: string) => console.log(`[soak ${Math.round((Date.now() - t0) / 1000)}s] ${msg}`);

async function crashes() {
  log("20 x kill -9 while 5 clients type");
  const ctx = withWorld();
  try {
    const r = await killWhileTyping(ctx, { cycles: 20, minTokens: 30 });
    check(r.lost.length === 0 && r.missingAfterRestart.length === 0, `no relayed update lost (${r.relayed} relayed, ${r.lost.length + r.missingAfterRestart.length} missing)`);
    check(r.integrity.every((x) => x === "ok"), `integrity_check ok after every crash (${r.integrity.length} checks)`);
  } finally {
    ctx.cleanup();
  }
}

async function hostile() {
  log("10,000 hostile frames while 3 honest clients edit");
  const ctx = withWorld();
  const server = await startChildServer(ctx.file, { maxPayloadBytes: 64 * 1024 });
  try {
    const r = await hostileWhileEditing(ctx, server, 10_000, 64 * 1024);
    for (const c of r.honest) c.destroy();
    check(server.child.exitCode === null, "server stayed up");
    check(r.honestP99 < 250, `honest p99 ${r.honestP99.toFixed(1)} ms < 250 ms (${r.samples} samples)`);
    check(r.eldP99 < 50, `server event-loop delay p99 ${r.eldP99.toFixed(1)} ms < 50 ms (max ${r.eldMax.toFixed(1)})`);
    const { ydocUpdates } = await import("../../db/schema");
    const allowed = new Set([ctx.world.users.editor1.id, ctx.world.users.editor2.id, ctx.world.users.coordinator.id]);
    const foreign = ctx.db.select().from(ydocUpdates).all().filter((row) => !allowed.has(row.userId!));
    check(foreign.length === 0, `nothing from the attacker stored (${foreign.length} rows)`);
  } finally {
    await server.kill();
    ctx.cleanup();
  }
}

async function churnSoak() {
  log(`200 clients over 500 documents for ${churnMinutes} min`);
  const ctx = withWorld();
  const rooms = [`agenda:${ctx.world.agendaA}`];
  for (let i = 0; i < 499; i++) {
    rooms.push(`agenda:${ctx.db.insert(agendas).values({ regionId: ctx.world.regionA, title: `Soak ${i}`, period: `s${i}` }).returning().get().id}`);
  }
  const server = await startChildServer(ctx.file, {});
  try {
    const u = ctx.world.users;
    const tokens = [u.editor1, u.editor2, u.editor3, u.coordinator].map((x) => x.token);
    await churn(server.url, { rooms: rooms.slice(0, 10), tokens, concurrency: 10, durationMs: 3000 });
    await new Promise((r) => setTimeout(r, 3000));
    const before = await server.stats();
    const r = await churn(server.url, { rooms, tokens, concurrency: 200, durationMs: churnMinutes * 60_000 });
    let after = await server.stats();
    const deadline = Date.now() + 15_000;
    while ((after.rooms > 0 || after.connections > 0) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 250));
      after = await server.stats();
    }
    log(`${r.sessions} sessions, ${r.failures} failed`);
    check(after.rooms === 0 && after.connections === 0, `no documents or connections left (${after.rooms} rooms, ${after.connections} connections)`);
    const grew = (after.heapUsed - before.heapUsed) / 2 ** 20;
    check(grew < 20, `heap back within 20 MB of start (${grew.toFixed(1)} MB)`);
  } finally {
    await server.kill();
    ctx.cleanup();
  }
}

await crashes();
await hostile();
await churnSoak();
log(failures.length ? `${failures.length} check(s) failed` : "all checks passed");
process.exit(failures.length ? 1 : 0);
