// Tab titles follow the reader's language (issue 12): every page's meta reads the locale the root
// loader chose and takes its words from the dictionary. A title typed into a route ("Regio's ·
// Agendawerk") reads the same in English and never looks at the locale; both are caught here, for
// every route module in app/routes, so a new page is covered by existing.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translate } from "../../app/i18n";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const files = fs
  .readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .sort();

/** Root data whose locale records that it was read: a title that never asks cannot follow it. */
function rootMatch(locale: "nl" | "en") {
  const seen = { read: false };
  const data = {
    get locale() {
      seen.read = true;
      return locale;
    },
  };
  return { seen, matches: [{ id: "root", pathname: "/", params: {}, data, handle: undefined }] };
}

async function titleOf(file: string, locale: "nl" | "en") {
  const mod = await import(path.join(routesDir, file));
  const { seen, matches } = rootMatch(locale);
  // No data: the meta of a page whose loader failed still has to give a title in the right language.
  const tags = mod.meta({ data: undefined, params: {}, location: { pathname: "/", search: "", hash: "", state: null, key: "k" }, matches, error: undefined });
  const title = (tags as Array<{ title?: string }>).find((t) => "title" in t)?.title;
  return { title, readLocale: seen.read };
}

describe("tab titles", () => {
  it("finds the route modules", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)("%s: a page has a meta that reads the locale and the dictionary", async (file) => {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    const mod = await import(path.join(routesDir, file));
    // A route without a component (a redirect, a download, an action) shows no tab title.
    if (typeof mod.default !== "function") return;
    expect(typeof mod.meta, `${file} exports no meta`).toBe("function");
    const en = await titleOf(file, "en");
    expect(en.readLocale, `${file}: the title does not follow the reader's locale`).toBe(true);
    expect(en.title).toMatch(/ · Agendawerk$/);
    // The class of the defect: words typed into the route instead of taken from the dictionary.
    expect(source, `${file}: a title written into the route`).not.toMatch(/title:\s*["'`]/);
  });

  it("shows the English title to an English reader and the Dutch one to a Dutch reader", async () => {
    expect((await titleOf("regios._index.tsx", "en")).title).toBe("Regions · Agendawerk");
    expect((await titleOf("regios._index.tsx", "nl")).title).toBe("Regio's · Agendawerk");
    expect((await titleOf("beheer.gebruikers.tsx", "en")).title).toBe(`${translate("en", "admin.users")} · Admin · Agendawerk`);
    expect((await titleOf("knelpunten.tsx", "en")).title).toBe(`${translate("en", "flags.title")} · Agendawerk`);
    expect((await titleOf("knelpunten.tsx", "nl")).title).toBe(`${translate("nl", "flags.title")} · Agendawerk`);
  });

  it("names an innovation in the reader's language", async () => {
    const mod = await import(path.join(routesDir, "innovaties.$slug.tsx"));
    const data = { innovation: { nameNl: "Slimme medicijndispenser", nameEn: "Smart medication dispenser" } };
    const title = (locale: "nl" | "en") => mod.meta({ data, params: {}, location: {}, matches: rootMatch(locale).matches })[0].title;
    expect(title("nl")).toBe("Slimme medicijndispenser · Agendawerk");
    expect(title("en")).toBe("Smart medication dispenser · Agendawerk");
  });
});
