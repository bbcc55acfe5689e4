// Plurals that agree with the number, in Dutch and in English (issue 12: "signaal/signalen",
// "agenda('s)", "1 resultaten"). The formatter is tested on its own, the real dictionaries through
// translate(), and every message of every dictionary is scanned so the class stays fixed: no slash
// or bracket plural, no bare count before a noun, no English count the Dutch type does not require.
import { describe, expect, it } from "vitest";
import { formatMessage, pluralVariables } from "../../app/i18n/format";
import { messages, translate, type MessageKey } from "../../app/i18n/messages";

const signals = "{count, plural, one {# signaal} other {# signalen}}";

describe("formatMessage", () => {
  it("picks the Dutch plural by Intl.PluralRules", () => {
    expect(formatMessage("nl", signals, { count: 1 })).toBe("1 signaal");
    expect(formatMessage("nl", signals, { count: 0 })).toBe("0 signalen");
    expect(formatMessage("nl", signals, { count: 2 })).toBe("2 signalen");
    expect(formatMessage("nl", signals, { count: 1.5 })).toBe("1,5 signalen");
  });

  it("picks the English plural and writes the number the English way", () => {
    const en = "{count, plural, one {# signal} other {# signals}}";
    expect(formatMessage("en", en, { count: 1 })).toBe("1 signal");
    expect(formatMessage("en", en, { count: 0 })).toBe("0 signals");
    expect(formatMessage("en", en, { count: 1200 })).toBe("1,200 signals");
    expect(formatMessage("nl", signals, { count: 1200 })).toBe("1.200 signalen");
  });

  it("prefers an exact =N branch", () => {
    const t = "{count, plural, =0 {geen signalen} one {# signaal} other {# signalen}}";
    expect(formatMessage("nl", t, { count: 0 })).toBe("geen signalen");
    expect(formatMessage("nl", t, { count: 1 })).toBe("1 signaal");
  });

  it("counts any variable and keeps other variables inside a branch", () => {
    const t = "{voted, plural, one {# van {size} bestuurders heeft gestemd.} other {# van {size} bestuurders hebben gestemd.}}";
    expect(formatMessage("nl", t, { voted: 1, size: 5 })).toBe("1 van 5 bestuurders heeft gestemd.");
    expect(formatMessage("nl", t, { voted: 3, size: 5 })).toBe("3 van 5 bestuurders hebben gestemd.");
    expect(formatMessage("nl", `Sinds {date} ({days, plural, one {# dag} other {# dagen}})`, { date: "1 mei", days: 1 })).toBe("Sinds 1 mei (1 dag)");
  });

  it("reads back a number that was formatted before it reached the message", () => {
    // The flag texts format their figures first ("1.200"); the Dutch dot is a thousands separator.
    expect(formatMessage("nl", signals, { count: "1" })).toBe("1 signaal");
    expect(formatMessage("nl", signals, { count: "1.200" })).toBe("1.200 signalen");
    expect(formatMessage("en", "{count, plural, one {# day} other {# days}}", { count: "1" })).toBe("1 day");
  });

  it("inserts values as text, never as a template", () => {
    expect(formatMessage("nl", "Agenda “{title}”", { title: "{count, plural, one {x} other {y}} {q}" })).toBe("Agenda “{count, plural, one {x} other {y}} {q}”");
    expect(formatMessage("nl", "{a} en {b}", { a: "{b}", b: "B" })).toBe("{b} en B");
  });

  it("leaves what it is not given visible instead of guessing", () => {
    expect(formatMessage("nl", "Hallo {name}")).toBe("Hallo {name}");
    expect(formatMessage("nl", signals)).toBe("{count} signalen");
    expect(formatMessage("nl", "open {brace")).toBe("open {brace");
  });
});

