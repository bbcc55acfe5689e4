import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { fundingSchema, trainingSchema } from "../../app/forms/training";
import { parseForm } from "../../app/forms/validation";
import { hoursPerItem, providerKey, roleKey, roleLabel, sumDemand, type TrainingLine } from "../../app/domain/training";
import { itemTrainingAndFunding, regionTrainingLines, removeTrainingOrFunding, saveFunding, saveTrainingNeed, trainingHoursForItems } from "../../app/models/training.server";
import { NotAllowedError } from "../../app/models/errors.server";
import { factoryDatabase, type TestAgenda, type TestUser } from "../support/factories";
import { seededTempDatabase } from "../support/temp-db";
import { seedDemoTraining } from "../../db/seed/demo-training";
import { formData as form } from "../support/form-data";

const trainingFields = { intent: "add-training", kind: "opleiding", role: "Verzorgende IG", people: "12", hoursPerPerson: "8", provider: "ROC Amsterdam", schoolType: "mbo", skillsLab: "on", status: "gepland", period: "2026-Q4" };
const fundingFields = { intent: "add-funding", route: "stoz_implementatiestart", amount: "12.500,50", status: "aangevraagd", date: "2026-10-01", note: "" };

const ourAudit = (ctx: ReturnType<typeof factoryDatabase>) =>
  ctx.db.select().from(s.auditLog).all().filter((a) => a.entityType === "training_need" || a.entityType === "item_funding").map((a) => a.action);

const line = (over: Partial<TrainingLine>): TrainingLine => ({
  id: 1, itemId: "a", kind: "opleiding", role: "Verzorgende IG", people: 10, hoursPerPerson: 4, provider: "", schoolType: null, skillsLab: false, status: "gepland", period: null, ...over,
});

describe("training sums", () => {
  it("adds training and implementation hours per item apart and together, keeping the lines", () => {
    const hours = hoursPerItem([
      line({ id: 1, people: 10, hoursPerPerson: 4 }),
      line({ id: 2, kind: "implementatie", role: "Projectleider", people: 1, hoursPerPerson: 120 }),
      line({ id: 3, itemId: "b", people: 3, hoursPerPerson: 2.5 }),
    ]);
    expect(hours.get("a")).toMatchObject({ training: 40, implementation: 120, total: 160 });
    expect(hours.get("a")!.lines.map((l) => l.id)).toEqual([1, 2]);
    expect(hours.get("b")).toMatchObject({ training: 7.5, implementation: 0, total: 7.5 });
    expect(hours.has("c")).toBe(false);
  });

  it("sums open training demand by a key, leaving out done training and implementation hours", () => {
    const rows = sumDemand(
      [
        line({ id: 1, role: "Verzorgende IG", people: 10, hoursPerPerson: 4 }),
        line({ id: 2, role: " verzorgende  ig ", people: 5, hoursPerPerson: 2, status: "bezig" }),
        line({ id: 3, role: "Wijkverpleegkundige", people: 2, hoursPerPerson: 100 }),
        line({ id: 4, role: "Verzorgende IG", people: 99, hoursPerPerson: 99, status: "afgerond" }),
        line({ id: 5, kind: "implementatie", role: "Verzorgende IG", people: 99, hoursPerPerson: 99 }),
      ],
      roleKey,
      roleLabel,
    );
    expect(rows).toEqual([
      { key: "wijkverpleegkundige", label: "Wijkverpleegkundige", people: 2, hours: 200, lines: 1 },
      { key: "verzorgende ig", label: "Verzorgende IG", people: 15, hours: 50, lines: 2 },
    ]);
  });

  it("counts needs with no provider under one empty key", () => {
    const rows = sumDemand([line({ id: 1, provider: "  " }), line({ id: 2, provider: "" }), line({ id: 3, provider: "Hogeschool" })], providerKey);
    expect(rows.map((r) => [r.key, r.lines])).toEqual([["", 2], ["Hogeschool", 1]]);
  });
});

