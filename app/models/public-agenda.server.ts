// What anyone may see of a region without logging in (issue 18, decision 039): its latest adopted
// agenda as adopted, only the items the region published, with their savings and progress since.
// One object feeds the public page, its JSON and its CSV, so they cannot disagree about what is
// public. Built field by field from what may be published: a column added to a table later is not
// public until someone adds it here (tests/unit/public-data.test.ts greps every output).
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import Papa from "papaparse";
import type { Db } from "../../db";
import {
  adoptedVersions,
  agendaItems,
  agendas,
  innovationRatings,
  itemInnovations,
  itemMilestones,
  itemStatusChanges,
  measurements,
  progressNotes,
  regions,
} from "../../db/schema";
import { getAdoptedAgenda, getProposal } from "./approvals.server";
import { linkSavingsForItems } from "./savings.server";
import { realisedForItems } from "./realised-savings.server";
import type { ItemStatus, Mechanism, ProjectedItem } from "../domain/agenda-doc";
import type { Range } from "../domain/savings";
import { OPEN_DATA_LICENCE, OPEN_DATA_SCHEMA_PATH, OPEN_DATA_VERSION } from "../domain/open-data";


/** A rating behind a figure, with its source inline: the catalogue pages need a login. */
/** `taskName`: what a share of time or a figure per occurrence is of ("invoeren van rapportages"). */
export type PublicRating = { id: number; unit: string; taskName: string | null; low: number; expected: number | null; high: number; evidenceLevel: number; source: string; sourceUrl: string | null };
export type PublicLink = {
  innovation: { slug: string; nameNl: string; nameEn: string };
  reach: number;
  reachUnit: "clients" | "fte";
  reachOrganisations: string;
  reachBy: string | null;
  projected: { hoursPerYear: Range; fte: Range; evidenceLevel: number } | null;
  /** Why there is no figure (unrated, care demand, ...): the same reason the agenda page gives. */
  noFigureReason: string | null;
  ratings: PublicRating[];
};
export type PublicItem = {
  id: string;
  rank: number | null;
  title: string;
  statusAdopted: ItemStatus;
  statusNow: ItemStatus;
  mechanism: Mechanism | null;
  actionLine: string;
  leadOrganisation: string;
  sectors: string[];
  startDate: string | null;
  endDate: string | null;
  why: string;
  plan: string;
  savings: {
    projected: { hoursPerYear: Range; fte: Range; evidenceLevel: number } | null;
    realised: { hoursPerYear: number; fte: number; latestPeriod: string; periods: number } | null;
    links: PublicLink[];
    measurements: Array<{ kind: "baseline" | "measurement"; period: string; value: number; unit: string; profession: string | null; team: string | null; source: "hand" | "import" }>;
  };
  progress: {
    latest: { period: string; progressPct: number; happened: string; nextStep: string } | null;
    statusHistory: Array<{ from: ItemStatus | null; to: ItemStatus; at: string; lessonLearned: string | null }>;
    milestones: Array<{ title: string; dueDate: string; state: string; doneDate: string | null }>;
  };
};
export type PublicAgenda = {
  region: { slug: string; name: string };
  url: string;
  agenda: { title: string; period: string };
  decision: {
    adoptedAt: string;
    rule: { kind: string; quorum: number };
    reason: string | null;
    boardSize: number;
    votes: { akkoord: number; bezwaar: number; onthouding: number };
    /** How many items were adopted and how many of them the region published. */
    itemsAdopted: number;
    itemsPublished: number;
  };
  items: PublicItem[];
  lastModified: Date;
};

const iso = (d: Date) => d.toISOString();

/** The region's latest adoption over all its agendas; null when its board never adopted one. */
function latestAdoptedAgendaId(db: Db, regionId: number) {
  return (
    db
      .select({ agendaId: adoptedVersions.agendaId })
      .from(adoptedVersions)
      .innerJoin(agendas, eq(agendas.id, adoptedVersions.agendaId))
      .where(eq(agendas.regionId, regionId))
      .orderBy(desc(adoptedVersions.adoptedAt), desc(adoptedVersions.id))
      .get()?.agendaId ?? null
  );
}

/**
 * Published: marked public in the adopted snapshot and still marked public now. Withdrawing the
 * mark takes an item off at once; marking an item public later does not publish what was adopted
 * while it was private.
 */
const published = (frozen: ProjectedItem, live: { isPublic: boolean } | undefined) => frozen.isPublic && live?.isPublic === true;

