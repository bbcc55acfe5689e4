import { describe, expect, it } from "vitest";
import { snapToWords, type TextBlock } from "~/domain/word-snap";

/** One paragraph at ProseMirror position 1 (after the doc's opening token). */
const one = (text: string): TextBlock[] => [{ start: 1, text }];
/** The text the snapped span covers, blocks joined by "|". */
function quote(blocks: TextBlock[], from: number, to: number) {
  const span = snapToWords(blocks, { from, to });
  if (!span) return null;
  return blocks
    .map((b) => b.text.slice(Math.max(span.from - b.start, 0), Math.max(Math.min(span.to - b.start, b.text.length), 0)))
    .filter((s, i) => s || (span.from <= blocks[i]!.start + blocks[i]!.text.length && span.to >= blocks[i]!.start))
    .join("|");
}
/** Positions of the substring `part` of a one-block text, shifted by `a` and `b` characters at its ends. */
const at = (text: string, part: string, a = 0, b = 0) => {
  const i = text.indexOf(part);
  return [1 + i + a, 1 + i + part.length + b] as const;
};

describe("snapToWords", () => {
  const text = "Het team wil leren werken met de nieuwe tilliften.";
  it("grows a selection that cuts words at both ends to those words", () => {
    expect(quote(one(text), ...at(text, "am wil leren wer"))).toBe("team wil leren werken");
  });
  it("keeps a selection already on word boundaries and drops spaces at the edges", () => {
    expect(quote(one(text), ...at(text, "wil leren"))).toBe("wil leren");
    expect(quote(one(text), ...at(text, " wil leren ", 0, 0))).toBe("wil leren");
    expect(snapToWords(one(text), { from: at(text, "wil")[0], to: at(text, "wil")[1] })).toEqual({ from: 10, to: 13 });
  });
  it("accepts a backwards selection", () => {
    const [from, to] = at(text, "euwe til");
    expect(quote(one(text), to, from)).toBe("nieuwe tilliften");
  });
  it("treats letters with diacritics as part of the word", () => {
    const t = "De coördinatie van zorg en één café-eigenaar";
    expect(quote(one(t), ...at(t, "ördi"))).toBe("coördinatie");
    expect(quote(one(t), ...at(t, "én ca"))).toBe("één café-eigenaar");
  });
  it("keeps apostrophes and hyphens inside a word", () => {
    const t = "De zorg's vraag naar e-health en auto’s groeit";
    expect(quote(one(t), ...at(t, "rg"))).toBe("zorg's");
    expect(quote(one(t), ...at(t, "heal"))).toBe("e-health");
    expect(quote(one(t), ...at(t, "e-"))).toBe("e-health");
    expect(quote(one(t), ...at(t, "uto"))).toBe("auto’s");
  });
  it("does not join across a hyphen or apostrophe at a word's edge", () => {
    const t = "zorg- en welzijn 'quote'";
    expect(quote(one(t), ...at(t, "or"))).toBe("zorg");
    expect(quote(one(t), ...at(t, "uot"))).toBe("quote");
  });
  it("keeps an elided article with its apostrophe", () => {
    const t = "in 's-Hertogenbosch en 's avonds";
    expect(quote(one(t), ...at(t, "ertogen"))).toBe("'s-Hertogenbosch");
    expect(quote(one(t), ...at(t, "s av"))).toBe("'s avonds");
  });
  it("snaps each end inside its own block when the selection spans blocks", () => {
    // <p>Eerste alinea</p><p>Tweede alinea hier</p>: the second text starts 2 positions after the first ends.
    const blocks: TextBlock[] = [
      { start: 1, text: "Eerste alinea" },
      { start: 16, text: "Tweede alinea hier" },
    ];
    expect(snapToWords(blocks, { from: 10, to: 16 + 9 })).toEqual({ from: 8, to: 16 + 13 });
    expect(quote(blocks, 4, 16 + 9)).toBe("Eerste alinea|Tweede alinea");
  });
  it("counts a leaf node (a line break) as one position that ends a word", () => {
    const blocks: TextBlock[] = [{ start: 1, text: "regel\uFFFCvolgende" }];
    expect(snapToWords(blocks, { from: 3, to: 9 })).toEqual({ from: 1, to: 15 });
  });
  it("refuses a selection without any word", () => {
    expect(snapToWords(one("a   b"), { from: 2, to: 5 })).toBeNull();
    expect(snapToWords(one("a, b"), { from: 2, to: 3 })).toBeNull();
  });
});
