// Links between agenda items and catalogue innovations (with the reach a region commits to), the
// projected savings of an agenda, the region's target and cross-region use of an innovation.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, innovations, itemInnovations, regions } from "../../db/schema";
import { can, canReadAgenda, type Principal } from "../domain/permissions";
import {
  HOURS_PER_FTE_YEAR,
  countsTowardsTotal,
  basisOfReach,
  linkCapability,
  mechanisms,
  projectLink,
  sumFigures,
  zeroRange,
  type Figure,
  type LinkProjection,
  type Mechanism,
  type Projection,
  type Range,
} from "../domain/savings";
import type { LinkInput } from "../forms/catalogue";
import { recordAudit } from "./audit.server";
import { listInnovationOptions, ratingsByInnovation } from "./catalogue.server";
import { preparedFor } from "../utils/prepared.server";
import { agendaContentCache } from "../utils/cache.server";
import { regionTargetContext } from "./region-target.server";
import { NotAllowedError } from "./errors.server";
import { acrossRegions, attributableInnovation, type AcrossRegions } from "../domain/realised-savings";
import { compareByMechanism, measuredItemsOf, realisedForItems } from "./realised-savings.server";
import { syncNationalSummary } from "./national-summary.server";

export type LinkSaving = {
  linkId: number;
  itemId: string;
  innovationId: number;
  innovationSlug: string;
  innovationNameNl: string;
  innovationNameEn: string;
  mechanism: Mechanism;
  reach: number;
  reachUnit: "clients" | "fte";
  reachOrganisations: string;
  reachBy: string | null;
  taskHoursPerWeek: number | null;
  eventsPerWeek: number | null;
  /** Labour saved only (with its weakest level), or why there is none: what most callers need. */
  saving: Projection;
  /** Everything the link adds up to, by kind: labour saved, supply and shifting apart. */
  projection: LinkProjection;
  /** The ratings behind the labour-saved figure, each one click from its quote on the innovation page. */
  /** The ratings behind the figure, with their values: a reader can redo the sum. `expected` null: the source gives only a range. */
  basis: Array<{ id: number; evidenceLevel: number; source: string; unit: string; low: number; expected: number | null; high: number; taskName: string | null }>;
};

export type ItemSavingsData = {
  itemId: string;
  title: string;
  /** The item's sectors: the link form shows innovations of the same sectors first. */
  sectors: string[];
  links: LinkSaving[];
  /** Labour saved: the sum of the links' figures (zero when none), as before. */
  hoursPerYear: Range;
  fte: Range;
  /** The same sum with its evidence (weakest level, spread); null when no link gives a figure. */
  saved: Figure | null;
  supply: Figure | null;
  shifted: Figure | null;
  counts: boolean;
};

type LinkRow = {
  id: number;
  itemId: string;
  agendaId: number;
  innovationId: number;
  reach: number;
  reachUnit: "clients" | "fte";
  reachOrganisations: string;
  reachBy: string | null;
  taskHoursPerWeek: number | null;
  eventsPerWeek: number | null;
  slug: string;
  nameNl: string;
  nameEn: string;
  innovationMechanism: Mechanism;
};

function linkRows(db: Db, where: ReturnType<typeof eq> | ReturnType<typeof inArray>) {
  return db
    .select({
      id: itemInnovations.id,
      itemId: itemInnovations.itemId,
      agendaId: itemInnovations.agendaId,
      innovationId: itemInnovations.innovationId,
      reach: itemInnovations.reach,
      reachUnit: itemInnovations.reachUnit,
      reachOrganisations: itemInnovations.reachOrganisations,
      reachBy: itemInnovations.reachBy,
      taskHoursPerWeek: itemInnovations.taskHoursPerWeek,
      eventsPerWeek: itemInnovations.eventsPerWeek,
      slug: innovations.slug,
      nameNl: innovations.nameNl,
      nameEn: innovations.nameEn,
      innovationMechanism: innovations.mechanism,
    })
    .from(itemInnovations)
    .innerJoin(innovations, eq(innovations.id, itemInnovations.innovationId))
    .where(where)
    .orderBy(asc(itemInnovations.id))
    .all() as LinkRow[];
}