export function getPublicAgenda({ db, slug, origin }: { db: Db; slug: string; origin: string }): PublicAgenda | null {
  const region = db.select({ id: regions.id, slug: regions.slug, name: regions.name }).from(regions).where(eq(regions.slug, slug)).get();
  if (!region) return null;
  const agendaId = latestAdoptedAgendaId(db, region.id);
  if (agendaId === null) return null;
  const agenda = db.select({ title: agendas.title, period: agendas.period }).from(agendas).where(eq(agendas.id, agendaId)).get()!;
  const adopted = getAdoptedAgenda({ db, agendaId })!;
  const proposal = getProposal({ db, proposalId: adopted.proposalId })!;
  const live = new Map(
    db.select({ id: agendaItems.id, isPublic: agendaItems.isPublic, status: agendaItems.status, mechanism: agendaItems.mechanism, changedAt: agendaItems.changedAt, progressAt: agendaItems.progressAt }).from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).all().map((i) => [i.id, i]),
  );
  const rank = new Map(adopted.rankedItems.map((r) => [r.itemId, r.rank]));
  const frozen = adopted.items.filter((i) => published(i, live.get(i.id))).sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || a.position - b.position);
  const ids = frozen.map((i) => i.id);

  const links = linkSavingsForItems({ db, itemIds: ids });
  const realised = realisedForItems({ db, items: frozen.map((i) => ({ itemId: i.id, mechanism: live.get(i.id)!.mechanism, links: links.get(i.id) ?? [] })) });
  const ratingIds = [...new Set([...links.values()].flat().flatMap((l) => l.basis.map((b) => b.id)))];
  const sourceUrls = new Map(ratingIds.length ? db.select({ id: innovationRatings.id, url: innovationRatings.sourceUrl }).from(innovationRatings).where(inArray(innovationRatings.id, ratingIds)).all().map((r) => [r.id, r.url]) : []);
  const group = <T extends { itemId: string }>(rows: T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) (out.get(r.itemId) ?? out.set(r.itemId, []).get(r.itemId)!).push(r);
    return out;
  };
  const history = group(ids.length ? db.select({ itemId: itemStatusChanges.itemId, from: itemStatusChanges.fromStatus, to: itemStatusChanges.status, at: itemStatusChanges.changedAt, lessonLearned: itemStatusChanges.lessonLearned }).from(itemStatusChanges).where(and(eq(itemStatusChanges.agendaId, agendaId), inArray(itemStatusChanges.itemId, ids))).orderBy(asc(itemStatusChanges.changedAt), asc(itemStatusChanges.id)).all() : []);
  const milestones = group(ids.length ? db.select({ itemId: itemMilestones.itemId, title: itemMilestones.title, dueDate: itemMilestones.dueDate, state: itemMilestones.state, doneDate: itemMilestones.doneDate, updatedAt: itemMilestones.updatedAt }).from(itemMilestones).where(and(eq(itemMilestones.agendaId, agendaId), inArray(itemMilestones.itemId, ids))).orderBy(asc(itemMilestones.dueDate), asc(itemMilestones.id)).all() : []);
  const notes = group(ids.length ? db.select({ itemId: progressNotes.itemId, period: progressNotes.period, progressPct: progressNotes.progressPct, happened: progressNotes.happened, nextStep: progressNotes.nextStep, updatedAt: progressNotes.updatedAt }).from(progressNotes).where(and(eq(progressNotes.agendaId, agendaId), inArray(progressNotes.itemId, ids))).orderBy(desc(progressNotes.period)).all() : []);

  const items: PublicItem[] = frozen.map((f) => {
    const now = live.get(f.id)!;
    const r = realised.get(f.id)!;
    const latest = notes.get(f.id)?.[0];
    return {
      id: f.id,
      rank: rank.get(f.id) ?? null,
      title: f.title,
      statusAdopted: f.status,
      statusNow: now.status,
      mechanism: f.mechanism,
      actionLine: f.actionLine,
      leadOrganisation: f.leadOrganisation,
      sectors: f.sectors,
      startDate: f.startDate,
      endDate: f.endDate,
      why: f.why,
      plan: f.planText,
      savings: {
        projected: r.projected ? { hoursPerYear: r.projected.hoursPerYear, fte: r.projected.fte, evidenceLevel: r.projected.evidence.weakest } : null,
        realised: r.realised.ok ? { hoursPerYear: r.realised.hoursPerYear, fte: r.realised.fte, latestPeriod: r.realised.latestPeriod, periods: r.realised.periods } : null,
        links: (links.get(f.id) ?? []).map((l) => ({
          innovation: { slug: l.innovationSlug, nameNl: l.innovationNameNl, nameEn: l.innovationNameEn },
          reach: l.reach,
          reachUnit: l.reachUnit,
          reachOrganisations: l.reachOrganisations,
          reachBy: l.reachBy,
          projected: l.saving.ok ? { hoursPerYear: l.saving.hoursPerYear, fte: l.saving.fte, evidenceLevel: l.saving.evidenceLevel } : null,
          noFigureReason: l.saving.ok ? null : l.saving.reason,
          ratings: l.basis.map((b) => ({ id: b.id, unit: b.unit, taskName: b.taskName ?? null, low: b.low, expected: b.expected, high: b.high, evidenceLevel: b.evidenceLevel, source: b.source, sourceUrl: sourceUrls.get(b.id) ?? null })),
        })),
        measurements: r.measurements.map((m) => ({ kind: m.kind, period: m.period, value: m.value, unit: m.unit, profession: m.profession, team: m.team, source: m.source })),
      },
      progress: {
        latest: latest ? { period: latest.period, progressPct: latest.progressPct, happened: latest.happened, nextStep: latest.nextStep } : null,
        statusHistory: (history.get(f.id) ?? []).map((h) => ({ from: h.from, to: h.to, at: iso(h.at), lessonLearned: h.to === "gestopt" ? h.lessonLearned : null })),
        milestones: (milestones.get(f.id) ?? []).map((m) => ({ title: m.title, dueDate: m.dueDate, state: m.state, doneDate: m.doneDate })),
      },
    };
  });

  const tally = { akkoord: 0, bezwaar: 0, onthouding: 0 };
  for (const v of proposal.votes) tally[v.value]++;
  const measuredAt = ids.length ? db.select({ at: max(measurements.createdAt) }).from(measurements).where(inArray(measurements.itemId, ids)).get()?.at : null;
  const ratedAt = db
    .select({ at: max(innovationRatings.createdAt) })
    .from(innovationRatings)
    .innerJoin(itemInnovations, eq(itemInnovations.innovationId, innovationRatings.innovationId))
    .where(eq(itemInnovations.agendaId, agendaId))
    .get()?.at;
  // Every item of the agenda counts, published or not: withdrawing one changes the file.
  const times = [
    adopted.adoptedAt,
    ...[...live.values()].flatMap((i) => [i.changedAt, i.progressAt]),
    ...[...history.values()].flat().map((h) => h.at),
    ...[...milestones.values()].flat().map((m) => m.updatedAt),
    ...[...notes.values()].flat().map((n) => n.updatedAt),
    measuredAt,
    ratedAt,
  ].filter((d): d is Date => d instanceof Date);
  return {
    region: { slug: region.slug, name: region.name },
    url: `${origin}/openbaar/${region.slug}`,
    agenda,
    decision: {
      adoptedAt: iso(adopted.adoptedAt),
      rule: proposal.rule,
      reason: proposal.decisionReason,
      boardSize: proposal.boardSize,
      votes: tally,
      itemsAdopted: adopted.items.length,
      itemsPublished: items.length,
    },
    items,
    lastModified: new Date(Math.max(...times.map((d) => d.getTime()))),
  };
}

