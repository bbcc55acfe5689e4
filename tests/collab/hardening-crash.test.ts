// Hardening, short version (the long one is `npm run soak`): the server process is killed with
// SIGKILL again and again while five clients type; clients throw their copy away at each crash,
// so only what the server stored can come back.
import { describe, expect, it } from "vitest";
import { withWorld } from "./helpers";
import { killWhileTyping } from "./fixtures/hardening";

describe("hardening: kill -9 while typing", () => {
  it("keeps every relayed update over 3 SIGKILL restarts with 5 typing clients; integrity_check stays ok", async () => {
    const ctx = withWorld();
    try {
      const r = await killWhileTyping(ctx, { cycles: 3, minTokens: 30 });
      expect(r.lost).toEqual([]);
      expect(r.missingAfterRestart).toEqual([]);
      expect(r.integrity).toEqual(r.integrity.map(() => "ok"));
      expect(r.perCycle.every((n) => n > 50)).toBe(true);
    } finally {
      ctx.cleanup();
    }
  }, 60_000);
});