function projectLinks(db: Db, links: LinkRow[], itemMechanism: (itemId: string) => Mechanism | null): LinkSaving[] {
  const ratings = ratingsByInnovation({ db, innovationIds: [...new Set(links.map((l) => l.innovationId))] });
  return links.map((l) => {
    const own = ratings.get(l.innovationId) ?? [];
    const projection = projectLink(own, l);
    const saving: Projection = projection.saved
      ? { ok: true, hoursPerYear: projection.saved.hoursPerYear, fte: projection.saved.fte, evidenceLevel: projection.saved.evidence.weakest, evidence: projection.saved.evidence }
      : { ok: false, reason: projection.missing ?? "unrated" };
    const behind = new Set(projection.saved?.ratingIds ?? []);
    return {
    linkId: l.id,
    itemId: l.itemId,
    innovationId: l.innovationId,
    innovationSlug: l.slug,
    innovationNameNl: l.nameNl,
    innovationNameEn: l.nameEn,
    // The item's own choice says how the region means to save; the innovation's is the fallback.
    mechanism: itemMechanism(l.itemId) ?? l.innovationMechanism,
    reach: l.reach,
    reachUnit: l.reachUnit,
    reachOrganisations: l.reachOrganisations,
    reachBy: l.reachBy,
    taskHoursPerWeek: l.taskHoursPerWeek,
    eventsPerWeek: l.eventsPerWeek,
    saving,
    projection,
    basis: own
      .filter((r) => behind.has(r.id))
      .map((r) => ({ id: r.id, evidenceLevel: r.evidenceLevel, source: r.source, unit: r.unit, low: r.low, expected: r.expectedStated ? r.expected : null, high: r.high, taskName: r.taskName })),
    };
  });
}

/** Some items' links (on any agenda) with their projections, per item; items without links are absent. */
export function linkSavingsForItems({ db, itemIds }: { db: Db; itemIds: readonly string[] }): Map<string, LinkSaving[]> {
  const out = new Map<string, LinkSaving[]>();
  if (!itemIds.length) return out;
  const own = new Map(
    db.select({ id: agendaItems.id, mechanism: agendaItems.mechanism }).from(agendaItems).where(inArray(agendaItems.id, [...itemIds])).all().map((i) => [i.id, i.mechanism]),
  );
  for (const l of projectLinks(db, linkRows(db, inArray(itemInnovations.itemId, [...itemIds])), (id) => own.get(id) ?? null)) {
    out.set(l.itemId, [...(out.get(l.itemId) ?? []), l]);
  }
  return out;
}

/** Labour saved by some links, with its evidence, and as plain ranges (zero when none) for the chart. */
function savedOf(links: LinkSaving[]) {
  const saved = sumFigures(links.map((l) => l.projection.saved));
  return { saved, hoursPerYear: saved?.hoursPerYear ?? zeroRange, fte: saved?.fte ?? zeroRange, evidence: saved?.evidence ?? null };
}

/**
 * Everything the agenda page shows about savings: per item, per mechanism, the total against the
 * region's target, and the innovations one can link. Items that stopped are shown but not counted.
 */
