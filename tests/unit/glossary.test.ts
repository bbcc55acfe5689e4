// The glossary (docs/glossary.md) is what every dictionary follows: each concept has one Dutch and
// one English term, and the words the field does not use for it ("regio-adviseur", "knelpunt" for
// a barrier, "instemming" for consent, "het bestuur" of a region) appear in no message of that
// language. The forbidden words are read from the glossary's tables, so the test and the document
// cannot disagree.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "../../app/i18n/messages";

const glossary = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/glossary.md"), "utf8");

/** Rows of the six-column tables: concept | Nederlands | English | source | niet gebruiken | do not use. */
function rows() {
  return glossary
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|[-| ]+\|$/.test(l))
    .map((l) => l.slice(1, -1).split("|").map((c) => c.trim()))
    .filter((cells) => cells.length === 6 && cells[0] !== "Concept");
}

const words = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const forbidden = { nl: rows().flatMap((r) => words(r[4])), en: rows().flatMap((r) => words(r[5])) };

// Whole words only: "bestuur" is forbidden, "bestuurder" is the term.
const wholeWord = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}-])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}-])`, "iu");

describe("glossary", () => {
  it("has its tables, each concept with a Dutch and an English term", () => {
    const table = rows();
    expect(table.length).toBeGreaterThan(30);
    for (const [concept, nl, en] of table) {
      expect(nl, concept).not.toBe("");
      expect(en, concept).not.toBe("");
    }
    expect(forbidden.nl).toEqual(expect.arrayContaining(["regio-adviseur", "knelpunt", "instemming", "bestuur"]));
    expect(forbidden.en).toEqual(expect.arrayContaining(["bottleneck", "board"]));
  });

  it.each(["nl", "en"] as const)("the %s dictionary uses none of the words the glossary rules out", (locale) => {
    const offenders = Object.entries(messages[locale]).flatMap(([key, text]) =>
      forbidden[locale].filter((w) => wholeWord(w).test(text)).map((w) => `${key}: “${w}” in ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
