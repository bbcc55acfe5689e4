// How this process is deployed, derived from one setting: PUBLIC_URL, the address users reach.
// Unset: the local demo (demo data, only the server's own loopback origins). Set: production
// (no demo data, only that origin; on https also Secure __Host- cookies and HSTS). Decision 013.
import { loopbackOrigins, parseTrustProxy, type TrustProxy } from "../domain/origin";

export type Deployment = {
  /** PUBLIC_URL's origin, or null for the local demo. */
  publicOrigin: string | null;
  /** No demo data; the published demo password may not open any account. */
  production: boolean;
  /** The only origins whose pages may post forms or open websockets. */
  allowedOrigins: readonly string[];
  /** Cookies are Secure whatever the request's protocol (TLS ends at the proxy). */
  secureCookies: boolean;
  sessionCookie: string;
  /** Strict-Transport-Security value, or null. */
  hsts: string | null;
  trustProxy: TrustProxy;
};

export class DeploymentError extends Error {}

// A year: long enough that a first visit protects the following ones; no includeSubDomains,
// since other hosts of the operator's domain are not ours to promise https for.
const HSTS = "max-age=31536000";
const SESSION_COOKIE_NAME = "aw_session";

function parsePublicUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeploymentError(`PUBLIC_URL is geen geldig adres: ${JSON.stringify(raw)} (bijvoorbeeld https://agendawerk.example).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new DeploymentError(`PUBLIC_URL moet met https:// (of http://) beginnen: ${JSON.stringify(raw)}.`);
  }
  // The app's routes start at the root, and an origin is all a browser compares.
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new DeploymentError(`PUBLIC_URL is alleen schema, host en eventueel poort, zonder pad: ${JSON.stringify(raw)}.`);
  }
  return url;
}

// __Host-: the browser keeps the cookie only if Secure, Path=/ and host-only, so a sibling
// subdomain cannot plant one for us (session fixation). Browsers honour it only over https.
function cookieName(base: string, https: boolean) {
  return https ? `__Host-${base}` : base;
}

export function deploymentFrom(env: Record<string, string | undefined>): Deployment {
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) {
    return {
      publicOrigin: null,
      production: false,
      allowedOrigins: loopbackOrigins(Number(env.PORT ?? 3000)),
      secureCookies: false,
      sessionCookie: SESSION_COOKIE_NAME,
      hsts: null,
      trustProxy,
    };
  }
  const url = parsePublicUrl(raw);
  const https = url.protocol === "https:";
  return {
    publicOrigin: url.origin,
    production: true,
    allowedOrigins: [url.origin],
    secureCookies: https,
    sessionCookie: cookieName(SESSION_COOKIE_NAME, https),
    hsts: https ? HSTS : null,
    trustProxy,
  };
}

/** This process's deployment; read once, the same in the server and in the Remix build. */
export const deployment: Deployment = deploymentFrom(process.env);

/** Whether a cookie set in answer to this request gets Secure: always with an https PUBLIC_URL. */
export function cookiesSecure(request: Request): boolean {
  return deployment.secureCookies || new URL(request.url).protocol === "https:";
}

/** A cookie's name in this deployment: "__Host-<base>" with an https PUBLIC_URL (then always Secure, Path=/). */
export function hostCookieName(base: string): string {
  return cookieName(base, deployment.secureCookies);
}
