// Which requests come from Agendawerk's own pages: one rule for form posts (server.ts) and
// websocket upgrades (collab-server/auth.ts), and how TRUST_PROXY is read. Pure: no I/O, no env.

/** Origins allowed to drive the app, or "any" (only tests that speak to the collab server directly). */
export type AllowedOrigins = readonly string[] | "any";

/**
 * The serialised origin of an Origin header value, or null when it is "null", absent or not exactly
 * an http(s) origin. Browsers serialise Origin canonically (lower-case host, default port dropped),
 * so anything else is not a browser of ours and needs no leniency.
 */
export function parseOrigin(value: string | null | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin === value ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origin of a full URL (a Referer), or null. */
export function originOfUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** What a browser on this machine can call the server when no public address is configured. */
export function loopbackOrigins(port: number): string[] {
  return ["localhost", "127.0.0.1", "[::1]"].map((host) => `http://${host}:${port}`);
}

export function originAllowed(origin: string | null | undefined, allowed: AllowedOrigins): boolean {
  if (allowed === "any") return true;
  const parsed = parseOrigin(origin);
  return parsed !== null && allowed.includes(parsed);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export type RequestSource = {
  method: string;
  origin?: string | null;
  secFetchSite?: string | null;
  referer?: string | null;
};

export type SourceVerdict =
  | { ok: true }
  | { ok: false; reason: "origin" | "fetch-site" | "referer" };

/**
 * Whether a request may change state. A browser says where a request comes from in Origin (every
 * POST since 2020), Sec-Fetch-Site (every request since 2023) or at least Referer; the first one
 * present decides and must name an allowed origin. A request with none of them is not from a
 * browser, so it cannot be a forgery riding on a victim's cookie (decision 013).
 */
export function checkRequestSource(request: RequestSource, allowed: AllowedOrigins): SourceVerdict {
  if (!isStateChanging(request.method) || allowed === "any") return { ok: true };
  if (request.origin != null) return originAllowed(request.origin, allowed) ? { ok: true } : { ok: false, reason: "origin" };
  if (request.secFetchSite != null) {
    // "none": the user started it (address bar, bookmark); never another site.
    const site = request.secFetchSite.toLowerCase();
    return site === "same-origin" || site === "none" ? { ok: true } : { ok: false, reason: "fetch-site" };
  }
  if (request.referer != null) {
    const origin = originOfUrl(request.referer);
    return origin !== null && allowed.includes(origin) ? { ok: true } : { ok: false, reason: "referer" };
  }
  return { ok: true };
}

/** Express's "trust proxy" value: hops, or the proxies' addresses, names or CIDR ranges. */
export type TrustProxy = false | number | string[];

export class TrustProxyError extends Error {}

/**
 * TRUST_PROXY as an operator means it: a number is how many proxies stand in front ("1": one
 * nginx), anything else a comma-separated list that Express validates (loopback, uniquelocal,
 * 10.0.0.0/8, ...). "true" (trust every hop) would let any client name its own address in
 * X-Forwarded-For and dodge the login throttle, so it is refused.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false") return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : hops;
  }
  if (value === "true") {
    throw new TrustProxyError(
      "TRUST_PROXY=true vertrouwt elke afzender: geef het aantal proxies voor de server (bijvoorbeeld 1) of hun adressen.",
    );
  }
  const list = value.split(",").map((part) => part.trim()).filter(Boolean);
  return list.length ? list : false;
}
