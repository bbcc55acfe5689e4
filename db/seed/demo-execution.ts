// Demo execution records (issue 15): the committed items of the demo agendas get a status history,
// two milestones and progress notes over the quarters before this one, so the item pages and the
// coordinator's progress request have real content on a fresh start. This quarter is left open
// (nobody has reported yet: the request page shows who has not). Keyed on the item: an item with any
// status history is left alone, so a re-run adds nothing.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "..";
import { agendaItems, agendas, itemMilestones, itemStatusChanges, memberships, progressNotes, regionPeriodAdvice, regions, users } from "../schema";
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { periodOf, periodStart, shiftPeriod } from "../../app/domain/periods";
import { recordAudit } from "../../app/models/audit.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const ADVISER = "adviseur@demo.agendawerk.nl";

/** What an item in execution reported, oldest quarter first (three quarters before this one). */
const executionNotes = [
  { pct: 20, risk: "laag", happened: "Projectgroep gestart, eerste teams gekozen en een nulmeting van de werktijd gedaan.", next: "Eerste teams werken met de nieuwe aanpak." },
  { pct: 45, risk: "middel", happened: "Drie teams werken ermee; de roosters laten nog geen verschil zien, de medewerkers zijn positief.", next: "Uitbreiden naar alle teams van de eerste organisatie.", riskNote: "De vervanging van de projectleider is nog niet geregeld." },
  { pct: 60, risk: "middel", happened: "Zes teams werken ermee. Een tweede organisatie is aangehaakt; de scholing loopt.", next: "Tweede meting van de werktijd en een besluit over de opschaling." },
] as const;

/**
 * The quarter the stuurgroep set the demo agendas' priorities, four before the running one. The agendas
 * were drawn up, their innovations linked, early in it (db/seed/index.ts), so the national results'
 * projection stands from there, before the first measurement (decision 033).
 */
export const demoPlanningQuarter = (now: Date) => shiftPeriod(periodOf(now), -4);

export function seedDemoExecution({ tx, now = new Date() }: { tx: Db; now?: Date }) {
  const current = periodOf(now);
  const items = tx
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, title: agendaItems.title, status: agendaItems.status, regionId: agendas.regionId })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .where(inArray(agendaItems.status, ["prioriteit", "in_uitvoering"]))
    .all();
  const at = (period: string, day: number) => new Date(periodStart(period) + day * DAY_MS);
  for (const item of items) {
    if (tx.select({ id: itemStatusChanges.id }).from(itemStatusChanges).where(eq(itemStatusChanges.itemId, item.id)).get()) continue;
    // The region's coordinator keeps the records (or a workgroup member where there is none).
    const keeper = tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.regionId, item.regionId), inArray(memberships.role, ["coordinator", "member"])))
      .orderBy(memberships.role)
      .get();
    const by = keeper?.id ?? null;
    const audit = (action: string, entityType: string, entityId: string | number, data: Record<string, unknown>) =>
      recordAudit({ db: tx, actorId: by, action, entityType, entityId, regionId: item.regionId, data: { ...data, seed: true } });
    const history: Array<{ from: string | null; to: string; at: Date; note: string }> = [
      { from: "idee", to: "prioriteit", at: at(demoPlanningQuarter(now), 20), note: "Vastgesteld als prioriteit door de stuurgroep." },
    ];
    if (item.status === "in_uitvoering") history.push({ from: "prioriteit", to: "in_uitvoering", at: at(shiftPeriod(current, -3), 10), note: "Projectplan en financiering rond; de uitvoering begint." });
    for (const h of history) {
      const { id } = tx
        .insert(itemStatusChanges)
        .values({ agendaId: item.agendaId, itemId: item.id, fromStatus: h.from as "idee", status: h.to as "prioriteit", note: h.note, changedBy: by, changedAt: h.at })
        .returning({ id: itemStatusChanges.id })
        .get();
      audit("item.status", "agenda_item", item.id, { changeId: id, from: h.from, to: h.to });
    }
    let progressAt = history[history.length - 1].at;
    const milestones = [
      { title: "Plan van aanpak vastgesteld", dueDate: dutchCalendarDay(at(shiftPeriod(current, -3), 30)), state: "gehaald" as const, doneDate: dutchCalendarDay(at(shiftPeriod(current, -3), 25)) },
      { title: "Tussenevaluatie met de teams", dueDate: dutchCalendarDay(at(shiftPeriod(current, 1), 30)), state: "open" as const, doneDate: null },
    ];
    for (const m of milestones) {
      const { id } = tx
        .insert(itemMilestones)
        .values({ agendaId: item.agendaId, itemId: item.id, ...m, createdBy: by, updatedAt: progressAt })
        .returning({ id: itemMilestones.id })
        .get();
      audit("milestone.create", "item_milestone", id, { itemId: item.id, title: m.title, dueDate: m.dueDate, state: m.state });
    }
    if (item.status === "in_uitvoering") {
      executionNotes.forEach((n, i) => {
        const period = shiftPeriod(current, i - executionNotes.length);
        const written = at(period, 80);
        const { id } = tx
          .insert(progressNotes)
          .values({ agendaId: item.agendaId, itemId: item.id, period, happened: n.happened, progressPct: n.pct, nextStep: n.next, risk: n.risk, riskNote: "riskNote" in n ? n.riskNote : "", authorId: by, updatedAt: written })
          .returning({ id: progressNotes.id })
          .get();
        audit("progress.note", "progress_note", id, { itemId: item.id, period, progressPct: n.pct });
        progressAt = written;
      });
    }
    tx.update(agendaItems).set({ progressAt }).where(eq(agendaItems.id, item.id)).run();
  }
  seedDemoPeriodRecords(tx, current);
}

