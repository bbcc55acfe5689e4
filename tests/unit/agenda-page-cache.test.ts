// The agenda page reuses its first-paint markup and savings while their inputs are unchanged, and
// must never show a stale figure once they change.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { factoryDatabase, type TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { updateInnovation } from "../../app/models/catalogue.server";
import { addLink, agendaSavingsForPage, getAgendaSavings, savingsForPage } from "../../app/models/savings.server";
import { setRegionTarget } from "../../app/models/region-target.server";
import { agendaFirstPaintHtml } from "../../app/utils/first-paint.server";
import { inDocumentOnly } from "../../app/utils/document-only";
import { agendaContentVersion } from "../../app/models/agenda.server";
import type { AppLoadContext } from "@remix-run/node";

let ctx: ReturnType<typeof factoryDatabase>;
let db: Db;
let agenda: { id: number; regionId: number };
let member: TestUser, coordinator: TestUser, admin: TestUser;
beforeEach(() => {
  ctx = factoryDatabase();
  db = ctx.db;
  const { make } = ctx;
  const region = make.region("amsterdam");
  agenda = make.agenda({
    region,
    items: [
      { title: "Digicoaches voor digitale vaardigheden", status: "in_uitvoering", why: "Teams missen basisvaardigheden." },
      { title: "Slimme planning in de wijk", status: "prioriteit" },
    ],
  });
  member = make.member(region);
  coordinator = make.member(region, "coordinator");
  admin = make.admin();
});
afterEach(() => ctx.cleanup());

const firstItem = (agendaId: number) => db.select().from(s.agendaItems).where(eq(s.agendaItems.agendaId, agendaId)).orderBy(s.agendaItems.position).get()!;
// As the projection writes: every content change stamps changed_at.
const editItem = (id: string, set: Partial<typeof s.agendaItems.$inferInsert>) =>
  db.update(s.agendaItems).set({ ...set, changedAt: new Date(Date.now() + 1000) }).where(eq(s.agendaItems.id, id)).run();

describe("first-paint markup", () => {
  it("is rendered once per version and locale, and again after an edit, a move or a new item", () => {
    const item = firstItem(agenda.id);
    const nl = agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "nl" });
    expect(nl).toContain(item.title);
    expect(nl).toContain('data-testid="static-item"');
    expect(agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "nl" })).toBe(nl);
    expect(agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "en" })).not.toBe(nl);

    editItem(item.id, { title: "Nieuwe titel na bewerking" });
    const edited = agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "nl" });
    expect(edited).toContain("Nieuwe titel na bewerking");

    db.update(s.agendaItems).set({ position: 1e9 }).where(eq(s.agendaItems.id, item.id)).run();
    const moved = agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "nl" });
    expect(moved).not.toBe(edited);
    expect(moved.lastIndexOf("Nieuwe titel na bewerking")).toBeGreaterThan(moved.indexOf('data-testid="static-item"'));
  });

  it("travels as data only on a client navigation", () => {
    const navigation = {} as AppLoadContext;
    expect(JSON.stringify({ firstPaint: inDocumentOnly(navigation, "agendaFirstPaint", "<ol></ol>") })).toBe('{"firstPaint":"<ol></ol>"}');
    const document = { documentOnly: {} } as AppLoadContext;
    expect(JSON.stringify({ firstPaint: inDocumentOnly(document, "agendaFirstPaint", "<ol></ol>") })).toBe('{"firstPaint":null}');
    expect(document.documentOnly!.agendaFirstPaint).toBe("<ol></ol>");
  });
});

describe("savings of the agenda page", () => {
  it("equal a fresh computation after links, targets, items and the catalogue change", () => {
    const item = firstItem(agenda.id);
    const fresh = () => savingsForPage(getAgendaSavings({ db, agendaId: agenda.id })!);
    const getAgendaSavingsCached = agendaSavingsForPage;
    const cached = getAgendaSavingsCached({ db, agendaId: agenda.id });
    expect(cached).toEqual(fresh());
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })).toBe(cached);

    const innovation = db.select().from(s.innovations).get()!;
    addLink({ db, actor: member.principal(), agendaId: agenda.id, input: { intent: "add-link", itemId: item.id, innovationId: innovation.id, reach: 40, reachUnit: "fte", reachOrganisations: "", reachBy: null } });
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })).toEqual(fresh());

    setRegionTarget({ db, actor: coordinator.principal(), regionId: agenda.regionId, input: { value: 123, unit: "fte", source: "Stuurgroep 2026" } });
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })!.target).toEqual(fresh()!.target);
    expect(fresh()!.target).toMatchObject({ value: 123, unit: "fte" });

    editItem(item.id, { status: "gestopt" });
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })).toEqual(fresh());

    updateInnovation({ db, actor: admin.principal(), id: innovation.id, input: { intent: "create-innovation", nameNl: "Hernoemd", nameEn: null, descriptionNl: innovation.descriptionNl, kind: innovation.kind, mechanism: innovation.mechanism, sectors: innovation.sectors, costIndication: null, sources: innovation.sources } });
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })).toEqual(fresh());
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })!.innovationOptions.map((o) => o.nameNl)).toContain("Hernoemd");
  });
});

