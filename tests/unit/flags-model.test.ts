// Flags from a real SQLite file with the demo data: loading, a region's own view, dismissing with
// audit, flags coming back, the dismissal form and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { tempDatabase } from "../support/temp-db";
import { seedDemoData } from "../../db/seed";
import type { Db } from "../../db";
import { agendaItems, auditLog, flagDismissals, regions, users } from "../../db/schema";
import { computeFlags, dismissFlag, getNationalOverview, getRegionFlags, loadFlagInputs, untilDate } from "../../app/models/flags.server";
import { loadPrincipal } from "../../app/models/session.server";
import { parseFlagFilter } from "../../app/domain/flags/filter";
import { flagsToCsv, csvCell } from "../../app/domain/flags/csv";
import { dutchDate } from "../../app/domain/flags/evaluate";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import { dismissFlagSchema } from "../../app/forms/flags";
import { parseForm } from "../../app/forms/validation";
import { translate, type MessageKey } from "../../app/i18n/messages";

let env: ReturnType<typeof tempDatabase>;
let db: Db;
const regionId = (slug: string) => db.select({ id: regions.id }).from(regions).where(eq(regions.slug, slug)).get()!.id;
const principal = (email: string) => loadPrincipal({ db, userId: db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id })!;

beforeAll(async () => {
  env = tempDatabase();
  db = env.db;
  await seedDemoData({ db });
});
afterAll(() => env.cleanup());

describe("demo data", () => {
  it("provokes the national financing bottleneck and the old severe barrier", () => {
    const flags = computeFlags({ db });
    const national = flags.find((f) => f.key === "national-bottleneck:type-financing")!;
    expect(national).toBeDefined();
    expect(national.regionIds).toEqual(["amsterdam", "twente", "zuid-limburg"].map(regionId).sort((a, b) => a - b));
    expect(flags.some((f) => f.rule === "high-barrier" && f.regionId === regionId("amsterdam"))).toBe(true);
    expect(flags[0].rule).toBe("national-bottleneck");
  });

  it("loads every kind of row the rules need", () => {
    const inputs = loadFlagInputs({ db, now: new Date() });
    expect(inputs.regions).toHaveLength(28);
    expect(inputs.items.length).toBeGreaterThan(5);
    expect(inputs.barriers.length).toBeGreaterThan(3);
    expect(inputs.ratings.length).toBeGreaterThan(0);
    expect(typeof inputs.items[0].changedAt).toBe("number");
  });
});

describe("a region's own flags", () => {
  it("shows only the region's part of a national bottleneck", () => {
    const twente = regionId("twente");
    const flags = getRegionFlags({ db, viewer: principal("coordinator.twente@demo.agendawerk.nl"), region: { regionId: twente } });
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((f) => f.regionIds.includes(twente))).toBe(true);
    const national = flags.find((f) => f.rule === "national-bottleneck")!;
    expect(national.links.every((l) => l.regionId === twente)).toBe(true);
    expect(national.figures.some((f) => f.label === "flags.figure.regionNames")).toBe(false);
    // No flag of another region slips in.
    expect(flags.some((f) => f.regionId === regionId("amsterdam"))).toBe(false);
  });

  it("limits to one agenda when asked", () => {
    const ams = regionId("amsterdam");
    const agendaId = computeFlags({ db }).find((f) => f.regionId === ams && f.agendaId !== null)!.agendaId!;
    const flags = getRegionFlags({ db, viewer: principal("coordinator@demo.agendawerk.nl"), region: { regionId: ams }, agendaId });
    expect(flags.every((f) => f.agendaId === null || f.agendaId === agendaId)).toBe(true);
  });
});

