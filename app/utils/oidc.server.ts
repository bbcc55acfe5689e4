// Sign-in with an organisation's OpenID provider: the authorization code flow with PKCE, state and
// nonce, through openid-client (which validates the ID token: signature, issuer, audience, expiry,
// nonce). What the browser must bring back travels in a sealed, short-lived cookie bound to it; a
// state is accepted once. Logging out of a session made this way ends it at the provider too
// (RP-Initiated Logout 1.0). Decision 038.
import crypto from "node:crypto";
import * as client from "openid-client";
import { data } from "@remix-run/node";
import type { MessageKey } from "../i18n/messages";
import type { Db } from "../../db";
import { emailDomain, insecureIssuerAllowed, isOidcError, parseOidcProviders, providerVouchesFor, requiredProvider, type OidcError, type OidcProvider } from "../domain/oidc-providers";
import { serverSecret } from "../models/device-cookie.server";
import { readCookie } from "../models/session.server";
import { cookiesSecure, deployment, hostCookieName } from "./deployment.server";
import { preparedFor } from "./prepared.server";
import { log } from "./log.server";

/** The providers of this process (OIDC_PROVIDERS), read once like the deployment. */
export const oidcProviders: readonly OidcProvider[] = parseOidcProviders(process.env);

/**
 * The answer for an address whose domain signs in through its provider only (decision 038): by the
 * domain alone, so every address of it, known or not, gets the same one. Null when passwords are allowed.
 */
export function providerOnlyRefusal(email: string) {
  const provider = requiredProvider(oidcProviders, email);
  if (!provider) return null;
  return data({ errors: {}, formError: "login.useProvider" as MessageKey, formErrorVars: { domain: emailDomain(email), provider: provider.name } }, { status: 403 });
}

export function findProvider(id: string | undefined) {
  return oidcProviders.find((p) => p.id === id) ?? null;
}

export const OIDC_STATE_COOKIE = hostCookieName("aw_oidc");
/** Long enough to type a password and a second factor at the provider; short enough to be of no use later. */
const STATE_TTL_MS = 10 * 60 * 1000;

type Pending = { provider: string; state: string; nonce: string; verifier: string; redirectTo: string; issuedAt: number };

// Discovery waits for the first sign-in, so a provider that is down at start-up costs nothing but
// its own button; a failure is not kept, the next attempt asks again.
const configurations = new Map<string, Promise<client.Configuration>>();

