// Sign-in with an organisation's account (issue 17, decision 038) against a real OpenID provider
// (oidc-provider on loopback): the start action, the provider's own login form over HTTP, and the
// callback loader, on a temp database. Matching by verified e-mail, every refusal, the password
// form's domain policy, and logging out at the provider too (RP-Initiated Logout 1.0).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import * as client from "openid-client";
import * as s from "../../db/schema";
import { createSession, findSession, SESSION_COOKIE } from "../../app/models/session.server";
import { OidcConfigError, parseOidcProviders, requiredProvider } from "../../app/domain/oidc-providers";
import { type RouteWorld, startRouteWorld } from "../support/route-calls";
import { loginAtProvider, startTestProvider, type TestProvider } from "../support/oidc-provider";

// The demo's server origin (no PUBLIC_URL, PORT unset: 3000): the only one a redirect URI is made for.
const APP = "http://localhost:3000";
const SECRET = "test-client-secret";

let world: RouteWorld;
let idp: TestProvider;
/** A provider without RP-initiated logout: its discovery names no end_session_endpoint. */
let idpWithoutLogout: TestProvider;
let start: typeof import("../../app/routes/login_.oidc.$provider");
let callback: typeof import("../../app/routes/login_.oidc.$provider_.callback");
let loginRoute: typeof import("../../app/routes/login");
let forgotRoute: typeof import("../../app/routes/wachtwoord-vergeten");
let logoutRoute: typeof import("../../app/routes/logout");
let logoutCallback: typeof import("../../app/routes/logout_.oidc.$provider_.callback");
let oidc: typeof import("../../app/utils/oidc.server");
let usersRoute: typeof import("../../app/routes/beheer.gebruikers");

/** A port nothing listens on: the provider that is down. */
async function closedPort() {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  idp = await startTestProvider({
    clients: [
      {
        clientId: "agendawerk",
        clientSecret: SECRET,
        redirectUris: ["zorgnet", "elders"].map((id) => `${APP}/login/oidc/${id}/callback`),
        postLogoutRedirectUris: ["zorgnet", "elders"].map((id) => `${APP}/logout/oidc/${id}/callback`),
      },
    ],
    accounts: {
      anna: { email: "Anna.Jansen@ZorgNet.example", emailVerified: true },
      nieuw: { email: "nieuw@zorgnet.example", emailVerified: true },
      ongeverifieerd: { email: "bram@zorgnet.example", emailVerified: false },
      lotte: { email: "lotte@zorgnet.example", emailVerified: true },
    },
  });
  idpWithoutLogout = await startTestProvider({
    endSession: false,
    clients: [{ clientId: "agendawerk", clientSecret: SECRET, redirectUris: [`${APP}/login/oidc/zonder/callback`] }],
    accounts: { lotte: { email: "lotte@zonder.example", emailVerified: true } },
  });
  const provider = { issuer: idp.issuer, clientId: "agendawerk", clientSecretEnv: "OIDC_TEST_SECRET" };
  process.env.OIDC_TEST_SECRET = SECRET;
  process.env.OIDC_PROVIDERS = JSON.stringify([
    { id: "zorgnet", name: "Zorgnet", ...provider, domains: ["zorgnet.example"], passwordLogin: false },
    { id: "elders", name: "Elders", ...provider, domains: ["elders.example"] },
    { id: "stil", name: "Stil", ...provider, issuer: `http://127.0.0.1:${await closedPort()}`, domains: ["stil.example"] },
    { id: "zonder", name: "Zonder", ...provider, issuer: idpWithoutLogout.issuer, domains: ["zonder.example"] },
  ]);
  // Read once at import, as the server does at start-up.
  start = await import("../../app/routes/login_.oidc.$provider");
  callback = await import("../../app/routes/login_.oidc.$provider_.callback");
  loginRoute = await import("../../app/routes/login");
  forgotRoute = await import("../../app/routes/wachtwoord-vergeten");
  logoutRoute = await import("../../app/routes/logout");
  logoutCallback = await import("../../app/routes/logout_.oidc.$provider_.callback");
  oidc = await import("../../app/utils/oidc.server");
  usersRoute = await import("../../app/routes/beheer.gebruikers");
  world = await startRouteWorld();
});

