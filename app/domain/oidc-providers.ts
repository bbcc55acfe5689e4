// Which OpenID Connect providers users may sign in with, and which e-mail domains must use them
// (decision 038). The operator describes them in OIDC_PROVIDERS (JSON); each client secret stays in
// an environment variable of its own that the JSON only names. Pure: the caller passes the env.
import { z } from "zod";

export type OidcProvider = {
  /** In the redirect URI: /login/oidc/<id>/callback. */
  id: string;
  /** Shown on the button: "Inloggen met <name>". */
  name: string;
  issuer: URL;
  clientId: string;
  /** null: a public client, authenticated by PKCE alone. */
  clientSecret: string | null;
  /** The e-mail domains this provider vouches for; an ID token for any other address is refused. */
  domains: readonly string[];
  /** false: addresses in `domains` may not use the password form. */
  passwordLogin: boolean;
};

export class OidcConfigError extends Error {}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "geen domeinnaam");

const providerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, "kleine letters, cijfers en streepjes"),
  name: z.string().trim().min(1).max(60),
  issuer: z.string().url(),
  clientId: z.string().min(1).max(500),
  clientSecretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "de naam van een omgevingsvariabele").optional(),
  domains: z.array(domain).min(1, "minstens één e-maildomein"),
  passwordLogin: z.boolean().default(true),
}).strict();

/** Whether an issuer may be spoken to over plain http: only on this machine (the test provider). */
export function insecureIssuerAllowed(issuer: URL) {
  return issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
}

/**
 * The providers OIDC_PROVIDERS describes (none when unset), each with its secret from the
 * variable it names. A mistake stops the server with a Dutch message instead of a login that
 * fails later for everyone.
 */
export function parseOidcProviders(env: Record<string, string | undefined>): OidcProvider[] {
  const raw = env.OIDC_PROVIDERS?.trim();
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new OidcConfigError("OIDC_PROVIDERS is geen geldige JSON: verwacht een lijst van inlogdiensten.");
  }
  const parsed = z.array(providerSchema).min(1).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OidcConfigError(`OIDC_PROVIDERS: ${issue.path.join(".") || "lijst"}: ${issue.message}.`);
  }
  const seenIds = new Set<string>();
  const domainOwners = new Map<string, string>();
  return parsed.data.map((p) => {
    if (seenIds.has(p.id)) throw new OidcConfigError(`OIDC_PROVIDERS: de id "${p.id}" komt twee keer voor.`);
    seenIds.add(p.id);
    const issuer = new URL(p.issuer);
    if (issuer.protocol !== "https:" && !insecureIssuerAllowed(issuer)) {
      throw new OidcConfigError(`OIDC_PROVIDERS: de issuer van "${p.id}" moet met https:// beginnen.`);
    }
    // One domain, one provider it must use: otherwise the password form could not say which.
    if (!p.passwordLogin) {
      for (const d of p.domains) {
        if (domainOwners.has(d)) throw new OidcConfigError(`OIDC_PROVIDERS: ${d} moet zowel "${domainOwners.get(d)}" als "${p.id}" gebruiken.`);
        domainOwners.set(d, p.id);
      }
    }
    let clientSecret: string | null = null;
    if (p.clientSecretEnv) {
      clientSecret = env[p.clientSecretEnv] ?? "";
      if (!clientSecret) throw new OidcConfigError(`OIDC_PROVIDERS: ${p.clientSecretEnv} (het clientgeheim van "${p.id}") is niet ingesteld.`);
    }
    return { id: p.id, name: p.name, issuer, clientId: p.clientId, clientSecret, domains: p.domains, passwordLogin: p.passwordLogin };
  });
}

/** The part after the last "@", lower-cased; "" for something that is no address. */
export function emailDomain(email: string) {
  const at = email.lastIndexOf("@");
  return at === -1 ? "" : email.slice(at + 1).trim().toLowerCase();
}

/**
 * The provider an address must sign in with, or null when the password form is open to it. Judged
 * on the domain alone, so every address of a domain, known or not, gets the same answer.
 */
export function requiredProvider(providers: readonly OidcProvider[], email: string): OidcProvider | null {
  const d = emailDomain(email);
  return providers.find((p) => !p.passwordLogin && p.domains.includes(d)) ?? null;
}

/** Whether a provider may vouch for this address (its domains); another organisation's IdP may not. */
export function providerVouchesFor(provider: OidcProvider, email: string) {
  return provider.domains.includes(emailDomain(email));
}

/** Why a sign-in through a provider did not happen; in the login page's address (?inloggen=…), so Dutch. */
export const oidcErrors = ["verlopen", "geweigerd", "mislukt", "niet-bereikbaar", "niet-geverifieerd", "ander-domein", "geen-account", "onbekende-dienst"] as const;
export type OidcError = (typeof oidcErrors)[number];

export function isOidcError(value: string | null): value is OidcError {
  return (oidcErrors as readonly string[]).includes(value ?? "");
}