/** Last quarter's request and advice for Amsterdam, so the record reads as the report will carry it. */
function seedDemoPeriodRecords(tx: Db, current: string) {
  const period = shiftPeriod(current, -1);
  const region = tx.select({ id: regions.id }).from(regions).where(eq(regions.slug, "amsterdam")).get();
  if (!region || tx.select({ id: regionPeriodAdvice.id }).from(regionPeriodAdvice).where(and(eq(regionPeriodAdvice.regionId, region.id), eq(regionPeriodAdvice.period, period))).get()) return;
  const coordinator = tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.regionId, region.id), eq(memberships.role, "coordinator"))).get();
  const adviser = tx.select({ id: users.id }).from(users).where(eq(users.email, ADVISER)).get();
  const start = periodStart(period);
  const { id } = tx
    .insert(regionPeriodAdvice)
    .values({
      regionId: region.id,
      period,
      requestMessage: "Graag per agendapunt een korte voortgangsnotitie: wat is er gebeurd, hoe ver zijn jullie, wat is de volgende stap en welk risico zien jullie?",
      requestDueDate: dutchCalendarDay(start + 80 * DAY_MS),
      requestedBy: coordinator?.id ?? null,
      requestedAt: new Date(start + 60 * DAY_MS),
      advice: "De digicoaches lopen goed; leg vast hoeveel uur de teams eraan besteden, zodat de besparing te meten is. Regel de financiering van het incontinentiemateriaal na de pilot voordat de uitrol begint.",
      adviceBy: adviser?.id ?? null,
      adviceAt: new Date(start + 88 * DAY_MS),
    })
    .returning({ id: regionPeriodAdvice.id })
    .get();
  recordAudit({ db: tx, actorId: coordinator?.id ?? null, action: "progress.request", entityType: "region_period", entityId: id, regionId: region.id, data: { period, seed: true } });
  recordAudit({ db: tx, actorId: adviser?.id ?? null, action: "region.advice", entityType: "region_period", entityId: id, regionId: region.id, data: { period, seed: true } });
}