afterAll(async () => {
  await world?.stop();
  await idp?.close();
  await idpWithoutLogout?.close();
});

const cookieValue = (response: Response, name: string) =>
  response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith(`${name}=`));

type Begin = { provider?: string; redirectTo?: string; url?: string };

async function begin({ provider = "zorgnet", redirectTo = "/regios/amsterdam", url = `${APP}/login/oidc/${provider}` }: Begin = {}) {
  const started = await world.call(start.loader, null, { url: `${url}?${new URLSearchParams({ redirectTo })}`, params: { provider } });
  const location = started.response!.headers.get("Location")!;
  return { status: started.status, location, cookie: cookieValue(started.response!, "aw_oidc") ?? "" };
}

async function back(returnUrl: string, cookie: string, provider = "zorgnet") {
  const done = await world.call(callback.loader, null, { url: returnUrl, params: { provider }, headers: { Cookie: cookie } });
  return { location: done.response!.headers.get("Location")!, session: cookieValue(done.response!, SESSION_COOKIE), response: done.response! };
}

async function signIn(login: string, options: Begin = {}) {
  const { location, cookie } = await begin(options);
  const returnUrl = await loginAtProvider(location, login);
  return { returnUrl, cookie, ...(await back(returnUrl, cookie, options.provider)) };
}

const sessionCount = () => world.db.select({ n: count() }).from(s.sessions).get()!.n;