describe("the agenda's content version", () => {
  it("moves with a write to each table the page derives from, for that agenda only (the catalogue for all), and the page never shows a stale figure", () => {
    const other = ctx.make.agenda({ region: ctx.make.region("groningen"), items: [{ title: "Elders" }] });
    const item = firstItem(agenda.id);
    // An innovation rated per client, linked with a reach in clients, so its ratings give the item a figure.
    const rated = db.select({ innovationId: s.innovationRatings.innovationId }).from(s.innovationRatings).where(eq(s.innovationRatings.unit, "minutes_per_day_per_client")).get()!;
    const innovation = db.select().from(s.innovations).where(eq(s.innovations.id, rated.innovationId)).get()!;
    const link = addLink({ db, actor: member.principal(), agendaId: agenda.id, input: { intent: "add-link", itemId: item.id, innovationId: innovation.id, reach: 40, reachUnit: "clients", reachOrganisations: "", reachBy: null } });
    expect(link.ok).toBe(true);
    setRegionTarget({ db, actor: coordinator.principal(), regionId: agenda.regionId, input: { value: 123, unit: "fte", source: "Stuurgroep 2026" } });
    const utrecht = ctx.make.region("groningen");
    const page = () => ({ savings: agendaSavingsForPage({ db, agendaId: agenda.id }), html: agendaFirstPaintHtml({ db, agendaId: agenda.id, locale: "nl" }) });
    const fresh = () => savingsForPage(getAgendaSavings({ db, agendaId: agenda.id })!);
    const changes: Array<{ table: string; change: () => void; catalogue?: boolean }> = [
      { table: "agenda_items", change: () => editItem(item.id, { title: "Titel via de projectie" }) },
      { table: "item_innovations", change: () => db.update(s.itemInnovations).set({ reach: 80 }).where(eq(s.itemInnovations.agendaId, agenda.id)).run() },
      { table: "regions", change: () => db.update(s.regions).set({ savingTarget: 456 }).where(eq(s.regions.id, agenda.regionId)).run() },
      {
        table: "region_shortages",
        change: () =>
          db
            .insert(s.regionShortages)
            .values({ regionId: agenda.regionId, shortage: 4321, unit: "people", year: 2035, vintage: "test", quote: "", publisher: "Test", sourceUrl: "https://example.org", reporting: "first_hand" })
            .onConflictDoUpdate({ target: s.regionShortages.regionId, set: { shortage: 4321 } })
            .run(),
      },
      { table: "users (who set the target)", change: () => db.update(s.users).set({ name: "Coördinator met nieuwe naam" }).where(eq(s.users.id, coordinator.id)).run() },
      { table: "innovations", catalogue: true, change: () => db.update(s.innovations).set({ nameNl: "Andere naam" }).where(eq(s.innovations.id, innovation.id)).run() },
      { table: "innovation_ratings", catalogue: true, change: () => db.update(s.innovationRatings).set({ expected: 99, high: 99 }).where(eq(s.innovationRatings.innovationId, innovation.id)).run() },
      { table: "agendas (moved to another region)", change: () => db.update(s.agendas).set({ regionId: utrecht.id, period: "2031-2034" }).where(eq(s.agendas.id, agenda.id)).run() },
    ];
    for (const { table, change, catalogue } of changes) {
      const before = page();
      const versions = [agendaContentVersion({ db, agendaId: agenda.id }), agendaContentVersion({ db, agendaId: other.id })];
      change();
      expect(agendaContentVersion({ db, agendaId: agenda.id }), table).not.toBe(versions[0]);
      if (catalogue) expect(agendaContentVersion({ db, agendaId: other.id }), table).not.toBe(versions[1]);
      else expect(agendaContentVersion({ db, agendaId: other.id }), table).toBe(versions[1]);
      const after = page();
      expect(after.savings, table).toEqual(fresh());
      expect(after, table).not.toEqual(before);
    }
    expect(page().html).toContain("Titel via de projectie");
  });
});
