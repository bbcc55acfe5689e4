// Execution records on a real temp database: who may write them, what they audit, how they move the
// item's progress_at, the status change's hold on the live document, and the coordinator's view of
// who has not reported.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { getItem } from "../../app/domain/agenda-doc";
import { parseForm } from "../../app/forms/validation";
import { progressNoteSchema, statusChangeSchema } from "../../app/forms/execution";
import { changeItemStatus, getItemExecution, getRegionPeriod, requestProgress, saveAdvice, saveMilestone, saveProgressNote } from "../../app/models/execution.server";
import { NotAllowedError } from "../../app/models/errors.server";
import { seedDemoData } from "../../db/seed";
import { factoryDatabase } from "../support/factories";
import { formData as form } from "../support/form-data";


let cleanup: () => void = () => {};
afterEach(() => cleanup());

function setup() {
  const ctx = factoryDatabase();
  cleanup = ctx.cleanup;
  const { make, db } = ctx;
  const region = make.region("twente");
  const agenda = make.agenda({ region, items: [{ title: "Leefstijlcoach", status: "prioriteit" }, { title: "Beeldzorg", status: "in_uitvoering" }] });
  const ref = { id: agenda.id, regionId: region.id };
  const lead = make.member(region);
  const coordinator = make.member(region, "coordinator");
  const board = make.member(region, "board");
  const adviser = make.adviser([region]);
  return { db, region, agenda, ref, lead, coordinator, board, adviser };
}

const note = { intent: "progress" as const, period: "2026-Q3" as const, happened: "Twee teams zijn begonnen.", progressPct: 30, nextStep: "", risk: "laag" as const, riskNote: "" };