function configurationFor(provider: OidcProvider) {
  let found = configurations.get(provider.id);
  if (!found) {
    found = client.discovery(
      provider.issuer,
      provider.clientId,
      undefined,
      provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None(),
      { execute: insecureIssuerAllowed(provider.issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
    found.catch(() => configurations.delete(provider.id));
    configurations.set(provider.id, found);
  }
  return found;
}

/**
 * An address of ours the provider sends the browser back to, registered with it: PUBLIC_URL's
 * origin, or in the local demo the loopback origin the request came in on. null for any other Host.
 */
function registeredUri(request: Request, path: string): string | null {
  const origin = deployment.publicOrigin ?? new URL(request.url).origin;
  if (!deployment.allowedOrigins.includes(origin)) return null;
  return new URL(path, origin).href;
}

/** Where the provider answers a sign-in. */
export function redirectUri(request: Request, provider: OidcProvider) {
  return registeredUri(request, `/login/oidc/${provider.id}/callback`);
}

/** Where the provider sends the browser after its logout: fixed per provider, never a target the request names. */
export function postLogoutRedirectUri(request: Request, provider: OidcProvider) {
  return registeredUri(request, `/logout/oidc/${provider.id}/callback`);
}

// AES-256-GCM: the cookie is secret (the PKCE verifier) and cannot be altered or forged.
const sealingKey = preparedFor((db) => serverSecret({ db, name: "oidc-state" }));
const AAD = Buffer.from("aw_oidc.v1");

function seal(db: Db, pending: Pending) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sealingKey(db), iv).setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function unseal(db: Db, value: string | null, now: number): Pending | null {
  if (!value || value.length > 2000) return null;
  try {
    const raw = Buffer.from(value, "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", sealingKey(db), raw.subarray(0, 12)).setAAD(AAD);
    decipher.setAuthTag(raw.subarray(12, 28));
    const pending = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as Pending;
    return now - pending.issuedAt <= STATE_TTL_MS && now >= pending.issuedAt ? pending : null;
  } catch {
    return null;
  }
}

export function stateCookieHeader(request: Request, value: string | null) {
  // Lax: the provider's redirect back is a top-level GET from another site, which Lax lets through.
  const parts = [`${OIDC_STATE_COOKIE}=${value ?? ""}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${value ? STATE_TTL_MS / 1000 : 0}`];
  if (cookiesSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

// States already answered (until they would have expired anyway): a callback URL used twice, with
// its cookie, is refused here before the provider is even asked to redeem the code again.
const answeredStates = new Map<string, number>();

function answerOnce(state: string, now: number) {
  for (const [s, until] of answeredStates) if (until < now) answeredStates.delete(s);
  if (answeredStates.has(state)) return false;
  answeredStates.set(state, now + STATE_TTL_MS);
  return true;
}

type Failure = { ok: false; error: OidcError };

function failed(provider: OidcProvider, error: OidcError, cause?: unknown): Failure {
  if (cause) log.warn("oidc: sign-in failed", { provider: provider.id, error, cause: cause instanceof Error ? cause.message : String(cause) });
  return { ok: false, error };
}

/** The provider's authorization URL for this browser, and the cookie that must come back with the answer. */
export async function startSignIn({ db, request, provider, redirectTo, now = Date.now() }: { db: Db; request: Request; provider: OidcProvider; redirectTo: string; now?: number }): Promise<{ ok: true; url: string; cookie: string } | Failure> {
  const redirect_uri = redirectUri(request, provider);
  if (!redirect_uri) return failed(provider, "mislukt", `request origin ${new URL(request.url).origin} is not this server's`);
  let config: client.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (error) {
    return failed(provider, "niet-bereikbaar", error);
  }
  const pending: Pending = { provider: provider.id, state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), redirectTo, issuedAt: now };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { ok: true, url: url.href, cookie: stateCookieHeader(request, seal(db, pending)) };
}

/**
 * Judges the provider's answer at the callback: the cookie this browser got at the start, for this
 * provider, not expired, its state equal and not answered before; then the code is redeemed with the
 * PKCE verifier and the ID token checked with the nonce. The address must be verified and in the
 * provider's domains. Returns the address and where the user was going.
 */
export async function finishSignIn({ db, request, provider, now = Date.now() }: { db: Db; request: Request; provider: OidcProvider; now?: number }): Promise<{ ok: true; email: string; redirectTo: string } | (Failure & { redirectTo: string })> {
  const pending = unseal(db, readCookie(request.headers.get("Cookie"), OIDC_STATE_COOKIE), now);
  const outcome = pending ? await redeem({ request, provider, pending, now }) : failed(provider, "verlopen");
  return { ...outcome, redirectTo: pending?.redirectTo ?? "/" };
}

async function redeem({ request, provider, pending, now }: { request: Request; provider: OidcProvider; pending: Pending; now: number }): Promise<{ ok: true; email: string } | Failure> {
  const answer = new URL(request.url).searchParams;
  if (pending.provider !== provider.id) return failed(provider, "verlopen");
  if (answer.get("error")) return failed(provider, answer.get("error") === "access_denied" ? "geweigerd" : "mislukt", answer.get("error"));
  if (answer.get("state") !== pending.state) return failed(provider, "mislukt", "state mismatch");
  if (!answerOnce(pending.state, now)) return failed(provider, "mislukt", "state answered before");
  const redirect_uri = redirectUri(request, provider);
  if (!redirect_uri) return failed(provider, "mislukt", "callback on another origin");
  let config: client.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (error) {
    return failed(provider, "niet-bereikbaar", error);
  }
  // The fixed redirect URI with the answer's parameters: never the Host the request claims.
  const current = new URL(redirect_uri);
  current.search = answer.toString();
  let claims: client.IDToken | undefined;
  let accessToken: string;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    accessToken = tokens.access_token;
  } catch (error) {
    return failed(provider, "mislukt", error);
  }
  if (!claims) return failed(provider, "mislukt", "no ID token");
  let { email, email_verified } = claims as { email?: unknown; email_verified?: unknown };
  // Some providers keep the address out of the ID token and give it at the userinfo endpoint.
  if (email === undefined) {
    try {
      ({ email, email_verified } = await client.fetchUserInfo(config, accessToken, claims.sub));
    } catch (error) {
      return failed(provider, "mislukt", error);
    }
  }
  if (typeof email !== "string" || email_verified !== true) return failed(provider, "niet-geverifieerd");
  if (!providerVouchesFor(provider, email)) return failed(provider, "ander-domein");
  return { ok: true, email: email.trim().toLowerCase() };
}

/** The login page with a refusal's message, keeping where the user was going. */
export function loginErrorPath(error: OidcError, redirectTo: string) {
  const query = new URLSearchParams({ inloggen: error });
  if (redirectTo !== "/") query.set("redirectTo", redirectTo);
  return `/login?${query}`;
}

// The login page's address after a logout of a provider's session: `afgemeld` once the provider
// has sent the browser back from its logout, `nog-aangemeld` when it could not be asked to.
const LOGGED_OUT_AT_PROVIDER = "afgemeld";
const STILL_SIGNED_IN_AT_PROVIDER = "nog-aangemeld";

const loginPageAfterLogout = (param: string, provider: OidcProvider) => `/login?${new URLSearchParams({ [param]: provider.id })}`;

/**
 * The provider's end_session_endpoint (from discovery) with our client_id and the fixed
 * post-logout redirect URI, or null when the provider announces none. No id_token_hint: we keep
 * no ID tokens, and RP-Initiated Logout 1.0 lets client_id name the client instead (decision 038).
 * No state either: the way back grants nothing, and it would not tell whether the user confirmed.
 */
export function endSessionUrl(config: client.Configuration, postLogoutRedirectUri: string): string | null {
  if (typeof config.serverMetadata().end_session_endpoint !== "string") return null;
  return client.buildEndSessionUrl(config, { client_id: config.clientMetadata().client_id, post_logout_redirect_uri: postLogoutRedirectUri }).href;
}

/** The URL that signs this browser out at the provider, or null: it has no such endpoint, cannot be reached, or the request is on a foreign Host. */
export async function providerLogoutUrl({ request, provider }: { request: Request; provider: OidcProvider }): Promise<string | null> {
  const postLogout = postLogoutRedirectUri(request, provider);
  if (!postLogout) return null;
  try {
    return endSessionUrl(await configurationFor(provider), postLogout);
  } catch (error) {
    // Discovery failed (the provider is down), or its end_session_endpoint is one we may not use.
    log.warn("oidc: no logout at the provider", { provider: provider.id, cause: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * Whether Remix's script sent the request (fetch) rather than the browser's own form post, which
 * a page without its script yet makes. Only the script's kind may be redirected to the provider:
 * the CSP's form-action 'self' stops a form post's redirect to another site (a fetch's redirect
 * Remix follows by setting the page's address, which no CSP directive limits). Browsers that send
 * no Sec-Fetch-Mode get the form's answer, which works everywhere.
 */
function sentByScript(request: Request) {
  const mode = request.headers.get("Sec-Fetch-Mode");
  return mode !== null && mode !== "navigate";
}

/**
 * Where a browser goes once its session, made through `providerId`, has ended here: the
 * provider's logout, so that the next person at this computer who clicks "Inloggen met …" is asked
 * to sign in there instead of being let in as the previous user. When the provider cannot be
 * asked (no end_session_endpoint, unreachable, or a form post without script), the login page
 * says the user is still signed in there, with a link to that logout where there is one.
 */
export async function afterProviderSession({ request, providerId }: { request: Request; providerId: string }): Promise<string> {
  const provider = findProvider(providerId);
  // Taken out of OIDC_PROVIDERS since the sign-in: nothing left to send the browser to.
  if (!provider) return "/login";
  const url = sentByScript(request) ? await providerLogoutUrl({ request, provider }) : null;
  return url ?? loginPageAfterLogout(STILL_SIGNED_IN_AT_PROVIDER, provider);
}

/** The post-logout redirect URI's answer: the login page's confirmation, for a provider we know. */
export function loggedOutAtProviderPath(providerId: string | undefined) {
  const provider = findProvider(providerId);
  return provider ? loginPageAfterLogout(LOGGED_OUT_AT_PROVIDER, provider) : "/login";
}

export type ProviderLogoutNotice = { provider: string; atProvider: true } | { provider: string; atProvider: false; logoutUrl: string | null };

/** What the login page says after a logout of a provider's session, with the provider's name from our configuration, never from the address. */
async function providerLogoutNotice(request: Request): Promise<ProviderLogoutNotice | null> {
  const params = new URL(request.url).searchParams;
  const done = findProvider(params.get(LOGGED_OUT_AT_PROVIDER) ?? undefined);
  if (done) return { provider: done.name, atProvider: true };
  const still = findProvider(params.get(STILL_SIGNED_IN_AT_PROVIDER) ?? undefined);
  if (!still) return null;
  return { provider: still.name, atProvider: false, logoutUrl: await providerLogoutUrl({ request, provider: still }) };
}

/** What the login page shows of the providers: their buttons, the message of a refusal, and after a logout what became of the provider's sign-in. */
export async function loginPageProviders(request: Request) {
  const error = new URL(request.url).searchParams.get("inloggen");
  return { providers: oidcProviders.map(({ id, name }) => ({ id, name })), oidcError: isOidcError(error) ? error : null, logout: await providerLogoutNotice(request) };
}