describe("training and funding forms", () => {
  it("reads a training need, Dutch numbers and the skills lab box", () => {
    const parsed = parseForm(trainingSchema, form({ ...trainingFields, people: "1.200", hoursPerPerson: "2,5" }));
    expect(parsed).toEqual({ ok: true, data: expect.objectContaining({ people: 1200, hoursPerPerson: 2.5, skillsLab: true, schoolType: "mbo", period: "2026-Q4" }) });
  });

  it("refuses a need without role, with no people, a broken quarter or a provider without a type", () => {
    const parsed = parseForm(trainingSchema, form({ ...trainingFields, role: "", people: "0", period: "Q4 2026", schoolType: "" }));
    expect(parsed).toEqual({ ok: false, errors: { role: "training.error.role", people: "training.error.people", period: "training.error.period", schoolType: "training.error.schoolTypeNeeded" } });
  });

  it("drops school, type and skills lab from implementation hours", () => {
    const parsed = parseForm(trainingSchema, form({ ...trainingFields, kind: "implementatie" }));
    expect(parsed.ok && parsed.data).toMatchObject({ provider: "", schoolType: null, skillsLab: false });
  });

  it("reads a funding amount in euros into cents", () => {
    expect(parseForm(fundingSchema, form(fundingFields))).toEqual({ ok: true, data: expect.objectContaining({ amountCents: 1_250_050 }) });
    expect(parseForm(fundingSchema, form({ ...fundingFields, amount: "12.500" }), "nl")).toMatchObject({ ok: true, data: { amountCents: 1_250_000 } });
  });

  it("refuses a route off the list, a third decimal, a bad date and 'anders' without a note", () => {
    expect(parseForm(fundingSchema, form({ ...fundingFields, route: "subsidie" }))).toMatchObject({ ok: false, errors: { route: "funding.error.route" } });
    expect(parseForm(fundingSchema, form({ ...fundingFields, amount: "10,555" }))).toMatchObject({ ok: false, errors: { amount: "funding.error.cents" } });
    expect(parseForm(fundingSchema, form({ ...fundingFields, date: "2026-02-30" }))).toMatchObject({ ok: false, errors: { date: "funding.error.date" } });
    expect(parseForm(fundingSchema, form({ ...fundingFields, route: "anders" }))).toMatchObject({ ok: false, errors: { note: "funding.error.otherNote" } });
  });
});

