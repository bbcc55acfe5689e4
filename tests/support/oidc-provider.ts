// A real OpenID provider (oidc-provider) on loopback for the OIDC tests: its own development login
// form (any login name, any password) signs in the account of that name; consent is taken as given,
// as an organisation's IdP does for its own applications. Its RP-initiated logout asks "Do you want to
// sign-out" on a development page of its own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Context } from "oidc-provider";

export type TestAccount = { email: string; emailVerified: boolean };
export type TestClient = { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris?: string[] };

export type TestProvider = { issuer: string; close(): Promise<void> };

/**
 * Starts the provider on 127.0.0.1:`port` (0: any free port); the login name is the account's key in
 * `accounts`. `endSession: false` leaves out the end_session_endpoint, as providers without
 * RP-initiated logout do.
 */
export async function startTestProvider({ port = 0, clients, accounts, endSession = true }: { port?: number; clients: TestClient[]; accounts: Record<string, TestAccount>; endSession?: boolean }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      ...(c.postLogoutRedirectUris ? { post_logout_redirect_uris: c.postLogoutRedirectUris } : {}),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    })),
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    pkce: { required: () => true },
    cookies: { keys: ["agendawerk-test-provider"] },
    // Explicit lifetimes (seconds) keep the provider from noting its defaults on every first use.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: endSession } },
    async loadExistingGrant(ctx: Context) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // The development views say so on every page; the tests know.
  provider.on("server_error", (_ctx, error) => console.error("test provider:", error));
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a browser does at the provider, by HTTP: open the authorization URL, fill in the login form
 * as `login`, follow the redirects, and return the URL the provider sends the browser back to.
 */
export async function loginAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), ...(cookie ? { Cookie: cookie } : {}) } });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
  const origin = new URL(authorizationUrl).origin;
  let response = await send(authorizationUrl);
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get("Location");
    if (!location) throw new Error(`test provider answered ${response.status} without a redirect: ${await response.text()}`);
    const next = new URL(location, origin);
    if (next.origin !== origin) return next.href;
    if (/^\/interaction\/[^/]+$/.test(next.pathname)) {
      await send(next.href);
      response = await send(next.href, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "test" }).toString(),
      });
    } else {
      response = await send(next.href);
    }
  }
  throw new Error("test provider: too many redirects");
}
