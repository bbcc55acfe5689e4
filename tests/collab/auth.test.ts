import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { revokeSession } from "../../app/models/session.server";
import { CloseCode } from "../../collab-server/close-codes";
import { agendaOfRoom as parseRoomName } from "../../shared/rooms";
import { closeCodeOf, connectClient, RawClient, synced, waitFor, withWorld, type Running } from "./helpers";

let ctx: ReturnType<typeof withWorld>;
let server: Running;

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start({ idleUnloadMs: 50, allowedOrigins: ["http://localhost:3000"] });
});

afterEach(async () => {
  await server.stop();
  ctx.cleanup();
});

const cookie = (token: string) => ({ cookie: `aw_session=${encodeURIComponent(token)}`, origin: "http://localhost:3000" });
const roomUrl = (agendaId: number | string) => `${server.url}/agenda:${agendaId}`;

describe("room names", () => {
  it("accepts only agenda:<positive id>", () => {
    expect(parseRoomName("agenda:12")).toBe(12);
    for (const bad of ["agenda:0", "agenda:-1", "agenda:01", "agenda:1.5", "agenda:", "agenda:1 ", "item:1", "agenda:99999999999999999"]) {
      expect(parseRoomName(bad)).toBeNull();
    }
  });
});

describe("who may open a room", () => {
  it("refuses a missing, unknown, expired or revoked session with Unauthorized", async () => {
    const { editor1, editor2, editor3 } = ctx.world.users;
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), { origin: "http://localhost:3000" })).toEqual({ code: CloseCode.Unauthorized });
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie("not-a-token"))).toEqual({ code: CloseCode.Unauthorized });
    ctx.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, editor1.sessionId)).run();
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie(editor1.token))).toEqual({ code: CloseCode.Unauthorized });
    revokeSession({ db: ctx.db, sessionId: editor2.sessionId });
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie(editor2.token))).toEqual({ code: CloseCode.Unauthorized });
    ctx.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, editor3.id)).run();
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie(editor3.token))).toEqual({ code: CloseCode.Unauthorized });
    expect(server.collab.stats().connections).toBe(0);
  });

  it("refuses another region's room with Forbidden", async () => {
    expect(await closeCodeOf(roomUrl(ctx.world.agendaB), cookie(ctx.world.users.editor1.token))).toEqual({ code: CloseCode.Forbidden });
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie(ctx.world.users.memberB.token))).toEqual({ code: CloseCode.Forbidden });
    expect(server.collab.stats().rooms).toBe(0);
  });

  it("refuses unknown rooms and bad room names with RoomNotFound", async () => {
    const token = ctx.world.users.editor1.token;
    expect(await closeCodeOf(roomUrl(999), cookie(token))).toEqual({ code: CloseCode.RoomNotFound });
    expect(await closeCodeOf(`${server.url}/nonsense`, cookie(token))).toEqual({ code: CloseCode.RoomNotFound });
    expect(await closeCodeOf(`${server.url}/agenda:%E0%A4%A`, cookie(token))).toEqual({ code: CloseCode.RoomNotFound });
    expect(await closeCodeOf(`${server.url}/`, cookie(token))).toEqual({ code: CloseCode.RoomNotFound });
  });

  it("refuses a foreign Origin before upgrading", async () => {
    const token = ctx.world.users.editor1.token;
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), { ...cookie(token), origin: "https://evil.example" })).toEqual({ status: 403 });
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), { cookie: cookie(token).cookie })).toEqual({ status: 403 });
  });

  it("refuses every upgrade when no allowed origins are given: unset is not 'any' (decision 013)", async () => {
    const unset = await ctx.start({ allowedOrigins: undefined });
    try {
      const token = ctx.world.users.editor1.token;
      expect(await closeCodeOf(`${unset.url}/agenda:${ctx.world.agendaA}`, cookie(token))).toEqual({ status: 403 });
      expect(await closeCodeOf(`${unset.url}/agenda:${ctx.world.agendaA}`, { cookie: cookie(token).cookie })).toEqual({ status: 403 });
    } finally {
      await unset.stop();
    }
  });

  it("lets a region member in, and a board member in read-only", async () => {
    const headers = { origin: "http://localhost:3000" };
    const editor = new RawClient(roomUrl(ctx.world.agendaA), ctx.world.users.editor1.token, { headers });
    const board = new RawClient(roomUrl(ctx.world.agendaA), ctx.world.users.board.token, { headers });
    await Promise.all([editor.opened, board.opened]);
    await waitFor(() => server.collab.stats().perRoom[0]?.connections === 2, "both joined");
    editor.close();
    board.close();
  });
});

describe("closing connections from the app", () => {
  // The raw clients above send no Origin; this suite's server does not check it.
  beforeEach(async () => {
    await server.stop();
    server = await ctx.start({ idleUnloadMs: 50 });
  });

  it("closes a user's connections with MembershipChanged and a session's with SessionRevoked", async () => {
    const room = `agenda:${ctx.world.agendaA}`;
    const a1 = connectClient(server.url, room, ctx.world.users.editor1.token);
    const a2 = connectClient(server.url, room, ctx.world.users.editor1.token);
    const b = connectClient(server.url, room, ctx.world.users.editor2.token);
    try {
      await Promise.all([synced(a1), synced(a2), synced(b)]);
      // Stop reconnecting so the recorded close codes are the server's.
      expect(server.collab.closeUserConnections(ctx.world.users.editor1.id)).toBe(2);
      await waitFor(() => a1.closeCodes.length > 0 && a2.closeCodes.length > 0, "user's sockets closed");
      expect(a1.closeCodes[0]).toBe(CloseCode.MembershipChanged);
      expect(a2.closeCodes[0]).toBe(CloseCode.MembershipChanged);
      expect(b.closeCodes).toEqual([]);

      expect(server.collab.closeSessionConnections(ctx.world.users.editor2.sessionId)).toBe(1);
      await waitFor(() => b.closeCodes.length > 0, "session's socket closed");
      expect(b.closeCodes[0]).toBe(CloseCode.SessionRevoked);
    } finally {
      a1.destroy();
      a2.destroy();
      b.destroy();
    }
  });

  it("closes everyone with ServerShuttingDown on close()", async () => {
    const c = new RawClient(roomUrl(ctx.world.agendaA), ctx.world.users.editor1.token);
    await c.opened;
    await server.collab.close();
    expect(await c.closed).toBe(CloseCode.ServerShuttingDown);
    expect(await closeCodeOf(roomUrl(ctx.world.agendaA), cookie(ctx.world.users.editor1.token))).toEqual({ status: 503 });
  });
});