describe("sign-in through the provider", () => {
  it("matches the verified address to the existing account, case-insensitively, and starts a session like a password login", async () => {
    const anna = world.make.member(world.make.region("amsterdam"), "coordinator", { email: "anna.jansen@zorgnet.example" });
    const { location, session, response } = await signIn("anna");
    expect(location).toBe("/regios/amsterdam");
    const token = decodeURIComponent(session!.split("=")[1]);
    expect(findSession({ db: world.db, token })?.user.id).toBe(anna.id);
    // The device cookie and the recorded success of a password login; the flow's cookie is gone.
    expect(cookieValue(response, "aw_device")).toBeTruthy();
    expect(response.headers.getSetCookie().find((c) => c.startsWith("aw_oidc="))).toMatch(/^aw_oidc=;.*Max-Age=0/);
    expect(world.db.select().from(s.loginAttempts).where(eq(s.loginAttempts.email, "anna.jansen@zorgnet.example")).all()).toMatchObject([{ success: true }]);
  });

  it("asks the provider with PKCE (S256), a state, a nonce and the fixed redirect URI", async () => {
    const { status, location, cookie } = await begin();
    expect(status).toBe(302);
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ code_challenge_method: "S256", redirect_uri: `${APP}/login/oidc/zorgnet/callback`, response_type: "code" });
    for (const p of ["code_challenge", "state", "nonce"]) expect(url.searchParams.get(p)!.length).toBeGreaterThan(20);
    // Sealed: neither the state nor the PKCE verifier can be read from the cookie.
    expect(cookie).not.toContain(url.searchParams.get("state")!);
  });

  it("refuses an address without an account: no account is made, no session starts", async () => {
    const [users, sessions] = [world.db.select({ n: count() }).from(s.users).get()!.n, sessionCount()];
    const { location, session } = await signIn("nieuw");
    expect(location).toBe("/login?inloggen=geen-account&redirectTo=%2Fregios%2Famsterdam");
    expect(session).toBeUndefined();
    expect([world.db.select({ n: count() }).from(s.users).get()!.n, sessionCount()]).toEqual([users, sessions]);
  });

  it("refuses an address the provider has not verified, even of an existing account", async () => {
    world.make.member(world.make.region("amsterdam"), "member", { email: "bram@zorgnet.example" });
    const sessions = sessionCount();
    expect((await signIn("ongeverifieerd", { redirectTo: "/" })).location).toBe("/login?inloggen=niet-geverifieerd");
    expect(sessionCount()).toBe(sessions);
  });

  it("refuses a mismatched state, then a replayed answer; the genuine answer works once", async () => {
    const { location, cookie } = await begin();
    const returnUrl = new URL(await loginAtProvider(location, "anna"));
    const forged = new URL(returnUrl);
    forged.searchParams.set("state", "ander-" + returnUrl.searchParams.get("state"));
    expect((await back(forged.href, cookie)).location).toMatch(/^\/login\?inloggen=mislukt/);
    const withoutState = new URL(returnUrl);
    withoutState.searchParams.delete("state");
    expect((await back(withoutState.href, cookie)).location).toMatch(/^\/login\?inloggen=mislukt/);
    expect((await back(returnUrl.href, cookie)).session).toBeTruthy();
    const replayed = await back(returnUrl.href, cookie);
    expect([replayed.location, replayed.session]).toEqual(["/login?inloggen=mislukt&redirectTo=%2Fregios%2Famsterdam", undefined]);
  });

  it("refuses an answer without this browser's cookie, or with another flow's", async () => {
    const first = await begin();
    const second = await begin();
    const returnUrl = await loginAtProvider(first.location, "anna");
    expect((await back(returnUrl, "")).location).toBe("/login?inloggen=verlopen");
    expect((await back(returnUrl, "aw_oidc=vervalst")).location).toBe("/login?inloggen=verlopen");
    expect((await back(returnUrl, second.cookie)).location).toMatch(/^\/login\?inloggen=mislukt/);
  });

  it("refuses an ID token with another nonce", async () => {
    const { location, cookie } = await begin();
    const tampered = new URL(location);
    tampered.searchParams.set("nonce", "een-andere-nonce-van-een-ander-verzoek");
    const returnUrl = await loginAtProvider(tampered.href, "anna");
    const { location: landed, session } = await back(returnUrl, cookie);
    expect([landed, session]).toEqual(["/login?inloggen=mislukt&redirectTo=%2Fregios%2Famsterdam", undefined]);
  });

  it("refuses a provider that is not configured, and a configured one that may not vouch for the address's domain", async () => {
    const { cookie } = await begin();
    expect((await back(`${APP}/login/oidc/onbekend/callback?code=x&state=y`, cookie, "onbekend")).location).toBe("/login?inloggen=onbekende-dienst");
    expect((await begin({ provider: "onbekend" })).location).toBe("/login?inloggen=onbekende-dienst&redirectTo=%2Fregios%2Famsterdam");
    expect((await signIn("anna", { provider: "elders", redirectTo: "/" })).location).toBe("/login?inloggen=ander-domein");
  });

  it("answers a provider that is down with a message, and makes the redirect URI only for this server's origin", async () => {
    expect((await begin({ provider: "stil", redirectTo: "/" })).location).toBe("/login?inloggen=niet-bereikbaar");
    expect((await begin({ url: "http://evil.example/login/oidc/zorgnet", redirectTo: "/" })).location).toBe("/login?inloggen=mislukt");
  });

  it("sends the user only to a path of this site afterwards", async () => {
    world.make.member(world.make.region("twente"), "member", { email: "anna@zorgnet.example" });
    expect((await begin({ redirectTo: "https://evil.example/x" })).status).toBe(302);
    const { location } = await signIn("anna", { redirectTo: "//evil.example/x" });
    expect(location).toBe("/");
  });
});