export function getAgendaSavings({ db, agendaId }: { db: Db; agendaId: number }) {
  const agenda = db
    .select({ regionId: agendas.regionId, regionName: regions.name })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(agendas.id, agendaId))
    .get();
  if (!agenda) return null;
  const items = db
    .select({ id: agendaItems.id, title: agendaItems.title, status: agendaItems.status, mechanism: agendaItems.mechanism, sectors: agendaItems.sectors })
    .from(agendaItems)
    .where(eq(agendaItems.agendaId, agendaId))
    .all();
  const itemById = new Map(items.map((i) => [i.id, i]));
  const links = projectLinks(db, linkRows(db, eq(itemInnovations.agendaId, agendaId)), (id) => itemById.get(id)?.mechanism ?? null);

  const perItem: Record<string, ItemSavingsData> = {};
  for (const item of items) {
    const own = links.filter((l) => l.itemId === item.id);
    const { saved, hoursPerYear, fte } = savedOf(own);
    perItem[item.id] = {
      itemId: item.id,
      title: item.title,
      sectors: item.sectors,
      links: own,
      hoursPerYear,
      fte,
      saved,
      supply: sumFigures(own.map((l) => l.projection.supply)),
      shifted: sumFigures(own.map((l) => l.projection.shifted)),
      counts: countsTowardsTotal(item.status),
    };
  }
  const counted = links.filter((l) => {
    const item = itemById.get(l.itemId);
    return item && countsTowardsTotal(item.status);
  });
  const byMechanism = mechanisms.map((mechanism) => {
    const { hoursPerYear, fte, evidence } = savedOf(counted.filter((l) => l.mechanism === mechanism));
    return { mechanism, hoursPerYear, fte, evidence };
  });
  const total = savedOf(counted);
  const realised = realisedForItems({ db, items: items.map((i) => ({ itemId: i.id, mechanism: i.mechanism, links: perItem[i.id].links })) });
  const realisedItems = items.map((i) => ({ ...realised.get(i.id)!, agendaId, title: i.title, counts: countsTowardsTotal(i.status) }));
  return {
    agendaId,
    // Measured beside projected (decision 031): per mechanism, in total, and the measured items behind them.
    realised: { ...compareByMechanism(realisedItems), items: measuredItemsOf(realisedItems.filter((i) => i.counts)) },
    regionId: agenda.regionId,
    regionName: agenda.regionName,
    items: perItem,
    byMechanism,
    // Labour saved, labelled with the weakest level among its ratings (`evidence.weakest`).
    total: { hoursPerYear: total.hoursPerYear, fte: total.fte, evidence: total.evidence, ratingCount: total.saved?.ratingIds.length ?? 0 },
    // Never added to the total: more hours worked, and hours moved between professions.
    supply: sumFigures(counted.map((l) => l.projection.supply)),
    shifted: sumFigures(counted.map((l) => l.projection.shifted)),
    careDemandLinks: counted.filter((l) => l.projection.careDemand > 0).length,
    // The region's own target (null: none set) and its expected shortage where a source states one.
    ...regionTargetContext({ db, regionId: agenda.regionId }),
    hoursPerFteYear: HOURS_PER_FTE_YEAR,
    innovationOptions: listInnovationOptions({ db }),
  };
}
export type AgendaSavings = NonNullable<ReturnType<typeof getAgendaSavings>>;

/**
 * The agenda page's savings. Only the live editor shows the per-item figures; as one object per
 * item (some 3,000 small values for 200 items) they cost the page's data encoding (turbo-stream) more
 * per request than all the rest of the page, so they travel as columns of what every item needs
 * (its title and sectors, for the link form) and the full figures of the items that have links.
 */
export type AgendaSavingsForPage = Omit<AgendaSavings, "items"> & {
  itemIds: string[];
  itemTitles: string[];
  itemSectors: string[][];
  linkedItems: ItemSavingsData[];
};

export function savingsForPage({ items, ...rest }: AgendaSavings): AgendaSavingsForPage {
  const all = Object.values(items);
  return {
    ...rest,
    itemIds: all.map((i) => i.itemId),
    itemTitles: all.map((i) => i.title),
    itemSectors: all.map((i) => i.sectors),
    linkedItems: all.filter((i) => i.links.length > 0),
  };
}

const pageSavings = agendaContentCache<AgendaSavingsForPage | null>();

/** The agenda page's savings, computed again only when the agenda's content version moves. Callers must not mutate it. */
export function agendaSavingsForPage({ db, agendaId }: { db: Db; agendaId: number }): AgendaSavingsForPage | null {
  return pageSavings({ db, agendaId }, () => {
    const savings = getAgendaSavings({ db, agendaId });
    return savings && savingsForPage(savings);
  });
}

export type LinkResult =
  | { ok: true; linkId: number }
  | { ok: false; error: "catalogue.error.item" | "catalogue.error.choose" | "evidence.error.reachClients" | "evidence.error.reachFte" };

/** The link form's fields; the two a rating may need are optional for callers that have none. */
type NewLink = Omit<LinkInput, "taskHoursPerWeek" | "eventsPerWeek"> & Partial<Pick<LinkInput, "taskHoursPerWeek" | "eventsPerWeek">>;