/** Regions whose board adopted an agenda, by name: the national public page. */
export function listPublicRegions({ db }: { db: Db }) {
  return db
    .selectDistinct({ slug: regions.slug, name: regions.name })
    .from(adoptedVersions)
    .innerJoin(agendas, eq(agendas.id, adoptedVersions.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .orderBy(asc(regions.name))
    .all();
}

/** A region's open-data document: the public agenda with what a harvester needs to reuse it. */
export function openDataDocument(agenda: PublicAgenda, origin: string) {
  const { lastModified, ...content } = agenda;
  return {
    $schema: `${origin}${OPEN_DATA_SCHEMA_PATH}`,
    version: OPEN_DATA_VERSION,
    licence: OPEN_DATA_LICENCE,
    lastModified: iso(lastModified),
    ...content,
  };
}

/** Every region's public agenda, with the latest change among them. */
function allPublicAgendas({ db, origin }: { db: Db; origin: string }) {
  const all = listPublicRegions({ db }).map((r) => getPublicAgenda({ db, slug: r.slug, origin })!);
  return { all, lastModified: all.length ? new Date(Math.max(...all.map((a) => a.lastModified.getTime()))) : new Date(0) };
}

export function nationalOpenData({ db, origin }: { db: Db; origin: string }) {
  const { all, lastModified } = allPublicAgendas({ db, origin });
  return {
    lastModified,
    document: {
      $schema: `${origin}${OPEN_DATA_SCHEMA_PATH}`,
      version: OPEN_DATA_VERSION,
      licence: OPEN_DATA_LICENCE,
      lastModified: iso(lastModified),
      regions: all.map((a) => openDataDocument(a, origin)),
    },
  };
}

/**
 * The public pages for search engines (sitemaps.org): the national page and each region's, with
 * its last change. Only the HTML pages: the data files are linked from them. No escaping: the
 * addresses are an origin and region slugs, which are reference data of a–z and hyphens.
 */
export function publicSitemap({ db, origin }: { db: Db; origin: string }) {
  const { all, lastModified } = allPublicAgendas({ db, origin });
  const entry = (loc: string, at: Date) => `  <url><loc>${loc}</loc><lastmod>${iso(at)}</lastmod></url>`;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    entry(`${origin}/openbaar`, lastModified),
    ...all.map((a) => entry(a.url, a.lastModified)),
    "</urlset>",
    "",
  ].join("\n");
  return { body, lastModified };
}

const csvColumns = [
  "region_slug", "region_name", "agenda_title", "agenda_period", "adopted_at", "rank", "item_id", "title", "status_adopted", "status_now",
  "mechanism", "lead_organisation", "sectors", "innovations", "evidence_level", "projected_hours_per_year_low", "projected_hours_per_year_expected",
  "projected_hours_per_year_high", "projected_fte_expected", "realised_hours_per_year", "realised_fte", "realised_latest_period", "progress_period",
  "progress_pct", "rating_ids", "url",
] as const;

const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? "" : n.toFixed(digits));

