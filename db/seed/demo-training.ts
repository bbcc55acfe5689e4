// Demo training and funding (issue 15, decision 030): the committed items of the demo agendas get
// training needs (one named provider, one still without: the region's signal), project hours and a
// funding line or two, so the item pages and /regios/<slug>/opleidingsvraag have content on a fresh
// start. Keyed on the item: an item with any training line is left alone, so a re-run adds nothing.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "..";
import { agendaItems, agendas, itemFunding, memberships, trainingNeeds } from "../schema";
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { periodOf, periodStart, shiftPeriod } from "../../app/domain/periods";
import { recordAudit } from "../../app/models/audit.server";

export function seedDemoTraining({ tx, now = new Date() }: { tx: Db; now?: Date }) {
  const current = periodOf(now);
  const items = tx
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, status: agendaItems.status, regionId: agendas.regionId })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .where(inArray(agendaItems.status, ["prioriteit", "in_uitvoering"]))
    .orderBy(agendaItems.agendaId, agendaItems.position)
    .all();
  items.forEach((item, index) => {
    if (tx.select({ id: trainingNeeds.id }).from(trainingNeeds).where(eq(trainingNeeds.itemId, item.id)).get()) return;
    const keeper = tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.regionId, item.regionId), inArray(memberships.role, ["coordinator", "member"])))
      .orderBy(memberships.role)
      .get();
    const by = keeper?.id ?? null;
    const executing = item.status === "in_uitvoering";
    const needs = [
      { kind: "opleiding" as const, role: "Verzorgende IG", people: 24, hoursPerPerson: 6, provider: "ROC in de regio", schoolType: "mbo" as const, skillsLab: true, status: executing ? ("bezig" as const) : ("gepland" as const), period: shiftPeriod(current, executing ? 0 : 1) },
      // Every other item names no school yet: the demand the region's schools should hear about.
      index % 2 === 0
        ? { kind: "opleiding" as const, role: "Wijkverpleegkundige", people: 8, hoursPerPerson: 8, provider: "", schoolType: null, skillsLab: false, status: "gepland" as const, period: shiftPeriod(current, 2) }
        : { kind: "opleiding" as const, role: "Wijkverpleegkundige", people: 8, hoursPerPerson: 8, provider: "Hogeschool in de regio", schoolType: "hbo" as const, skillsLab: false, status: "gepland" as const, period: shiftPeriod(current, 2) },
      { kind: "implementatie" as const, role: "Projectleider", people: 1, hoursPerPerson: 160, provider: "", schoolType: null, skillsLab: false, status: executing ? ("bezig" as const) : ("gepland" as const), period: null },
    ];
    for (const need of needs) {
      const { id } = tx.insert(trainingNeeds).values({ agendaId: item.agendaId, itemId: item.id, ...need, createdBy: by, updatedAt: now }).returning({ id: trainingNeeds.id }).get();
      recordAudit({ db: tx, actorId: by, action: "training.add", entityType: "training_need", entityId: id, regionId: item.regionId, data: { itemId: item.id, ...need, seed: true } });
    }
    const applied = dutchCalendarDay(periodStart(shiftPeriod(current, -3)));
    const funding = [
      { route: "stoz_implementatiestart" as const, amountCents: 2_500_000, status: executing ? ("toegekend" as const) : ("aangevraagd" as const), date: applied, note: "" },
      { route: "eigen_middelen" as const, amountCents: 1_200_000, status: "toegekend" as const, date: applied, note: "Uren van de projectleider." },
    ];
    for (const line of funding) {
      const { id } = tx.insert(itemFunding).values({ agendaId: item.agendaId, itemId: item.id, ...line, createdBy: by, updatedAt: now }).returning({ id: itemFunding.id }).get();
      recordAudit({ db: tx, actorId: by, action: "funding.add", entityType: "item_funding", entityId: id, regionId: item.regionId, data: { itemId: item.id, ...line, seed: true } });
    }
  });
}
