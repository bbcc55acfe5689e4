// The catalogue (reference data), links, savings and search on a real SQLite file with two regions
// built by factories (Dutch search itself: tests/unit/search.test.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { factoryDatabase, type TestAgenda, type TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { addRating, createInnovation, getInnovationBySlug, listInnovations, updateInnovation } from "../../app/models/catalogue.server";
import { NotAllowedError } from "../../app/models/errors.server";
import { addLink, getAgendaSavings, innovationUsage, removeLink } from "../../app/models/savings.server";
import { setRegionTarget } from "../../app/models/region-target.server";
import { search } from "../../app/models/search.server";
import { linkSchema, ratingSchema } from "../../app/forms/catalogue";
import { parseForm } from "../../app/forms/validation";
import { formData as form } from "../support/form-data";

let ctx: ReturnType<typeof factoryDatabase>;
let db: Db;
let amsterdam: TestAgenda, twente: TestAgenda;
let member: TestUser, coordinator: TestUser, board: TestUser, twenteMember: TestUser, admin: TestUser, adviser: TestUser;
beforeEach(() => {
  ctx = factoryDatabase();
  db = ctx.db;
  const { make } = ctx;
  const [ams, tw] = [make.region("amsterdam"), make.region("twente")];
  amsterdam = make.agenda({
    region: ams,
    items: [
      {
        title: "Slim incontinentiemateriaal in alle verpleeghuizen",
        status: "prioriteit",
        mechanism: "working-differently",
        why: "Minder onnodige verschoningen geeft cliënten een rustiger nacht.",
        plan: ["We rollen sensoren in incontinentiemateriaal uit op twaalf afdelingen."],
      },
      { title: "Digicoaches voor digitale vaardigheden", status: "in_uitvoering", mechanism: "working-differently" },
      { title: "Beeldbellen in de wijkverpleging", plan: ["Wijkteams onderzoeken welke bezoeken op afstand kunnen."] },
    ],
  });
  twente = make.agenda({ region: tw, items: [{ title: "Telemonitoring hartfalen vanuit het ziekenhuis", status: "prioriteit", mechanism: "prevention" }] });
  member = make.member(ams);
  coordinator = make.member(ams, "coordinator");
  board = make.member(ams, "board");
  twenteMember = make.member(tw);
  admin = make.admin();
  adviser = make.adviser([ams, tw], { name: "Sanne Bakker" });
});
afterEach(() => ctx.cleanup());

const itemTitled = (title: string) => db.select().from(s.agendaItems).where(eq(s.agendaItems.title, title)).get()!;
const innovation = (slug: string) => db.select().from(s.innovations).where(eq(s.innovations.slug, slug)).get()!;
const audits = (action: string) => db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, action)).get()!.n;

