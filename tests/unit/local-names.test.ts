// Names kept in two languages (innovations, barrier types) are shown by one rule: Dutch in the
// Dutch UI, English in the English UI when there is an English name (issue 12). The rule is
// tested, and the app's sources are scanned so no page picks a name by its own ternary again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { innovationName, localName } from "../../app/i18n/names";

const appDir = path.resolve(import.meta.dirname, "../../app");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("innovationName", () => {
  const dispenser = { nameNl: "Slimme medicijndispenser", nameEn: "Smart medication dispenser" };

  it("gives the Dutch name in the Dutch UI and the English one in the English UI", () => {
    expect(innovationName(dispenser, "nl")).toBe("Slimme medicijndispenser");
    expect(innovationName(dispenser, "en")).toBe("Smart medication dispenser");
  });

  it("falls back to the Dutch name when there is no English one", () => {
    expect(innovationName({ nameNl: "Jobcarving", nameEn: "" }, "en")).toBe("Jobcarving");
    expect(localName({ nameNl: "Bekostiging", nameEn: null }, "en")).toBe("Bekostiging");
    expect(localName({ nameNl: "Bekostiging", nameEn: "  " }, "en")).toBe("Bekostiging");
  });

  it("is the only place in the app that picks a name by locale", () => {
    // `locale === "en" ? x.nameEn : x.nameNl` (and typeNameEn, innovationNameEn …) in a component.
    const ternary = /locale\s*===\s*["'](?:en|nl)["']\s*\?\s*[\w.]*[nN]ame(?:En|Nl)\b/;
    const offenders = sources(appDir)
      .filter((f) => !f.endsWith(path.join("i18n", "names.ts")))
      .filter((f) => ternary.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(appDir, f));
    expect(offenders).toEqual([]);
  });
});
