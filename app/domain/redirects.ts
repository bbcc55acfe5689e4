// Where a `redirectTo` may send the browser. String prefix checks lose to the URL parser's
// forgiveness (it drops tabs and newlines, treats `\` as `/`, resolves `/./` and `/../`), so the
// value is parsed the way the browser will parse the Location header, and judged on the result.

// C0 controls and DEL: never part of a path a page links to; CR/LF would also split the header.
const CONTROL = /[\u0000-\u001f\u007f]/;

const MAX_LENGTH = 2048;

export type RedirectCheck = { ok: true; to: string } | { ok: false; reason: "control-characters" };

/**
 * The path, query and fragment that `to` names on `origin`, or `fallback` when it leads elsewhere
 * (another origin, another scheme such as `javascript:`, or something that is no URL at all).
 * Control characters are refused outright: the caller answers 400.
 */
export function sameOriginPath(to: unknown, origin: string, fallback = "/"): RedirectCheck {
  if (typeof to !== "string" || to === "") return { ok: true, to: fallback };
  if (CONTROL.test(to)) return { ok: false, reason: "control-characters" };
  // Longer than any page's address; proxies refuse response headers far shorter than a form body.
  if (to.length > MAX_LENGTH) return { ok: true, to: fallback };
  const resolved = parse(to, origin);
  if (!resolved || resolved.origin !== origin) return { ok: true, to: fallback };
  const path = resolved.pathname + resolved.search + resolved.hash;
  // Dot segments can leave a path that itself reads as scheme-relative ("/.//evil.example" becomes
  // "//evil.example"): the answer must stay on this origin when the browser resolves it again.
  const again = parse(path, origin);
  if (!again || again.origin !== origin || again.href !== resolved.href) return { ok: true, to: fallback };
  return { ok: true, to: path };
}

function parse(to: string, origin: string) {
  try {
    return new URL(to, origin);
  } catch {
    return null;
  }
}