describe("the password form and the domain policy", () => {
  it("refuses every address of a provider-only domain alike, known or not, and names the provider", async () => {
    const known = world.make.member(world.make.region("amsterdam"), "member", { email: "piet@zorgnet.example" });
    await world.make.withPassword(known, "Een heel lang wachtwoord 2026");
    const attempts = world.db.select({ n: count() }).from(s.loginAttempts).get()!.n;
    const answers = await Promise.all(
      ["piet@zorgnet.example", "niemand@zorgnet.example"].map((email) =>
        world.call(loginRoute.action, null, { url: `${APP}/login`, form: { email, password: "Een heel lang wachtwoord 2026", redirectTo: "/" } }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ errors: {}, formError: "login.useProvider", formErrorVars: { domain: "zorgnet.example", provider: "Zorgnet" } });
    }
    expect(world.db.select({ n: count() }).from(s.loginAttempts).get()!.n).toBe(attempts);
  });

  it("sends no reset link to a provider-only domain: the forgotten-password form names the provider instead", async () => {
    const known = world.make.member(world.make.region("amsterdam"), "member", { email: "joke@zorgnet.example" });
    await world.make.withPassword(known, "Een heel lang wachtwoord 2026");
    const outbox = () => world.db.select({ n: count() }).from(s.outbox).get()!.n;
    const before = outbox();
    const answer = await world.call(forgotRoute.action, null, { url: `${APP}/wachtwoord-vergeten`, form: { email: "joke@zorgnet.example" } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ formError: "login.useProvider", formErrorVars: { domain: "zorgnet.example", provider: "Zorgnet" } });
    expect(outbox()).toBe(before);
    // Another domain still gets its link.
    await world.make.withPassword(world.make.member(world.make.region("amsterdam"), "member", { email: "kees@elders.example" }), "Een heel lang wachtwoord 2026");
    expect((await world.call(forgotRoute.action, null, { url: `${APP}/wachtwoord-vergeten`, form: { email: "kees@elders.example" } })).status).toBe(302);
    expect(outbox()).toBe(before + 1);
  });

  it("leaves the password form to other domains, also those of a provider that allows passwords", async () => {
    const user = await world.make.withPassword(world.make.member(world.make.region("amsterdam"), "member", { email: "els@elders.example" }), "Een heel lang wachtwoord 2026");
    const answer = await world.call(loginRoute.action, null, { url: `${APP}/login`, form: { email: user.email, password: "Een heel lang wachtwoord 2026", redirectTo: "/" } });
    expect(answer.status).toBe(302);
  });

  it("lets no administrator give a provider-only address a password: not at creation, not by a reset", async () => {
    const admin = world.make.admin();
    const users = () => world.db.select({ n: count() }).from(s.users).get()!.n;
    const before = users();
    const created = await world.call(usersRoute.action, admin, {
      url: `${APP}/beheer/gebruikers`,
      form: { intent: "create-user", name: "Nieuwe Collega", email: "nieuw@zorgnet.example", password: "tijdelijk-wachtwoord-1", kind: "member", organisationId: "" },
    });
    expect(created).toMatchObject({ status: 400, body: { intent: "create-user", errors: { password: "admin.passwordProviderOnly" } } });
    expect(users()).toBe(before);

    const known = await world.make.withPassword(world.make.member(world.make.region("amsterdam"), "member", { email: "rik@zorgnet.example" }), "Een heel lang wachtwoord 2026");
    const stored = () => world.db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, known.id)).get()!.hash;
    const hash = stored();
    const tokens = () => world.db.select({ n: count() }).from(s.passwordTokens).get()!.n;
    const tokensBefore = tokens();
    const reset = await world.call(usersRoute.action, admin, { url: `${APP}/beheer/gebruikers`, form: { intent: "reset-password", userId: String(known.id) } });
    expect(reset).toMatchObject({ status: 400, body: { intent: "reset-password", errors: { form: "account.reset.providerOnly" } } });
    expect([stored(), tokens()]).toEqual([hash, tokensBefore]);

    // The same administrator may still give a password to another domain.
    const elsewhere = await world.call(usersRoute.action, admin, {
      url: `${APP}/beheer/gebruikers`,
      form: { intent: "create-user", name: "Andere Collega", email: "nieuw@elders.example", password: "tijdelijk-wachtwoord-1", kind: "member", organisationId: "" },
    });
    expect(elsewhere.status).toBe(200);
  });

  it("shows the buttons and a refusal's message on the login page", async () => {
    const page = await world.call(loginRoute.loader, null, { url: `${APP}/login?inloggen=geen-account` });
    expect(page.body).toEqual({
      providers: [{ id: "zorgnet", name: "Zorgnet" }, { id: "elders", name: "Elders" }, { id: "stil", name: "Stil" }, { id: "zonder", name: "Zonder" }],
      oidcError: "geen-account",
      logout: null,
    });
    expect((await world.call(loginRoute.loader, null, { url: `${APP}/login?inloggen=<script>` })).body.oidcError).toBeNull();
  });
});