describe("execution records", () => {
  it("lets an item lead post a progress note, audited, moving progress_at; a second one for the quarter replaces it", () => {
    const { db, agenda, ref, lead } = setup();
    const itemId = agenda.itemIds[0];
    const now = new Date("2026-08-01T10:00:00Z");
    expect(saveProgressNote({ db, actor: lead.principal(), agenda: ref, itemId, input: note, now }).ok).toBe(true);
    saveProgressNote({ db, actor: lead.principal(), agenda: ref, itemId, input: { ...note, progressPct: 40 }, now });
    const ex = getItemExecution({ db, actor: lead.principal(), agenda: ref, itemId })!;
    expect(ex.notes.map((n) => [n.period, n.progressPct])).toEqual([["2026-Q3", 40]]);
    expect(ex.item.progressAt?.getTime()).toBe(now.getTime());
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, "progress.note")).all()).toHaveLength(2);
  });

  it("moves progress_at with a milestone too", () => {
    const { db, agenda, ref, lead } = setup();
    const now = new Date("2026-08-02T10:00:00Z");
    saveMilestone({ db, actor: lead.principal(), agenda: ref, itemId: agenda.itemIds[1], input: { intent: "milestone", milestoneId: null, title: "Pilot klaar", dueDate: "2026-10-01", state: "open" }, now });
    expect(getItemExecution({ db, actor: lead.principal(), agenda: ref, itemId: agenda.itemIds[1] })!.item.progressAt?.getTime()).toBe(now.getTime());
  });

  it("refuses the board and the adviser as writers of item records, and members as writers of advice", () => {
    const { db, agenda, ref, board, adviser, lead, region } = setup();
    for (const who of [board, adviser]) {
      expect(() => saveProgressNote({ db, actor: who.principal(), agenda: ref, itemId: agenda.itemIds[0], input: note })).toThrow(NotAllowedError);
    }
    expect(() => saveAdvice({ db, actor: lead.principal(), region, input: { intent: "advice", period: "2026-Q3", advice: "Goed bezig, ga door." } })).toThrow(NotAllowedError);
    expect(() => requestProgress({ db, actor: lead.principal(), region, input: { intent: "request", period: "2026-Q3", message: "", dueDate: "2026-10-15" } })).toThrow(NotAllowedError);
  });

  it("records a status change with its history and writes it into the document", () => {
    const { db, agenda, ref, lead } = setup();
    const itemId = agenda.itemIds[0];
    const doc = new Y.Doc();
    const items = doc.getMap("items");
    const item = new Y.Map<unknown>();
    items.set(itemId, item);
    item.set("status", "prioriteit");
    const result = changeItemStatus({ db, doc, actor: lead.principal(), agenda: ref, itemId, input: { intent: "status", status: "in_uitvoering", note: "Gestart", lessonLearned: "" } });
    expect(result.ok).toBe(true);
    expect(getItem(doc, itemId)!.get("status")).toBe("in_uitvoering");
    const [h] = getItemExecution({ db, actor: lead.principal(), agenda: ref, itemId })!.history;
    expect(h).toMatchObject({ fromStatus: "prioriteit", status: "in_uitvoering", note: "Gestart", by: lead.name });
    expect(changeItemStatus({ db, doc, actor: lead.principal(), agenda: ref, itemId, input: { intent: "status", status: "in_uitvoering", note: "", lessonLearned: "" } })).toEqual({ ok: false, errors: { status: "execution.error.sameStatus" } });
  });

  it("will not stop an item without a lesson learned", () => {
    expect(parseForm(statusChangeSchema, form({ intent: "status", status: "gestopt", lessonLearned: "mislukt" }))).toEqual({ ok: false, errors: { lessonLearned: "execution.error.lessonRequired" } });
    expect(parseForm(statusChangeSchema, form({ intent: "status", status: "gestopt", lessonLearned: "Zonder vaste financiering haakten de teams af." })).ok).toBe(true);
    expect(parseForm(progressNoteSchema, form({ intent: "progress", period: "2026-Q5", happened: "Twee teams gestart.", progressPct: "120", risk: "laag" }))).toEqual({
      ok: false,
      errors: { period: "execution.error.period", progressPct: "execution.error.pct" },
    });
  });

  it("shows the coordinator who has not reported for the quarter, with the request and the advice in one record", () => {
    const { db, agenda, ref, lead, coordinator, adviser, region } = setup();
    saveProgressNote({ db, actor: lead.principal(), agenda: ref, itemId: agenda.itemIds[1], input: note });
    requestProgress({ db, actor: coordinator.principal(), region, input: { intent: "request", period: "2026-Q3", message: "Graag voor de vijftiende.", dueDate: "2026-10-15" } });
    saveAdvice({ db, actor: adviser.principal(), region, input: { intent: "advice", period: "2026-Q3", advice: "Meet de uren van de teams." } });
    const view = getRegionPeriod({ db, actor: coordinator.principal(), region, period: "2026-Q3" });
    expect(view.notReported.map((i) => i.title)).toEqual(["Leefstijlcoach"]);
    expect(view.reported.map((i) => i.title)).toEqual(["Beeldzorg"]);
    expect(view.record).toMatchObject({ requestMessage: "Graag voor de vijftiende.", requestedBy: coordinator.name, advice: "Meet de uren van de teams.", adviceBy: adviser.name });
    expect(db.select().from(s.regionPeriodAdvice).all()).toHaveLength(1);
  });
});

describe("demo execution data", () => {
  it("gives the committed demo items a history and the items in execution three quarters of notes, once", async () => {
    const ctx = factoryDatabase();
    cleanup = ctx.cleanup;
    await seedDemoData({ db: ctx.db });
    const counts = () => [s.itemStatusChanges, s.itemMilestones, s.progressNotes, s.regionPeriodAdvice].map((t) => ctx.db.select().from(t).all().length);
    const first = counts();
    const inExecution = ctx.db.select().from(s.agendaItems).where(eq(s.agendaItems.status, "in_uitvoering")).all().length;
    expect(first[2]).toBe(inExecution * 3);
    expect(first[3]).toBe(1);
    await seedDemoData({ db: ctx.db });
    expect(counts()).toEqual(first);
  });
});