describe("training and funding records", () => {
  let ctx: ReturnType<typeof factoryDatabase>;
  let agenda: TestAgenda;
  let lead: TestUser;
  let boardMember: TestUser;
  const scope = () => ({ id: agenda.id, regionId: agenda.regionId });
  const parsedTraining = (fields: Record<string, string> = {}) => {
    const p = parseForm(trainingSchema, form({ ...trainingFields, ...fields }));
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.data;
  };
  const parsedFunding = (fields: Record<string, string> = {}) => {
    const p = parseForm(fundingSchema, form({ ...fundingFields, ...fields }));
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.data;
  };

  beforeEach(() => {
    ctx = factoryDatabase();
    const region = ctx.make.region("amsterdam");
    agenda = ctx.make.agenda({ region, items: [{ title: "Slimme nachtzorg" }, { title: "Leefstijl" }] });
    lead = ctx.make.member(region);
    boardMember = ctx.make.member(region, "board");
  });
  afterEach(() => ctx.cleanup());

  it("stores a need and a funding line, audited, and reads the hours back per item", () => {
    const [itemId, other] = agenda.itemIds;
    expect(saveTrainingNeed({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, input: parsedTraining() })).toMatchObject({ ok: true });
    saveTrainingNeed({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, input: parsedTraining({ kind: "implementatie", role: "Projectleider", people: "1", hoursPerPerson: "80" }) });
    saveFunding({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, input: parsedFunding() });

    const hours = trainingHoursForItems({ db: ctx.db, itemIds: [itemId, other] });
    expect(hours.get(itemId)).toMatchObject({ training: 96, implementation: 80, total: 176 });
    expect(hours.has(other)).toBe(false);
    expect(ourAudit(ctx)).toEqual(["training.add", "training.add", "funding.add"]);
    const read = itemTrainingAndFunding({ db: ctx.db, actor: boardMember.principal(), agenda: scope(), itemId })!;
    expect(read.funding).toEqual([expect.objectContaining({ route: "stoz_implementatiestart", amountCents: 1_250_050 })]);
    expect(read.mayEdit).toBe(false);
    expect(regionTrainingLines({ db: ctx.db, regionId: agenda.regionId }).map((l) => l.itemTitle)).toEqual(["Slimme nachtzorg", "Slimme nachtzorg"]);
  });

  it("edits and removes only the item's own lines", () => {
    const [itemId, other] = agenda.itemIds;
    const saved = saveTrainingNeed({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, input: parsedTraining() });
    const id = saved.ok ? saved.id : 0;
    expect(saveTrainingNeed({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId: other, input: parsedTraining({ intent: "edit-training", lineId: String(id) }) })).toEqual({ ok: false, error: "line" });
    saveTrainingNeed({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, input: parsedTraining({ intent: "edit-training", lineId: String(id), status: "afgerond" }) });
    expect(ctx.db.select().from(s.trainingNeeds).where(eq(s.trainingNeeds.id, id)).get()?.status).toBe("afgerond");
    expect(removeTrainingOrFunding({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId: other, intent: "remove-training", lineId: id })).toBe(false);
    expect(removeTrainingOrFunding({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId, intent: "remove-training", lineId: id })).toBe(true);
    expect(ourAudit(ctx)).toEqual(["training.add", "training.edit", "training.remove"]);
  });

  it("lets neither the board nor another region's member write, and refuses an item not on the agenda", () => {
    const [itemId] = agenda.itemIds;
    const stranger = ctx.make.member(ctx.make.region("twente"));
    for (const actor of [boardMember, stranger]) {
      expect(() => saveTrainingNeed({ db: ctx.db, actor: actor.principal(), agenda: scope(), itemId, input: parsedTraining() })).toThrow(NotAllowedError);
      expect(() => saveFunding({ db: ctx.db, actor: actor.principal(), agenda: scope(), itemId, input: parsedFunding() })).toThrow(NotAllowedError);
    }
    expect(() => itemTrainingAndFunding({ db: ctx.db, actor: stranger.principal(), agenda: scope(), itemId })).toThrow(NotAllowedError);
    expect(saveFunding({ db: ctx.db, actor: lead.principal(), agenda: scope(), itemId: "no-such-item", input: parsedFunding() })).toEqual({ ok: false, error: "item" });
    expect(ctx.db.select().from(s.trainingNeeds).all()).toHaveLength(0);
  });
});

describe("demo training and funding", () => {
  it("gives the committed demo items needs and funding, once however often the seed runs", async () => {
    const ctx = await seededTempDatabase();
    try {
      const count = () => [ctx.db.select().from(s.trainingNeeds).all().length, ctx.db.select().from(s.itemFunding).all().length];
      const [needs, funding] = count();
      expect(needs).toBeGreaterThan(0);
      expect(funding).toBeGreaterThan(0);
      seedDemoTraining({ tx: ctx.db });
      expect(count()).toEqual([needs, funding]);
      const regionId = ctx.db.select({ regionId: s.agendas.regionId }).from(s.agendas).innerJoin(s.trainingNeeds, eq(s.trainingNeeds.agendaId, s.agendas.id)).get()!.regionId;
      expect(regionTrainingLines({ db: ctx.db, regionId }).length).toBeGreaterThan(0);
    } finally {
      ctx.cleanup();
    }
  });
});