describe("logging out of a session made through a provider (RP-Initiated Logout 1.0)", () => {
  const POST_LOGOUT = `${APP}/logout/oidc/zorgnet/callback`;
  // Remix's script posts the logout form by fetch once the page has hydrated; a page without it posts the form itself.
  const BY_SCRIPT = { "Sec-Fetch-Mode": "cors" };
  const logOut = async (cookie: string, { headers = BY_SCRIPT, url = `${APP}/logout` }: { headers?: Record<string, string>; url?: string } = {}) => {
    const out = await world.call(logoutRoute.action, null, { url, form: {}, headers: { ...headers, Cookie: cookie } });
    return { status: out.status, location: out.response!.headers.get("Location")!, setCookies: out.response!.headers.getSetCookie() };
  };
  const tokenOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1]);
  const endSessionEndpoint = async () => ((await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { end_session_endpoint: string }).end_session_endpoint;
  const expectedLogoutUrl = async () => `${await endSessionEndpoint()}?${new URLSearchParams({ client_id: "agendawerk", post_logout_redirect_uri: POST_LOGOUT })}`;

  beforeAll(() => {
    world.make.member(world.make.region("amsterdam"), "member", { email: "lotte@zorgnet.example" });
    world.make.member(world.make.region("amsterdam"), "member", { email: "lotte@zonder.example" });
  });

  it("builds the end-session URL from discovery: our client_id and the fixed post-logout URI, no token; none without the endpoint", () => {
    const metadata = { issuer: "https://idp.zorg.example", end_session_endpoint: "https://idp.zorg.example/logout?tenant=zorg" };
    const url = new URL(oidc.endSessionUrl(new client.Configuration(metadata, "agendawerk"), "https://agendawerk.example/logout/oidc/zorg/callback")!);
    expect(url.origin + url.pathname).toBe("https://idp.zorg.example/logout");
    expect([...url.searchParams]).toEqual([
      ["tenant", "zorg"],
      ["client_id", "agendawerk"],
      ["post_logout_redirect_uri", "https://agendawerk.example/logout/oidc/zorg/callback"],
    ]);
    expect(oidc.endSessionUrl(new client.Configuration({ issuer: "https://idp.zorg.example" }, "agendawerk"), "https://agendawerk.example/x")).toBeNull();
  });

  it("remembers the provider on the session; logging out ends the session here, then sends the browser to the provider's logout", async () => {
    const { session } = await signIn("lotte", { redirectTo: "/" });
    expect(findSession({ db: world.db, token: tokenOf(session!) })?.oidcProvider).toBe("zorgnet");
    const out = await logOut(session!);
    expect(findSession({ db: world.db, token: tokenOf(session!) })).toBeNull();
    expect(out.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/^aw_session=;.*Max-Age=0/);
    expect([out.status, out.location]).toEqual([302, await expectedLogoutUrl()]);
    // The provider takes client_id without an id_token_hint (its confirmation, not an error page),
    // and only with the post-logout URI registered for us.
    expect((await fetch(out.location)).status).toBe(200);
    const foreign = new URL(out.location);
    foreign.searchParams.set("post_logout_redirect_uri", "http://evil.example/");
    expect((await fetch(foreign)).status).toBe(400);
  });

  it("answers a plain form post (no script yet) with the login page, which links to the provider's logout", async () => {
    for (const headers of [{}, { "Sec-Fetch-Mode": "navigate" }] as Record<string, string>[]) {
      const { session } = await signIn("lotte", { redirectTo: "/" });
      const out = await logOut(session!, { headers });
      expect(out.location).toBe("/login?nog-aangemeld=zorgnet");
      expect(findSession({ db: world.db, token: tokenOf(session!) })).toBeNull();
      const page = await world.call(loginRoute.loader, null, { url: `${APP}${out.location}` });
      expect(page.body.logout).toEqual({ provider: "Zorgnet", atProvider: false, logoutUrl: await expectedLogoutUrl() });
    }
  });

  it("without an end_session_endpoint, or with the provider down, logs out here and says the user is still signed in there", async () => {
    const { session } = await signIn("lotte", { provider: "zonder", redirectTo: "/" });
    const out = await logOut(session!);
    expect([findSession({ db: world.db, token: tokenOf(session!) }), out.location]).toEqual([null, "/login?nog-aangemeld=zonder"]);
    expect((await world.call(loginRoute.loader, null, { url: `${APP}${out.location}` })).body.logout).toEqual({ provider: "Zonder", atProvider: false, logoutUrl: null });

    const user = world.make.member(world.make.region("amsterdam"), "member", { email: "iemand@stil.example" });
    for (const [provider, landing] of [
      ["stil", "/login?nog-aangemeld=stil"],
      // Taken out of OIDC_PROVIDERS since the sign-in: nothing to say about it.
      ["vervallen", "/login"],
    ]) {
      const { token } = createSession({ db: world.db, userId: user.id, ip: "127.0.0.1", userAgent: null, oidcProvider: provider });
      const down = await logOut(`${SESSION_COOKIE}=${token}`);
      expect([findSession({ db: world.db, token }), down.status, down.location]).toEqual([null, 302, landing]);
    }
  });

  it("makes the post-logout URI only for this server's origin, never one the request names", async () => {
    const { session } = await signIn("lotte", { redirectTo: "/" });
    expect((await logOut(session!, { url: "http://evil.example/logout" })).location).toBe("/login?nog-aangemeld=zorgnet");
  });

  it("confirms on the login page when the provider sends the browser back, for a provider we know", async () => {
    const back = async (provider: string) =>
      (await world.call(logoutCallback.loader, null, { url: `${APP}/logout/oidc/${provider}/callback`, params: { provider } })).response!.headers.get("Location");
    expect([await back("zorgnet"), await back("onbekend")]).toEqual(["/login?afgemeld=zorgnet", "/login"]);
    expect((await world.call(loginRoute.loader, null, { url: `${APP}/login?afgemeld=zorgnet` })).body.logout).toEqual({ provider: "Zorgnet", atProvider: true });
    expect((await world.call(loginRoute.loader, null, { url: `${APP}/login?afgemeld=<b>iets</b>` })).body.logout).toBeNull();
  });

  it("logs a password session out as before: to the login page, no provider", async () => {
    const user = await world.make.withPassword(world.make.member(world.make.region("amsterdam"), "member", { email: "wim@elders.example" }), "Een heel lang wachtwoord 2026");
    const cookie = world.cookieFor(user);
    expect(findSession({ db: world.db, token: tokenOf(cookie) })?.oidcProvider).toBeNull();
    const out = await logOut(cookie);
    expect([out.location, findSession({ db: world.db, token: tokenOf(cookie) })]).toEqual(["/login", null]);
  });
});

