// Production mode (decision 013): which origins may write, how TRUST_PROXY is read, and which
// accounts a production start refuses.
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { checkRequestSource, loopbackOrigins, originAllowed, parseOrigin, parseTrustProxy } from "../../app/domain/origin";
import { DeploymentError, deploymentFrom } from "../../app/utils/deployment.server";
import { hashPassword } from "../../app/models/user.server";
import { accountsWithDemoPassword, DEMO_PASSWORD, seedReferenceData } from "../../db/seed";
import { users } from "../../db/schema";
import { tempDatabase } from "../support/temp-db";
import { factoryDatabase } from "../support/factories";
import { clientAddressFor } from "../../http/guards";

const home = ["https://agendawerk.example"];

describe("where a state-changing request comes from", () => {
  it("accepts the public origin and refuses any other, also a sibling host, another port or scheme", () => {
    expect(checkRequestSource({ method: "POST", origin: "https://agendawerk.example" }, home)).toEqual({ ok: true });
    for (const origin of [
      "https://evil.example",
      "https://staging.agendawerk.example",
      "https://agendawerk.example:8443",
      "http://agendawerk.example",
      "null",
      "https://agendawerk.example/",
      "HTTPS://AGENDAWERK.EXAMPLE",
    ]) {
      expect(checkRequestSource({ method: "POST", origin }, home), origin).toEqual({ ok: false, reason: "origin" });
    }
  });

  it("falls back to Sec-Fetch-Site, then Referer; Origin decides when present", () => {
    const post = (headers: { origin?: string; secFetchSite?: string; referer?: string }) => checkRequestSource({ method: "POST", ...headers }, home);
    expect(post({ secFetchSite: "same-origin" }).ok).toBe(true);
    expect(post({ secFetchSite: "none" }).ok).toBe(true);
    expect(post({ secFetchSite: "same-site" })).toEqual({ ok: false, reason: "fetch-site" });
    expect(post({ secFetchSite: "cross-site" })).toEqual({ ok: false, reason: "fetch-site" });
    expect(post({ referer: "https://agendawerk.example/agendas/1" }).ok).toBe(true);
    expect(post({ referer: "https://evil.example/agendawerk.example" })).toEqual({ ok: false, reason: "referer" });
    expect(post({ referer: "not a url" })).toEqual({ ok: false, reason: "referer" });
    expect(post({ origin: "https://evil.example", secFetchSite: "same-origin", referer: "https://agendawerk.example/" }).ok).toBe(false);
  });

  it("lets reads through and header-less writes (not a browser, so not a forgery)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(checkRequestSource({ method, origin: "https://evil.example" }, home).ok).toBe(true);
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkRequestSource({ method, origin: "https://evil.example" }, home).ok, method).toBe(false);
      expect(checkRequestSource({ method }, home).ok).toBe(true);
    }
  });

  it("websocket origins: a missing one is refused; only 'any' turns the check off", () => {
    expect(originAllowed(undefined, home)).toBe(false);
    expect(originAllowed("https://agendawerk.example", home)).toBe(true);
    expect(originAllowed("https://evil.example", [])).toBe(false);
    expect(originAllowed(undefined, "any")).toBe(true);
  });

  it("parses Origin strictly and names the loopback origins", () => {
    expect(parseOrigin("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(parseOrigin("javascript:alert(1)")).toBeNull();
    expect(parseOrigin("")).toBeNull();
    expect(loopbackOrigins(3000)).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
  });
});

