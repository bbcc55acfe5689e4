// GET /healthz for a load balancer or systemd: is the process up, does the database answer, are
// its migrations those of this code, and is the collaboration server accepting. No data, no
// session. The answer is reused for a second, so a flood of probes costs one query a second, not
// one each: the endpoint must not become a way to load the server.
import type { RequestHandler } from "express";
import type { Db } from "../db";

export type HealthChecks = { database: boolean; migrations: boolean; collaboration: boolean };

export function healthCheck({
  db,
  expectedMigrations,
  collaborationAccepting,
  cacheMs = 1_000,
  now = Date.now,
}: {
  db: Db;
  expectedMigrations: number;
  collaborationAccepting: () => boolean;
  cacheMs?: number;
  now?: () => number;
}): RequestHandler {
  const count = db.$client.prepare("select count(*) as n from __drizzle_migrations").pluck();
  let last: { at: number; checks: HealthChecks } | null = null;

  const measure = (): HealthChecks => {
    let migrations: number | null = null;
    try {
      migrations = count.get() as number;
    } catch {
      migrations = null;
    }
    return { database: migrations !== null, migrations: migrations === expectedMigrations, collaboration: collaborationAccepting() };
  };

  return (req, res) => {
    if (!last || now() - last.at >= cacheMs) last = { at: now(), checks: measure() };
    const healthy = Object.values(last.checks).every(Boolean);
    const status = (ok: boolean) => (ok ? "ok" : "fail");
    res
      .status(healthy ? 200 : 503)
      .set({ "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" })
      .send(
        req.method === "HEAD"
          ? undefined
          : JSON.stringify({
              status: status(healthy),
              checks: {
                database: status(last.checks.database),
                migrations: status(last.checks.migrations),
                collaboration: status(last.checks.collaboration),
              },
            }),
      );
  };
}
