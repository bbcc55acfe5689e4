// How search reads Dutch (docs/decisions/019-dutch-search.md). One analyser for the three places
// that must agree: the index (SQL functions registered on every connection by db/index.ts, called
// by the search triggers), the query (app/models/search.server.ts) and the highlighted snippet.
// If they disagreed, a result would be found without a highlighted word, or the reverse.
import { stemmer } from "@orama/stemmers/dutch";

const WORD = /[\p{L}\p{N}]+/gu;
const HAS_DIGIT = /\p{N}/u;

/** The word as the FTS5 tokenizer (unicode61 remove_diacritics 2) compares it: lower case, no accents. */
export function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/**
 * The Snowball Dutch stem, after one rule Snowball lacks: a final "ën" (financiën, ideeën,
 * technologieën) is the plural ending after a vowel, which Snowball keeps because it strips "en"
 * only after a consonant. Typed without the diaeresis ("financien", words of 8 letters or more)
 * it is read the same way; index and query share the rule, so an odd case only costs recall.
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= MEMO_WORDS) stems.clear();
    stems.set(word, (s = stemOnce(word)));
  }
  return s;
}

/**
 * Stems of the words seen, emptied when full: a page of results marks the same words in every
 * snippet, request after request (the Snowball stemmer was most of a search's time, issue 19).
 */
const stems = new Map<string, string>();
const MEMO_WORDS = 20_000;

function stemOnce(word: string): string {
  const lower = word.normalize("NFC").toLowerCase();
  let base = lower.length > 4 && lower.endsWith("ën") ? lower.slice(0, -2) : lower;
  base = fold(base);
  if (base === fold(lower) && base.length >= 8 && base.endsWith("ien")) base = base.slice(0, -2);
  if (HAS_DIGIT.test(base)) return base;
  return stemmer(base);
}

export const reverse = (s: string) => [...s].reverse().join("");

/** The shortest stem matched as a compound's last part: shorter ones ("arts" is the limit) match noise. */
export const MIN_SUFFIX = 4;

function uniqueStems(text: string): string[] {
  return [...new Set((text.match(WORD) ?? []).map(stem))];
}

/** The stems column: each distinct stem of the text once (bm25 then weighs a stem by presence). */
export const indexStems = (text: string | null) => (text ? uniqueStems(text).join(" ") : "");

/** The suffix column: stems reversed, so "ends with" is a prefix query (compounds are right-headed). */
export const indexSuffixes = (text: string | null) =>
  text
    ? uniqueStems(text)
        .filter((s) => s.length >= MIN_SUFFIX)
        .map(reverse)
        .join(" ")
    : "";

export type QueryWord = {
  /** Folded word, matched as a prefix of the text's words. */
  word: string;
  /** Its stem, matched as a prefix of the text's stems and (from MIN_SUFFIX letters) as their end. */
  stem: string;
  /** For a compound of known parts ("zorgtechnologie"): its last part ("technologie"). */
  head: string | null;
};

const LINKERS = ["", "s", "en", "e"];

/**
 * The last part of a compound, when the stem splits into two parts the index knows as stems
 * (the first one possibly with a linking s, e or en: "arbeidsmarkt", "ouderenzorg"). The longest
 * such part wins: "zorgtechnologie" gives "technologie", not "logie".
 */
export function compoundHead(s: string, isKnown: (stem: string) => boolean): string | null {
  for (let i = 3; i <= s.length - MIN_SUFFIX; i++) {
    const head = s.slice(i);
    const modifier = s.slice(0, i);
    if (!isKnown(head)) continue;
    if (LINKERS.some((l) => modifier.endsWith(l) && modifier.length - l.length >= 3 && isKnown(modifier.slice(0, modifier.length - l.length)))) return head;
  }
  return null;
}

/** What a person typed, as words to match: at most 12, each of two letters or more. */
export function queryWords(q: string, isKnown: (stem: string) => boolean): QueryWord[] {
  return (q.match(WORD) ?? [])
    .filter((w) => w.length >= 2)
    .slice(0, 12)
    .map((w) => {
      const s = stem(w);
      return { word: fold(w), stem: s, head: s.length >= 2 * 3 + 1 ? compoundHead(s, isKnown) : null };
    });
}

/** Does a word of the text match one of the query words the way the FTS query does? */
export function wordMatches(textWord: string, words: readonly QueryWord[]): boolean {
  if (words.length === 0) return false;
  const f = fold(textWord);
  if (words.some((q) => f.startsWith(q.word))) return true;
  const s = stem(textWord);
  return words.some((q) => s.startsWith(q.stem) || (q.stem.length >= MIN_SUFFIX && s.endsWith(q.stem)) || (q.head !== null && s.startsWith(q.head)));
}

export type TextPart = { text: string; hit: boolean };

/**
 * Plain-text parts of `text` with the matched words flagged, cut to the `maxWords` window with the
 * most matches (an ellipsis marks a cut). The page renders the parts as text, never as HTML.
 */
export function highlight(text: string, words: readonly QueryWord[], maxWords = Infinity): TextPart[] {
  // A long plan repeats its words: each distinct word is stemmed once.
  const known = new Map<string, boolean>();
  const matches = (w: string) => {
    let hit = known.get(w);
    if (hit === undefined) known.set(w, (hit = wordMatches(w, words)));
    return hit;
  };
  const tokens = [...text.matchAll(WORD)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, hit: matches(m[0]) }));
  if (tokens.length === 0) return text.trim() ? [{ text, hit: false }] : [];
  let from = 0;
  if (tokens.length > maxWords) {
    // The earliest window with the most matches, then moved on until its first match has three
    // words before it: that drops no match (none precede the first) and can only add some.
    let count = tokens.slice(0, maxWords).filter((t) => t.hit).length;
    let best = count;
    for (let start = 1; start + maxWords <= tokens.length; start++) {
      count += Number(tokens[start + maxWords - 1].hit) - Number(tokens[start - 1].hit);
      if (count > best) {
        best = count;
        from = start;
      }
    }
    const first = tokens.findIndex((t, i) => i >= from && t.hit);
    if (first > from + 3) from = Math.min(first - 3, tokens.length - maxWords);
  }
  const to = Math.min(tokens.length, from + maxWords);
  const startChar = from === 0 ? 0 : tokens[from].start;
  const endChar = to === tokens.length ? text.length : tokens[to - 1].end;
  const parts: TextPart[] = [];
  const push = (t: string, hit: boolean) => {
    if (!t) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit && !hit) last.text += t;
    else parts.push({ text: t, hit });
  };
  if (from > 0) push("… ", false);
  let at = startChar;
  for (const t of tokens.slice(from, to)) {
    if (!t.hit) continue;
    push(text.slice(at, t.start), false);
    push(text.slice(t.start, t.end), true);
    at = t.end;
  }
  push(text.slice(at, endChar), false);
  if (to < tokens.length) push(" …", false);
  return parts;
}
