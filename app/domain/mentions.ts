// The @mention being typed in a comment, and who it can still become. Pure, so the autocomplete's
// rules are tested without a browser. The server decides what a finished text mentions
// (findMentions, for barrier threads and passage comments alike): a whole "@Full Name", case-insensitive.

/** How far back from the caret an "@" may be: a full name with spaces fits, a paragraph does not. */
const MAX_QUERY = 60;

/** Lower case without accents, so "@ele" finds "Élise" and "@fa" finds "Fatima". */
export function foldForMatch(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The mention the caret is in: the "@" that starts it (at the text's start or after a space or
 * an opening bracket) and what was typed after it, or null. A mention ends at a line break.
 */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(Math.max(0, caret - MAX_QUERY - 1), caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  const start = caret - before.length + at;
  const query = before.slice(at + 1);
  if (/[\n@]/.test(query) || /^\s/.test(query)) return null;
  if (start > 0 && !/[\s([{"'“‘]/u.test(text[start - 1]!)) return null;
  return { start, query };
}

/**
 * The people whose name starts with the query, or has a word that does (surname, second name),
 * first those whose name starts with it, then alphabetically; at most `limit`.
 */
export function matchPeople<P extends { name: string }>(people: readonly P[], query: string, limit = 8): P[] {
  const q = foldForMatch(query.trim());
  const scored: Array<{ p: P; rank: number }> = [];
  for (const p of people) {
    const name = foldForMatch(p.name);
    if (name.startsWith(q)) scored.push({ p, rank: 0 });
    else if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) scored.push({ p, rank: 1 });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name, "nl"))
    .slice(0, limit)
    .map((s) => s.p);
}

/** The text with the mention at `start`..`caret` replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, mention: { start: number }, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length };
}

/** People mentioned as `@Full Name` or `@mailbox` (the part before the @ of their address). */
export function findMentions(body: string, people: ReadonlyArray<{ id: number; name: string; email: string }>) {
  const lower = body.toLowerCase();
  const mentioned = new Set<number>();
  for (const p of people) {
    const handles = [p.name.toLowerCase(), p.email.split("@")[0].toLowerCase()];
    for (const handle of handles) {
      let at = lower.indexOf(`@${handle}`);
      while (at >= 0) {
        const next = lower.charAt(at + handle.length + 1);
        // A whole handle only: "@an" must not mention "Anouk".
        if (!/[\p{L}\p{N}_]/u.test(next)) {
          mentioned.add(p.id);
          break;
        }
        at = lower.indexOf(`@${handle}`, at + 1);
      }
    }
  }
  return [...mentioned];
}