describe("dismissing", () => {
  it("refuses anyone but an adviser", () => {
    const key = computeFlags({ db })[0].key;
    expect(() =>
      dismissFlag({ db, actor: principal("coordinator@demo.agendawerk.nl"), input: { intent: "dismiss-flag", flagKey: key, kind: "acknowledge", reason: "Gezien" } }),
    ).toThrow();
  });

  it("snoozes until a date, with an audit entry in the same transaction; the flag returns after the date", () => {
    const adviser = principal("adviseur@demo.agendawerk.nl");
    const key = "national-bottleneck:type-financing";
    const now = new Date();
    const until = dutchDate(now.getTime() + 3 * DAY_MS);
    const result = dismissFlag({ db, actor: adviser, now, input: { intent: "dismiss-flag", flagKey: key, kind: "snooze", reason: "Ligt bij VWS", until } });
    expect(result).toEqual({ ok: true });
    const row = db.select().from(flagDismissals).where(eq(flagDismissals.flagKey, key)).get()!;
    expect(row.until!.getTime()).toBe(untilDate(until).getTime());
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, key)).all();
    expect(audit.map((a) => a.action)).toEqual(["flag.snooze"]);

    const overview = getNationalOverview({ db, filter: parseFlagFilter(new URLSearchParams()), now });
    expect(overview.national).toHaveLength(0);
    expect(overview.flags.some((f) => f.key === key)).toBe(false);
    const withDismissed = getNationalOverview({ db, filter: parseFlagFilter(new URLSearchParams("weggezet=1")), now });
    expect(withDismissed.flags.find((f) => f.key === key)!.dismissal!.reason).toBe("Ligt bij VWS");

    const later = new Date(untilDate(until).getTime() + 1);
    expect(computeFlags({ db, now: later }).find((f) => f.key === key)!.dismissal).toBeNull();
  });

  it("acknowledges until the data changes", () => {
    const adviser = principal("adviseur@demo.agendawerk.nl");
    const flag = computeFlags({ db }).find((f) => f.rule === "item-basics")!;
    dismissFlag({ db, actor: adviser, input: { intent: "dismiss-flag", flagKey: flag.key, kind: "acknowledge", reason: "Werkgroep weet ervan" } });
    expect(computeFlags({ db }).find((f) => f.key === flag.key)!.dismissal).not.toBeNull();
    const itemId = flag.key.replace("item-basics:item-", "");
    const item = db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get()!;
    // The why gets filled in but professionals stay missing: same flag, different data, so it is back.
    db.update(agendaItems).set({ why: item.why ? "" : "Omdat het werk lichter wordt." }).where(eq(agendaItems.id, itemId)).run();
    const again = computeFlags({ db }).find((f) => f.key === flag.key);
    if (again) expect(again.dismissal).toBeNull();
  });

  it("reports a flag that no longer exists", () => {
    const adviser = principal("adviseur@demo.agendawerk.nl");
    expect(dismissFlag({ db, actor: adviser, input: { intent: "dismiss-flag", flagKey: "item-basics:item-nope", kind: "acknowledge", reason: "Weg" } })).toEqual({
      ok: false,
      error: "flags.error.gone",
    });
  });
});

describe("dismissal form", () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ intent: "dismiss-flag", flagKey: "k", ...fields })) f.set(k, v);
    return parseForm(dismissFlagSchema, f);
  };
  it("requires a reason", () => {
    expect(form({ kind: "acknowledge", reason: "  " })).toEqual({ ok: false, errors: { reason: "flags.error.reason" } });
    expect(form({ kind: "acknowledge" })).toEqual({ ok: false, errors: { reason: "flags.error.reason" } });
  });
  it("requires a date in the future for a snooze", () => {
    expect(form({ kind: "snooze", reason: "Later" })).toEqual({ ok: false, errors: { until: "flags.error.untilRequired" } });
    expect(form({ kind: "snooze", reason: "Later", until: dutchDate(Date.now()) })).toEqual({ ok: false, errors: { until: "flags.error.untilFuture" } });
    expect(form({ kind: "snooze", reason: "Later", until: dutchDate(Date.now() + 2 * DAY_MS) }).ok).toBe(true);
  });
  it("has Dutch messages", () => {
    expect(translate("nl", "flags.error.reason")).toBe("Geef een reden op (minstens 3 tekens).");
    expect(translate("nl", "flags.error.untilFuture")).toBe("Kies een datum in de toekomst.");
  });
});

describe("CSV export", () => {
  it("starts with a BOM, separates by semicolons, quotes and defuses formulas", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell('zei "ja";')).toBe('"zei ""ja"";"');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    const { flags, regionNames } = getNationalOverview({ db, filter: parseFlagFilter(new URLSearchParams("weggezet=1")) });
    const csv = flagsToCsv({ flags, tr: (k, v) => translate("nl", k as MessageKey, v), locale: "nl", origin: "https://agendawerk.example", regionNames });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Regel;Ernst;Score;Regio;Onderwerp;Uitleg;Cijfers;Drempel;Sinds;Leeftijd (dagen);Link;Weggezet;Sleutel");
    expect(lines).toHaveLength(flags.length + 2);
    expect(csv).toContain("https://agendawerk.example/agendas/");
  });
});
