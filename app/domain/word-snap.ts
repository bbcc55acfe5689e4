// Snapping a selected passage to whole words: a barrier quotes words, never "chtlijst voor sch".
// Keyboard selection moves by character (Shift+arrow) as often as by word, and a mouse drag rarely
// lands on a boundary, so both ends are widened to the words they cut, and spaces at the edges are
// dropped. Pure, on positions: the caller gives the text of each block (a paragraph, a list item)
// with the position of its first character, as ProseMirror numbers them; a selection may span
// blocks, and each end snaps inside its own block.

export type TextBlock = { start: number; text: string };
export type Span = { from: number; to: number };

const LETTER = /[\p{L}\p{M}\p{N}]/u;
// Inside a word: the apostrophe of "zorg's" or "auto's", the hyphen of "e-health".
const JOINER = /['’\-‐]/u;
// Dutch elided articles: "'s-Hertogenbosch", "'t", "'s avonds" start with their apostrophe.
const ELIDED = /^['’][st](?![\p{L}\p{M}\p{N}])/u;

function isWordChar(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (LETTER.test(c)) return true;
  if (!JOINER.test(c)) return false;
  if (LETTER.test(text[i - 1] ?? "") && LETTER.test(text[i + 1] ?? "")) return true;
  return /['’]/u.test(c) && ELIDED.test(text.slice(i, i + 3)) && !LETTER.test(text[i - 1] ?? "");
}

const isSpace = (text: string, i: number) => /\s/u.test(text[i] ?? "");

function blockAt(blocks: readonly TextBlock[], pos: number): TextBlock | null {
  return blocks.find((b) => pos >= b.start && pos <= b.start + b.text.length) ?? null;
}

/** The start of the word `pos` cuts into (or `pos` itself when it is on a boundary). */
function wordStart(block: TextBlock, pos: number): number {
  let i = pos - block.start;
  while (i > 0 && isWordChar(block.text, i - 1) && isWordChar(block.text, i)) i--;
  return block.start + i;
}

function wordEnd(block: TextBlock, pos: number): number {
  let i = pos - block.start;
  while (i < block.text.length && isWordChar(block.text, i - 1) && isWordChar(block.text, i)) i++;
  return block.start + i;
}

/**
 * The selection [from, to) widened to whole words and without spaces at either edge, or null when
 * it holds no word character. Positions outside every block (between blocks) stay as they are.
 */
export function snapToWords(blocks: readonly TextBlock[], selection: Span): Span | null {
  let from = Math.min(selection.from, selection.to);
  let to = Math.max(selection.from, selection.to);
  const first = blockAt(blocks, from);
  const last = blockAt(blocks, to);
  if (first) {
    while (from < first.start + first.text.length && from < to && isSpace(first.text, from - first.start)) from++;
    from = wordStart(first, from);
  }
  if (last) {
    while (to > last.start && to > from && isSpace(last.text, to - 1 - last.start)) to--;
    to = wordEnd(last, to);
  }
  const hasWord = blocks.some((b) => {
    const lo = Math.max(from, b.start) - b.start;
    const hi = Math.min(to, b.start + b.text.length) - b.start;
    for (let i = lo; i < hi; i++) if (LETTER.test(b.text[i]!)) return true;
    return false;
  });
  return hasWord ? { from, to } : null;
}