describe("OIDC_PROVIDERS", () => {
  const one = { id: "zorg", name: "Zorg", issuer: "https://idp.zorg.example", clientId: "aw", domains: ["zorg.example"] };
  const parse = (list: unknown, env: Record<string, string> = {}) => parseOidcProviders({ OIDC_PROVIDERS: JSON.stringify(list), ...env });

  it("takes the secret from the variable it names, and stops on what would fail later", () => {
    expect(parse([{ ...one, clientSecretEnv: "ZORG_SECRET" }], { ZORG_SECRET: "geheim" })[0]).toMatchObject({ clientSecret: "geheim", passwordLogin: true });
    expect(parseOidcProviders({})).toEqual([]);
    expect(() => parse([{ ...one, clientSecretEnv: "ZORG_SECRET" }])).toThrow(/ZORG_SECRET .*niet ingesteld/);
    expect(() => parse([{ ...one, clientSecret: "in de JSON" }])).toThrow(OidcConfigError);
    expect(() => parse([{ ...one, issuer: "http://idp.zorg.example" }])).toThrow(/https/);
    expect(() => parse([{ ...one, domains: [] }])).toThrow(/domains/);
    expect(() => parse([one, one])).toThrow(/twee keer/);
    expect(() => parse([{ ...one, passwordLogin: false }, { ...one, id: "ander", passwordLogin: false }])).toThrow(/zorg.example/);
    expect(() => parseOidcProviders({ OIDC_PROVIDERS: "{kapot" })).toThrow(/geen geldige JSON/);
  });

  it("names the provider a domain must use, by the domain alone", () => {
    const providers = parse([{ ...one, domains: ["Zorg.Example"], passwordLogin: false }]);
    expect(requiredProvider(providers, "Iemand@ZORG.example")?.id).toBe("zorg");
    expect(requiredProvider(providers, "iemand@sub.zorg.example")).toBeNull();
    expect(requiredProvider(parse([one]), "iemand@zorg.example")).toBeNull();
  });
});