describe("translate with the dictionaries", () => {
  it("agrees with the number in Dutch and English", () => {
    expect(translate("nl", "regions.openBarriers", { count: 0 })).toBe("Geen open belemmeringen");
    expect(translate("nl", "regions.openBarriers", { count: 1 })).toBe("1 open belemmering");
    expect(translate("nl", "regions.signals", { count: 3 })).toBe("3 signalen");
    expect(translate("en", "regions.signals", { count: 1 })).toBe("1 signal");
    expect(translate("nl", "search.results", { count: 1, q: "zorg" })).toBe("1 resultaat voor “zorg”");
    expect(translate("nl", "search.results", { count: 2, q: "zorg" })).toBe("2 resultaten voor “zorg”");
    expect(translate("en", "search.results", { count: 1, q: "care" })).toBe("1 result for “care”");
    expect(translate("nl", "barriers.count", { count: 1 })).toBe("1 belemmering");
    expect(translate("en", "barriers.count", { count: 4 })).toBe("4 barriers");
    expect(translate("nl", "barriers.age", { days: 1 })).toBe("1 dag oud");
    expect(translate("en", "barriers.age", { days: 12 })).toBe("12 days old");
  });

  it("requires the number of a counting message (by type)", () => {
    // @ts-expect-error a counting message without its count does not compile
    expect(translate("nl", "barriers.count")).toBe("{count} belemmeringen");
    // @ts-expect-error the count is a number, not a formatted string
    expect(translate("nl", "barriers.count", { count: "2" })).toBe("2 belemmeringen");
    // A key only known as MessageKey (a dynamic key) is not checked by type.
    const dynamic = "barriers.count" as MessageKey;
    expect(translate("en", dynamic, { count: 1 })).toBe("1 barrier");
  });
});

const dictionaries = Object.entries(messages) as Array<[keyof typeof messages, Record<string, string>]>;
const everyMessage = dictionaries.flatMap(([locale, dict]) => Object.entries(dict).map(([key, text]) => ({ locale, key, text })));

// Nouns that change with the number; a placeholder right before one of them is a count that does
// not agree ("{count} resultaten" reads "1 resultaten").
const countedNouns = {
  nl: "dagen|signalen|resultaten|regio's|agenda's|belemmeringen|beoordelingen|agendapunten|seconden|innovaties|bestuurders|weken|stemmen|leden|organisaties|wijzigingen",
  en: "days|signals|results|regions|agendas|barriers|ratings|items|seconds|innovations|members|weeks|votes|organisations|changes",
};

/** The template outside plural branches: only there can a number stand before words that ignore it. */
function outsidePlurals(text: string) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const m = /^\{\s*\w+\s*,\s*plural\s*,/.exec(text.slice(i));
    if (!m) {
      out += text[i];
      continue;
    }
    let depth = 0;
    for (; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) break;
    }
    out += "#";
  }
  return out;
}

describe("every dictionary", () => {
  it("has messages to scan", () => {
    expect(everyMessage.length).toBeGreaterThan(500);
  });

  it("has no slash or bracket plurals", () => {
    const bracket = /\p{L}\((?:s|'s|en|n|e|es)\)/u;
    // "signaal/signalen", "regio/regio's": two forms of one word around a slash (and not two words
    // that merely start alike, as "Zorgverzekeraar / zorgkantoor").
    const slash = /(\p{L}{3,})\/(\p{L}[\p{L}']*)/gu;
    const shared = (a: string, b: string) => {
      let n = 0;
      while (n < a.length && a[n].toLowerCase() === b[n]?.toLowerCase()) n++;
      return n;
    };
    const offenders = everyMessage.filter(({ text }) => {
      if (bracket.test(text)) return true;
      return [...text.matchAll(slash)].some(([, a, b]) => shared(a, b) >= Math.max(3, Math.min(a.length, b.length) - 3));
    });
    expect(offenders.map((o) => `${o.locale} ${o.key}: ${o.text}`)).toEqual([]);
  });

  it("has no count before a noun that does not agree with it", () => {
    const offenders = everyMessage.filter(({ locale, text }) => {
      const bare = outsidePlurals(text);
      return new RegExp(`\\{\\w+\\} (?:${countedNouns[locale]})(?![\\p{L}])`, "u").test(bare);
    });
    expect(offenders.map((o) => `${o.locale} ${o.key}: ${o.text}`)).toEqual([]);
  });

  it("writes plurals the way the type check reads them, with one and other", () => {
    const offenders = everyMessage.filter(({ text }) => {
      const loose = [...text.matchAll(/\{\s*\w+\s*,\s*plural\s*,/g)].map((m) => m[0]);
      const canonical = loose.every((m) => /^\{\w+, plural,$/.test(m));
      return !canonical || (loose.length > 0 && !(/\bone \{/.test(text) && /\bother \{/.test(text)));
    });
    expect(offenders.map((o) => `${o.locale} ${o.key}: ${o.text}`)).toEqual([]);
  });

  it("counts in English only what the Dutch message counts", () => {
    // The type check that a count is given reads the Dutch template; English may need fewer forms
    // ("3 of 5 members voted" whatever the number) but never a count the type does not ask for.
    const keys = Object.keys(messages.nl) as MessageKey[];
    const unchecked = keys.filter((k) => pluralVariables(messages.en[k]).some((v) => !pluralVariables(messages.nl[k]).includes(v)));
    expect(unchecked).toEqual([]);
  });
});