describe("catalogue", () => {
  it("filters by mechanism, sector, evidence and rated", () => {
    const all = listInnovations({ db });
    expect(all.items.length).toBe(all.total);
    expect(listInnovations({ db, filter: { rated: "yes" } }).items.map((i) => i.slug).sort()).toEqual([
      "ai-verslaglegging",
      "beeldzorg-wijkverpleging",
      "dagstructuur-sociale-robot",
      "digitale-vaardigheden-digicoaches",
      "eoverdracht",
      "jobcarving",
      "medicijndispenser",
      "slim-incontinentiemateriaal",
      "slimme-planning",
      "spraakgestuurd-rapporteren",
      "telemonitoring-hartfalen",
      "verzorgend-wassen",
      "zelfroosteren-meer-uren",
    ]);
    expect(listInnovations({ db, filter: { mechanism: "prevention" } }).items.every((i) => i.mechanism === "prevention")).toBe(true);
    expect(listInnovations({ db, filter: { sector: "ggz" } }).items.map((i) => i.slug)).toContain("beeldbellen");
    // Only the Digizo.nu value assessment reaches level 3; nothing reaches 4.
    expect(listInnovations({ db, filter: { evidence: 3 } }).items.map((i) => i.slug)).toEqual(["spraakgestuurd-rapporteren"]);
    expect(listInnovations({ db, filter: { evidence: 4 } }).items).toEqual([]);
    expect(listInnovations({ db, filter: { q: "INCONTINENTIE" } }).items.map((i) => i.slug)).toEqual(["slim-incontinentiemateriaal"]);
  });

  it("creates and edits an innovation with an audit entry in the same transaction", () => {
    const input = { intent: "create-innovation" as const, nameNl: "Nachtrondes op afstand", nameEn: null, descriptionNl: "Dicteren in plaats van typen.", kind: "technological" as const, mechanism: "working-differently" as const, sectors: ["ouderenzorg"], costIndication: "middel" as const, sources: ["Pilot X"] };
    const { id, slug } = createInnovation({ db, actor: admin.principal(), input });
    expect(slug).toBe("nachtrondes-op-afstand");
    expect(createInnovation({ db, actor: admin.principal(), input }).slug).toBe("nachtrondes-op-afstand-2");
    updateInnovation({ db, actor: admin.principal(), id, input: { ...input, nameNl: "Nachtrondes op afstand (AI)" } });
    expect(db.select().from(s.innovations).where(eq(s.innovations.id, id)).get()!.nameNl).toBe("Nachtrondes op afstand (AI)");
    expect(audits("innovation.create")).toBe(2);
    const update = db.select().from(s.auditLog).where(eq(s.auditLog.action, "innovation.update")).get()!;
    // Without an English name the Dutch one serves for both.
    expect(update.data).toEqual({ changed: { nameNl: "Nachtrondes op afstand (AI)", nameEn: "Nachtrondes op afstand (AI)" } });
  });

  it("adds ratings: the summary spreads over them and carries the weakest level, the gap between groups stays apart", () => {
    const before = getInnovationBySlug({ db, slug: "digitale-vaardigheden-digicoaches" })!;
    // The seeded figure compares two groups of staff: no labour saved.
    expect(before.summary.perBasis.fte).toBeUndefined();
    expect(before.summary.byKind).toMatchObject({ time_spent: 1, labour_saved: 0 });
    const rate = (o: Record<string, string>) => {
      const parsed = parseForm(ratingSchema, form({ intent: "add-rating", unit: "hours_per_week_per_fte", evidenceLevel: "3", source: "Evaluatie 2026", ...o }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      addRating({ db, actor: adviser.principal(), innovationId: before.innovation.id, input: parsed.data });
    };
    rate({ low: "4", expected: "5", high: "6", quote: "Medewerkers besparen vijf uur.", sourceUrl: "https://example.org/evaluatie", reporting: "first_hand" });
    let after = getInnovationBySlug({ db, slug: "digitale-vaardigheden-digicoaches" })!;
    expect(after.summary.perBasis.fte).toEqual({ range: { low: 4, expected: 5, high: 6 }, evidence: { weakest: 3, strongest: 3, count: 1 } });
    expect(after.ratings[0]).toMatchObject({ ratedBy: "Sanne Bakker", evidenceLevel: 3, kind: "labour_saved", quote: "Medewerkers besparen vijf uur.", sourceUrl: "https://example.org/evaluatie", reporting: "first_hand" });
    // A weaker second rating widens the spread and lowers the label; the median of 5 and 1 is 3.
    rate({ low: "1", expected: "1", high: "1", evidenceLevel: "1", source: "Verwachting leverancier" });
    after = getInnovationBySlug({ db, slug: "digitale-vaardigheden-digicoaches" })!;
    expect(after.summary.perBasis.fte).toEqual({ range: { low: 1, expected: 3, high: 6 }, evidence: { weakest: 1, strongest: 3, count: 2 } });
    expect(audits("rating.create")).toBe(2);
  });
});

describe("bad input", () => {
  const rating = (o: Record<string, string>) =>
    parseForm(ratingSchema, form({ intent: "add-rating", unit: "hours_per_week_per_fte", low: "1", expected: "2", high: "3", evidenceLevel: "2", source: "Pilot", ...o }));
  it("refuses low above high, expected outside the range, unknown units and missing sources", () => {
    expect(rating({ low: "5", high: "3", expected: "4" })).toMatchObject({ ok: false, errors: { high: "catalogue.error.lowHigh" } });
    expect(rating({ expected: "9" })).toMatchObject({ ok: false, errors: { expected: "catalogue.error.expectedRange" } });
    expect(rating({ unit: "minutes_per_day" })).toMatchObject({ ok: false, errors: { unit: "catalogue.error.unit" } });
    expect(rating({ source: "" })).toMatchObject({ ok: false, errors: { source: "catalogue.error.source" } });
    expect(rating({ evidenceLevel: "5" })).toMatchObject({ ok: false, errors: { evidenceLevel: "catalogue.error.evidence" } });
    // A share of a task names the task; its hours may come from each region's link instead.
    expect(rating({ unit: "pct_task_time", low: "30", expected: "30", high: "40" })).toEqual({ ok: false, errors: { taskName: "catalogue.error.taskName" } });
    expect(rating({ unit: "pct_task_time", low: "30", expected: "30", high: "40", taskName: "rapporteren" })).toMatchObject({ ok: true, data: { taskName: "rapporteren" } });
    expect(rating({ unit: "pct_task_time", low: "30", expected: "30", high: "40", taskName: "rapporteren", taskHoursPerWeek: "70" })).toMatchObject({ ok: false, errors: { taskHoursPerWeek: "catalogue.error.taskHours" } });
    // Less care use is care demand, never labour saved; task shifting names its professions.
    expect(rating({ unit: "pct_care_use", low: "40", expected: "40", high: "40", taskName: "verpleegdagen" })).toMatchObject({ ok: false, errors: { kind: "evidence.error.careUse" } });
    expect(rating({ unit: "pct_care_use", low: "40", expected: "40", high: "40", taskName: "verpleegdagen", kind: "care_demand" })).toMatchObject({ ok: true });
    expect(rating({ kind: "task_shifting" })).toMatchObject({ ok: false, errors: { professionsFrom: "evidence.error.professions" } });
    expect(rating({ kind: "task_shifting", professionsFrom: "verpleegkundige", professionsTo: "helpende, gastvrouw" })).toMatchObject({ ok: true, data: { professionsTo: ["helpende", "gastvrouw"] } });
    expect(rating({ kind: "meer_uren" })).toMatchObject({ ok: false, errors: { kind: "evidence.error.kind" } });
    expect(rating({ sourceUrl: "javascript:alert(1)" })).toMatchObject({ ok: false, errors: { sourceUrl: "evidence.error.url" } });
    expect(rating({ unit: "minutes_per_day_per_client", low: "10", expected: "10", high: "2000" })).toMatchObject({ ok: false, errors: { high: "catalogue.error.hoursTooHigh" } });
    expect(rating({ low: "1,5", expected: "2", high: "2,5" })).toMatchObject({ ok: true, data: { low: 1.5, high: 2.5 } });
  });
  it("refuses a negative reach and an unknown reach unit", () => {
    const link = (o: Record<string, string>) => parseForm(linkSchema, form({ intent: "add-link", itemId: "x", innovationId: "1", reach: "10", reachUnit: "fte", ...o }));
    expect(link({ reach: "-3" })).toMatchObject({ ok: false, errors: { reach: "catalogue.error.negativeReach" } });
    expect(link({ reach: "veel" })).toMatchObject({ ok: false, errors: { reach: "catalogue.error.number" } });
    expect(link({ reachUnit: "beds" })).toMatchObject({ ok: false, errors: { reachUnit: "catalogue.error.reachUnit" } });
    expect(link({})).toMatchObject({ ok: true, data: { taskHoursPerWeek: null, eventsPerWeek: null } });
    expect(link({ taskHoursPerWeek: "3,5", eventsPerWeek: "2" })).toMatchObject({ ok: true, data: { taskHoursPerWeek: 3.5, eventsPerWeek: 2 } });
    expect(link({ taskHoursPerWeek: "0" })).toMatchObject({ ok: false, errors: { taskHoursPerWeek: "evidence.error.taskHours" } });
    expect(link({ eventsPerWeek: "-1" })).toMatchObject({ ok: false, errors: { eventsPerWeek: "evidence.error.events" } });
  });
});

describe("links and savings", () => {
  const linkInput = (itemId: string, innovationId: number, reach = 50) => ({
    intent: "add-link" as const, itemId, innovationId, reach, reachUnit: "fte" as const, reachOrganisations: "ROC Amstelland", reachBy: "2027-12-31",
  });

  it("lets a member of the region link and shows the projected saving per item, mechanism and in total", () => {
    const item = itemTitled("Digicoaches voor digitale vaardigheden");
    const res = addLink({ db, actor: member.principal(), agendaId: amsterdam.id, input: { ...linkInput(item.id, innovation("spraakgestuurd-rapporteren").id), taskHoursPerWeek: 3 } });
    expect(res.ok).toBe(true);
    const savings = getAgendaSavings({ db, agendaId: amsterdam.id })!;
    // Five ratings in hours per week per FTE: 72% and 58% (level 3) and 25% of 3 task hours = 2.16,
    // 1.74, 0.75; 43 and 93 hours a year / 45 weeks = 0.956, 2.067 (level 2). Spread 0.75-2.16,
    // median 1.74; × 50 FTE × 45 weeks = 2,250: 1,687.5-3,915-4,860 hours, label level 2.
    const own = savings.items[item.id];
    expect(own.hoursPerYear.low).toBeCloseTo(1687.5);
    expect(own.hoursPerYear.expected).toBeCloseTo(3915);
    expect(own.hoursPerYear.high).toBeCloseTo(4860);
    expect(own.saved!.evidence).toEqual({ weakest: 2, strongest: 3, count: 5 });
    expect(own.links[0].basis.map((b) => b.evidenceLevel).sort()).toEqual([2, 2, 2, 3, 3]);
    expect(savings.byMechanism.find((m) => m.mechanism === "working-differently")!.hoursPerYear.expected).toBeCloseTo(3915);
    expect(savings.total.fte.expected).toBeCloseTo(3915 / 1620);
    expect(savings.total.evidence).toEqual({ weakest: 2, strongest: 3, count: 5 });
    // No default target: until the region sets one there is none (tests/unit/targets.test.ts).
    expect(savings.target).toBeNull();
    expect(audits("item_innovation.create")).toBe(1);
  });

  it("does not let a member of another region link or unlink on this agenda", () => {
    const item = itemTitled("Digicoaches voor digitale vaardigheden");
    const twente = twenteMember.principal();
    expect(() => addLink({ db, actor: twente, agendaId: amsterdam.id, input: linkInput(item.id, 1) })).toThrow(NotAllowedError);
    // Board members and advisers read the agenda but do not edit it.
    expect(() => addLink({ db, actor: board.principal(), agendaId: amsterdam.id, input: linkInput(item.id, 1) })).toThrow(NotAllowedError);
    const own = addLink({ db, actor: member.principal(), agendaId: amsterdam.id, input: linkInput(item.id, 1) });
    if (!own.ok) throw new Error("link failed");
    expect(() => removeLink({ db, actor: twente, agendaId: amsterdam.id, linkId: own.linkId })).toThrow(NotAllowedError);
    expect(db.select({ n: count() }).from(s.itemInnovations).get()!.n).toBe(1);
    expect(audits("item_innovation.create")).toBe(1);
  });

  it("refuses an item of another agenda through one's own agenda", () => {
    const twenteItem = itemTitled("Telemonitoring hartfalen vanuit het ziekenhuis");
    const res = addLink({ db, actor: member.principal(), agendaId: amsterdam.id, input: linkInput(twenteItem.id, 1) });
    expect(res).toEqual({ ok: false, error: "catalogue.error.item" });
  });

  it("refuses a reach in the wrong unit before linking, says what a link still needs, and does not count stopped items", () => {
    const item = itemTitled("Digicoaches voor digitale vaardigheden");
    const actor = member.principal();
    // The dispenser's ratings are per client: a reach in FTE is refused with the reason, nothing stored.
    expect(addLink({ db, actor, agendaId: amsterdam.id, input: linkInput(item.id, innovation("medicijndispenser").id) })).toEqual({ ok: false, error: "evidence.error.reachClients" });
    expect(db.select({ n: count() }).from(s.itemInnovations).get()!.n).toBe(0);
    // A share of a task without the region's task hours is linked, and says what is missing.
    addLink({ db, actor, agendaId: amsterdam.id, input: linkInput(item.id, innovation("slimme-planning").id) });
    let savings = getAgendaSavings({ db, agendaId: amsterdam.id })!;
    expect(savings.items[item.id].links[0].saving).toEqual({ ok: false, reason: "task_hours" });
    addLink({ db, actor, agendaId: amsterdam.id, input: { ...linkInput(item.id, innovation("medicijndispenser").id), reachUnit: "clients", reach: 10 } });
    savings = getAgendaSavings({ db, agendaId: amsterdam.id })!;
    // 10 clients × 52 weeks × 2.5 h (the median of 1.17, 2.57 and 2.5) = 1,300 hours
    expect(savings.items[item.id].hoursPerYear.expected).toBeCloseTo(1300);
    db.update(s.agendaItems).set({ status: "gestopt" }).where(eq(s.agendaItems.id, item.id)).run();
    savings = getAgendaSavings({ db, agendaId: amsterdam.id })!;
    expect(savings.items[item.id].hoursPerYear.expected).toBeCloseTo(1300);
    expect(savings.items[item.id].counts).toBe(false);
    expect(savings.total.hoursPerYear.expected).toBe(0);
    expect(savings.total.evidence).toBeNull();
  });

  it("lets the coordinator, and only the coordinator, set the region's target", () => {
    const { regionId, id } = amsterdam;
    const input = { value: 2500, unit: "fte" as const, source: "Besluit stuurgroep" };
    expect(() => setRegionTarget({ db, actor: member.principal(), regionId, input })).toThrow(NotAllowedError);
    setRegionTarget({ db, actor: coordinator.principal(), regionId, input });
    expect(getAgendaSavings({ db, agendaId: id })!.target).toMatchObject({ value: 2500, unit: "fte", fte: 2500, source: "Besluit stuurgroep" });
    setRegionTarget({ db, actor: coordinator.principal(), regionId, input: null });
    expect(getAgendaSavings({ db, agendaId: id })!.target).toBeNull();
    expect(audits("region.saving_target")).toBe(2);
  });

  it("lists use across regions, hiding titles of items that are not public to outsiders", () => {
    const item = itemTitled("Telemonitoring hartfalen vanuit het ziekenhuis");
    const tele = innovation("telemonitoring-hartfalen");
    addLink({ db, actor: twenteMember.principal(), agendaId: twente.id, input: { ...linkInput(item.id, tele.id), reachUnit: "clients", reach: 500 } });
    const forAmsterdam = innovationUsage({ db, innovationId: tele.id, actor: member.principal() });
    expect(forAmsterdam).toMatchObject([{ regionName: "Twente", status: "prioriteit", item: null }]);
    const forTwente = innovationUsage({ db, innovationId: tele.id, actor: twenteMember.principal() });
    expect(forTwente[0].item?.title).toBe(item.title);
    db.update(s.agendaItems).set({ isPublic: true }).where(eq(s.agendaItems.id, item.id)).run();
    expect(innovationUsage({ db, innovationId: tele.id, actor: member.principal() })[0].item).toMatchObject({ title: item.title, isPublic: true });
  });
});

describe("search", () => {
  it("finds an item by a word in its plan, without diacritics, only for readers of its agenda", () => {
    const reader = member.principal();
    const hits = search({ db, actor: reader, q: "afdelingen" });
    expect(hits.map((h) => h.title)).toContain("Slim incontinentiemateriaal in alle verpleeghuizen");
    // "clienten" finds "cliënten" (remove_diacritics 2).
    expect(search({ db, actor: reader, q: "clienten" }).length).toBeGreaterThan(0);
    expect(search({ db, actor: twenteMember.principal(), q: "afdelingen" }).filter((h) => h.kind === "item")).toEqual([]);
    // Innovations are public to every user.
    expect(search({ db, actor: twenteMember.principal(), q: "incontinentie" }).map((h) => h.kind)).toContain("innovation");
  });

  it("stays in sync when the read model changes", () => {
    const reader = member.principal();
    const item = itemTitled("Beeldbellen in de wijkverpleging");
    db.update(s.agendaItems).set({ planText: "Een proef met tilliften op afstand" }).where(and(eq(s.agendaItems.id, item.id))).run();
    expect(search({ db, actor: reader, q: "tilliften" }).map((h) => h.ref)).toEqual([item.id]);
    expect(search({ db, actor: reader, q: "bezoeken" }).map((h) => h.ref)).not.toContain(item.id);
    db.delete(s.agendaItems).where(eq(s.agendaItems.id, item.id)).run();
    expect(search({ db, actor: reader, q: "tilliften" })).toEqual([]);
  });
});