export function addLink({ db, actor, agendaId, input }: { db: Db; actor: Principal; agendaId: number; input: NewLink }): LinkResult {
  return db.transaction((tx) => {
    const agenda = tx.select({ regionId: agendas.regionId }).from(agendas).where(eq(agendas.id, agendaId)).get();
    if (!agenda || !can(actor, "edit:agenda", { regionId: agenda.regionId })) throw new NotAllowedError();
    // The item must be on this agenda: no linking to another region's item through one's own agenda.
    const item = tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.agendaId, agendaId)))
      .get();
    if (!item) return { ok: false, error: "catalogue.error.item" } as const;
    if (!tx.select({ id: innovations.id }).from(innovations).where(eq(innovations.id, input.innovationId)).get()) {
      return { ok: false, error: "catalogue.error.choose" } as const;
    }
    // Said before linking, not after: a reach in FTE cannot use figures per client (and back).
    const capability = linkCapability(ratingsByInnovation({ db: tx, innovationIds: [input.innovationId] }).get(input.innovationId) ?? []);
    const basis = basisOfReach(input.reachUnit);
    if (capability.produces && !capability.routes.some((r) => r.basis === "reach" || r.basis === basis)) {
      return { ok: false, error: basis === "fte" ? "evidence.error.reachClients" : "evidence.error.reachFte" } as const;
    }
    const values = {
      agendaId,
      itemId: input.itemId,
      innovationId: input.innovationId,
      reach: input.reach,
      reachUnit: input.reachUnit,
      reachOrganisations: input.reachOrganisations,
      reachBy: input.reachBy,
      taskHoursPerWeek: input.taskHoursPerWeek ?? null,
      eventsPerWeek: input.eventsPerWeek ?? null,
      createdBy: actor.id,
    };
    const row = tx.insert(itemInnovations).values(values).returning({ id: itemInnovations.id }).get();
    recordAudit({ db: tx, actorId: actor.id, action: "item_innovation.create", entityType: "item_innovation", entityId: row.id, regionId: agenda.regionId, data: values });
    syncNationalSummary({ db });
    return { ok: true, linkId: row.id } as const;
  });
}

export function removeLink({ db, actor, agendaId, linkId }: { db: Db; actor: Principal; agendaId: number; linkId: number }) {
  return db.transaction((tx) => {
    const agenda = tx.select({ regionId: agendas.regionId }).from(agendas).where(eq(agendas.id, agendaId)).get();
    if (!agenda || !can(actor, "edit:agenda", { regionId: agenda.regionId })) throw new NotAllowedError();
    const link = tx
      .select()
      .from(itemInnovations)
      .where(and(eq(itemInnovations.id, linkId), eq(itemInnovations.agendaId, agendaId)))
      .get();
    if (!link) return false;
    tx.delete(itemInnovations).where(eq(itemInnovations.id, linkId)).run();
    recordAudit({ db: tx, actorId: actor.id, action: "item_innovation.delete", entityType: "item_innovation", entityId: linkId, regionId: agenda.regionId, data: link });
    syncNationalSummary({ db });
    return true;
  });
}

/**
 * Where an innovation is used, for learning across regions. Region, item status and projected saving
 * are shown to everyone; the item's title and the copy button only when the viewer may read that
 * agenda or the region made the item public.
 */
export function innovationUsage({ db, innovationId, actor }: { db: Db; innovationId: number; actor: Principal }) {
  const links = linkRows(db, eq(itemInnovations.innovationId, innovationId));
  if (!links.length) return [];
  const itemRows = db
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      status: agendaItems.status,
      mechanism: agendaItems.mechanism,
      isPublic: agendaItems.isPublic,
      agendaId: agendas.id,
      agendaTitle: agendas.title,
      regionId: regions.id,
      regionName: regions.name,
      partnersMayRead: regions.partnersMayRead,
    })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(inArray(agendaItems.id, [...new Set(links.map((l) => l.itemId))]))
    .all();
  const items = new Map(itemRows.map((i) => [i.id, i]));
  const projected = projectLinks(db, links, (id) => items.get(id)?.mechanism ?? null);
  return projected
    .filter((l) => items.has(l.itemId))
    .map((l) => {
      const item = items.get(l.itemId)!;
      const readable = canReadAgenda(actor, { regionId: item.regionId, partnersMayRead: item.partnersMayRead });
      const visible = readable || item.isPublic;
      return {
        linkId: l.linkId,
        regionName: item.regionName,
        status: item.status,
        reach: l.reach,
        reachUnit: l.reachUnit,
        saving: l.saving,
        item: visible ? { id: item.id, title: item.title, agendaId: item.agendaId, agendaTitle: item.agendaTitle, isPublic: item.isPublic, readable } : null,
      };
    })
    .sort((a, b) => a.regionName.localeCompare(b.regionName, "nl"));
}