/**
 * One row per published item. Machine first: comma-separated, a decimal point, ISO dates, lists
 * joined with "|"; a UTF-8 byte-order mark so Excel in Dutch opens the accents right (docs/open-data.md).
 */
export function openDataCsv(agendas: readonly PublicAgenda[]) {
  const rows = agendas.flatMap((a) =>
    a.items.map((i) => ({
      region_slug: a.region.slug,
      region_name: a.region.name,
      agenda_title: a.agenda.title,
      agenda_period: a.agenda.period,
      adopted_at: a.decision.adoptedAt,
      rank: i.rank ?? "",
      item_id: i.id,
      title: i.title,
      status_adopted: i.statusAdopted,
      status_now: i.statusNow,
      mechanism: i.mechanism ?? "",
      lead_organisation: i.leadOrganisation,
      sectors: i.sectors.join("|"),
      innovations: i.savings.links.map((l) => l.innovation.slug).join("|"),
      evidence_level: i.savings.projected?.evidenceLevel ?? "",
      projected_hours_per_year_low: num(i.savings.projected?.hoursPerYear.low),
      projected_hours_per_year_expected: num(i.savings.projected?.hoursPerYear.expected),
      projected_hours_per_year_high: num(i.savings.projected?.hoursPerYear.high),
      projected_fte_expected: num(i.savings.projected?.fte.expected, 2),
      realised_hours_per_year: num(i.savings.realised?.hoursPerYear),
      realised_fte: num(i.savings.realised?.fte, 2),
      realised_latest_period: i.savings.realised?.latestPeriod ?? "",
      progress_period: i.progress.latest?.period ?? "",
      progress_pct: i.progress.latest?.progressPct ?? "",
      rating_ids: i.savings.links.flatMap((l) => l.ratings.map((r) => r.id)).join("|"),
      url: `${a.url}#punt-${i.id}`,
    })),
  );
  return "\uFEFF" + Papa.unparse({ fields: [...csvColumns], data: rows.map((r) => csvColumns.map((c) => r[c])) }, { newline: "\r\n" });
}


/**
 * A file's answer with its validators, or 304 when the client's copy is current. If-None-Match wins
 * over If-Modified-Since (RFC 9110 13.2.2); the ETag is the body's hash, so it is exact.
 */
export function conditionalFile({ request, body, contentType, lastModified, filename }: { request: Request; body: string; contentType: string; lastModified: Date; filename?: string }) {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  // HTTP dates have whole seconds.
  const modified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  const headers: Record<string, string> = {
    ETag: etag,
    "Last-Modified": modified.toUTCString(),
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  };
  const inm = request.headers.get("If-None-Match");
  const ims = request.headers.get("If-Modified-Since");
  const fresh = inm !== null
    ? inm.split(",").map((t) => t.trim().replace(/^W\//, "")).some((t) => t === etag || t === "*")
    : ims !== null && !Number.isNaN(Date.parse(ims)) && modified.getTime() <= Date.parse(ims);
  if (fresh) return new Response(null, { status: 304, headers });
  return new Response(body, {
    status: 200,
    headers: { ...headers, "Content-Type": contentType, ...(filename ? { "Content-Disposition": `inline; filename="${filename}"` } : {}) },
  });
}