describe("deployment from PUBLIC_URL", () => {
  it("unset: the local demo, only the loopback origins of PORT, no Secure or HSTS", () => {
    const d = deploymentFrom({ PORT: "3210" });
    expect(d).toMatchObject({ production: false, publicOrigin: null, sessionCookie: "aw_session", secureCookies: false, hsts: null });
    expect(d.allowedOrigins).toEqual(loopbackOrigins(3210));
    expect(deploymentFrom({}).allowedOrigins).toEqual(loopbackOrigins(3000));
  });

  it("https: only that origin, __Host- cookie, Secure, HSTS", () => {
    const d = deploymentFrom({ PUBLIC_URL: "https://agendawerk.example/", PORT: "3000" });
    expect(d).toMatchObject({
      production: true,
      publicOrigin: "https://agendawerk.example",
      allowedOrigins: ["https://agendawerk.example"],
      sessionCookie: "__Host-aw_session",
      secureCookies: true,
      hsts: "max-age=31536000",
    });
  });

  it("http: production without the https-only parts", () => {
    expect(deploymentFrom({ PUBLIC_URL: "http://agendawerk.intern:8080" })).toMatchObject({
      production: true,
      allowedOrigins: ["http://agendawerk.intern:8080"],
      sessionCookie: "aw_session",
      secureCookies: false,
      hsts: null,
    });
  });

  it("refuses a PUBLIC_URL that is not just an origin", () => {
    for (const bad of ["agendawerk.example", "ftp://agendawerk.example", "https://agendawerk.example/app", "https://a:b@agendawerk.example", "https://agendawerk.example/?x=1"]) {
      expect(() => deploymentFrom({ PUBLIC_URL: bad }), bad).toThrow(DeploymentError);
    }
  });
});

describe("TRUST_PROXY", () => {
  it("is a hop count when numeric, otherwise a list of proxies; 'true' is refused", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY/);
  });

  let server: http.Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("'1' makes Express take the client from one proxy hop, not from the socket or a forged first entry", async () => {
    const app = express();
    app.set("trust proxy", deploymentFrom({ TRUST_PROXY: "1" }).trustProxy);
    app.get("/", (req, res) => res.send(req.ip));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server!.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    // The client forged the first entry; the one proxy appended the address it saw.
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.7" } });
    expect(await res.text()).toBe("203.0.113.7");
  });

  it("gives a websocket upgrade the address Express would give the same request", () => {
    const upgrade = (forwardedFor?: string) =>
      ({ socket: { remoteAddress: "::ffff:127.0.0.1" }, connection: { remoteAddress: "::ffff:127.0.0.1" }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} }) as unknown as IncomingMessage;
    const oneHop = clientAddressFor(parseTrustProxy("1"));
    expect(oneHop(upgrade("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
    expect(oneHop(upgrade())).toBe("127.0.0.1");
    const none = clientAddressFor(parseTrustProxy(undefined));
    expect(none(upgrade("203.0.113.7"))).toBe("127.0.0.1");
    expect(clientAddressFor(parseTrustProxy("loopback"))(upgrade("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
  });
});

describe("accounts with the published demo password", () => {
  it("finds every account with the demo password, sharing one hash or with its own, and no other", async () => {
    const { db, make, cleanup } = factoryDatabase();
    try {
      // The accounts of one seed share one hash; an administrator may give the password by hand.
      const shared = await hashPassword(DEMO_PASSWORD);
      const seeded = [make.user(), make.user()];
      for (const u of seeded) db.update(users).set({ passwordHash: shared }).where(eq(users.id, u.id)).run();
      const handmade = await make.withPassword(make.user(), DEMO_PASSWORD);
      await make.withPassword(make.user(), "een-ander-wachtwoord-2026");
      make.user();
      db.update(users).set({ passwordHash: "not-argon2" }).where(eq(users.id, make.user().id)).run();
      expect(await accountsWithDemoPassword({ db })).toEqual([...seeded, handmade].map((u) => u.email).sort());
    } finally {
      cleanup();
    }
  });

  it("finds none in a production database: reference data only", async () => {
    const ctx = tempDatabase();
    try {
      seedReferenceData({ db: ctx.db });
      expect(ctx.db.select().from(users).all()).toEqual([]);
      expect(await accountsWithDemoPassword({ db: ctx.db })).toEqual([]);
      const regions = ctx.db.$client.prepare("select count(*) as n from regions").get() as { n: number };
      expect(regions.n).toBeGreaterThan(0);
    } finally {
      ctx.cleanup();
    }
  });
});