/** Agendas the actor may add items to, for the "copy to my agenda" choice. */
export function editableAgendas({ db, actor }: { db: Db; actor: Principal }) {
  return db
    .select({ id: agendas.id, title: agendas.title, period: agendas.period, regionId: agendas.regionId, regionName: regions.name })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .orderBy(asc(regions.name), asc(agendas.period))
    .all()
    .filter((a) => can(actor, "edit:agenda", { regionId: a.regionId }));
}

/** A public item of another region, with what a copy takes along. Null when not public or gone. */
export function getPublicItem({ db, itemId }: { db: Db; itemId: string }) {
  const item = db.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.isPublic, true))).get();
  if (!item) return null;
  const region = db
    .select({ name: regions.name, regionId: regions.id })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(agendas.id, item.agendaId))
    .get();
  return { item, regionName: region?.name ?? "", regionId: region?.regionId ?? null };
}

/** One item's realised and net saving, for someone who may read its agenda. */
export function itemRealisedSaving({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: { id: number; regionId: number; partnersMayRead?: boolean }; itemId: string }) {
  if (!can(actor, "read:agenda", { regionId: agenda.regionId, partnersMayRead: agenda.partnersMayRead })) throw new NotAllowedError();
  const item = db
    .select({ id: agendaItems.id, mechanism: agendaItems.mechanism })
    .from(agendaItems)
    .where(and(eq(agendaItems.agendaId, agenda.id), eq(agendaItems.id, itemId)))
    .get();
  if (!item) return null;
  const links = linkSavingsForItems({ db, itemIds: [itemId] }).get(itemId) ?? [];
  const realised = realisedForItems({ db, items: [{ itemId, mechanism: item.mechanism, links }] }).get(itemId)!;
  return {
    ...realised,
    // The ratings behind the projection, each one click from its quote on the innovation's page.
    basis: links.flatMap((l) => l.basis.map((b) => ({ ...b, innovationSlug: l.innovationSlug, innovationNameNl: l.innovationNameNl, innovationNameEn: l.innovationNameEn }))),
  };
}
export type ItemRealisedSaving = NonNullable<ReturnType<typeof itemRealisedSaving>>;

/** Items of live (not archived) agendas, with their links projected and their realised saving. */
function itemsWhere(db: Db, where: ReturnType<typeof and>) {
  const rows = db
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, title: agendaItems.title, status: agendaItems.status, mechanism: agendaItems.mechanism, regionId: regions.id, regionName: regions.name })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(and(ne(agendas.status, "gearchiveerd"), where))
    .all();
  const links = linkSavingsForItems({ db, itemIds: rows.map((r) => r.id) });
  const realised = realisedForItems({ db, items: rows.map((r) => ({ itemId: r.id, mechanism: r.mechanism, links: links.get(r.id) ?? [] })) });
  return rows.map((r) => ({ ...r, ...realised.get(r.id)!, links: links.get(r.id) ?? [], counts: countsTowardsTotal(r.status) }));
}

/** A region's realised against projected, per mechanism and in total, with its measured items. */
export function regionRealised({ db, regionId }: { db: Db; regionId: number }) {
  const items = itemsWhere(db, eq(agendas.regionId, regionId));
  return { ...compareByMechanism(items), items: measuredItemsOf(items.filter((i) => i.counts)) };
}

/**
 * One innovation across every region that measured it: only items whose one link with a figure is this
 * innovation count (attributableInnovation). Region names and figures are public, as the usage list is.
 */
export function innovationRealised({ db, innovationId }: { db: Db; innovationId: number }): AcrossRegions {
  const itemIds = db.selectDistinct({ id: itemInnovations.itemId }).from(itemInnovations).where(eq(itemInnovations.innovationId, innovationId)).all().map((r) => r.id);
  if (!itemIds.length) return acrossRegions([]);
  const items = itemsWhere(db, inArray(agendaItems.id, itemIds));
  return acrossRegions(
    items
      .filter((i) => attributableInnovation(i.links.map((l) => ({ innovationId: l.innovationId, projectedHours: l.projection.saved?.hoursPerYear.expected ?? null }))) === innovationId)
      .map((i) => ({ regionId: i.regionId, regionName: i.regionName, projectedHours: i.projected?.hoursPerYear.expected ?? null, realised: i.realised })),
  );
}
