// The agenda page reuses its first-paint markup and savings while their inputs are unchanged, and
// must never show a stale figure once they change.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { factoryDatabase, type TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { updateInnovation } from "../../app/models/catalogue.server";
import { addLink, getAgendaSavings, getAgendaSavingsCached } from "../../app/models/savings.server";
import { setRegionTarget } from "../../app/models/region-target.server";
import { agendaFirstPaintHtml, firstPaintData } from "../../app/utils/first-paint.server";

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
    expect(JSON.stringify(firstPaintData("<ol></ol>", false))).toBe('{"html":"<ol></ol>"}');
    const onDocument = firstPaintData("<ol></ol>", true);
    expect(JSON.stringify(onDocument)).toBe("{}");
    expect(onDocument.html).toBe("<ol></ol>");
  });
});

describe("savings of the agenda page", () => {
  it("equal a fresh computation after links, targets, items and the catalogue change", () => {
    const item = firstItem(agenda.id);
    const fresh = () => getAgendaSavings({ db, agendaId: agenda.id });
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

    updateInnovation({ db, actorId: admin.id, id: innovation.id, input: { intent: "create-innovation", nameNl: "Hernoemd", nameEn: null, descriptionNl: innovation.descriptionNl, kind: innovation.kind, mechanism: innovation.mechanism, sectors: innovation.sectors, costIndication: null, sources: innovation.sources } });
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })).toEqual(fresh());
    expect(getAgendaSavingsCached({ db, agendaId: agenda.id })!.innovationOptions.map((o) => o.nameNl)).toContain("Hernoemd");
  });
});
