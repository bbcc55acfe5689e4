// The innovation catalogue and its labour-saving ratings. Every change writes the audit log in the
// same transaction; the combined figures come from app/domain/savings.ts.
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { innovationRatings, innovations, users, type Mechanism } from "../../db/schema";
import { catalogueSummary, linkCapability, type LinkCapability } from "../domain/savings";
import type { InnovationInput, RatingFormInput } from "../forms/catalogue";
import { can, type Principal } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { syncNationalSummary } from "./national-summary.server";

type Reader = Pick<Db, "select">;

export type RatingRow = typeof innovationRatings.$inferSelect;

/** Ratings of many innovations in one query, grouped by innovation. */
export function ratingsByInnovation({ db, innovationIds }: { db: Reader; innovationIds: number[] }) {
  const map = new Map<number, RatingRow[]>();
  if (!innovationIds.length) return map;
  for (const r of db.select().from(innovationRatings).where(inArray(innovationRatings.innovationId, innovationIds)).all()) {
    (map.get(r.innovationId) ?? map.set(r.innovationId, []).get(r.innovationId)!).push(r);
  }
  return map;
}

export type CatalogueFilter = {
  q?: string;
  mechanism?: Mechanism | null;
  sector?: string | null;
  /** Minimum evidence level of the best rating. */
  evidence?: number | null;
  rated?: "yes" | "no" | null;
};

/** Lower case without diacritics, so "coordinatie" finds "coördinatie". */
export const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function listInnovations({ db, filter = {} }: { db: Db; filter?: CatalogueFilter }) {
  const rows = db.select().from(innovations).orderBy(asc(innovations.nameNl)).all();
  const ratings = ratingsByInnovation({ db, innovationIds: rows.map((r) => r.id) });
  const words = fold(filter.q ?? "").split(/\s+/).filter(Boolean);
  const all = rows.map((r) => {
    const rs = ratings.get(r.id) ?? [];
    return {
      id: r.id,
      slug: r.slug,
      nameNl: r.nameNl,
      nameEn: r.nameEn,
      descriptionNl: r.descriptionNl,
      kind: r.kind,
      mechanism: r.mechanism,
      sectors: r.sectors,
      costIndication: r.costIndication,
      ratingCount: rs.length,
      bestEvidence: rs.reduce((m, x) => Math.max(m, x.evidenceLevel), 0),
      summary: catalogueSummary(rs),
    };
  });
  const items = all.filter((r) => {
    if (filter.mechanism && r.mechanism !== filter.mechanism) return false;
    if (filter.sector && !r.sectors.includes(filter.sector)) return false;
    if (filter.evidence && r.bestEvidence < filter.evidence) return false;
    if (filter.rated === "yes" && r.ratingCount === 0) return false;
    if (filter.rated === "no" && r.ratingCount > 0) return false;
    if (words.length) {
      const hay = fold([r.nameNl, r.nameEn, r.descriptionNl, ...r.sectors].join(" "));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
  const sectors = [...new Set(all.flatMap((r) => r.sectors))].sort((a, b) => a.localeCompare(b, "nl"));
  return { items, sectors, total: all.length };
}

export function getInnovationBySlug({ db, slug }: { db: Db; slug: string }) {
  const innovation = db.select().from(innovations).where(eq(innovations.slug, slug)).get();
  if (!innovation) return null;
  const ratings = db
    .select({
      id: innovationRatings.id,
      unit: innovationRatings.unit,
      taskName: innovationRatings.taskName,
      taskHoursPerWeek: innovationRatings.taskHoursPerWeek,
      low: innovationRatings.low,
      expected: innovationRatings.expected,
      high: innovationRatings.high,
      evidenceLevel: innovationRatings.evidenceLevel,
      source: innovationRatings.source,
      claim: innovationRatings.claim,
      kind: innovationRatings.kind,
      expectedStated: innovationRatings.expectedStated,
      quote: innovationRatings.quote,
      sourceUrl: innovationRatings.sourceUrl,
      reporting: innovationRatings.reporting,
      derivation: innovationRatings.derivation,
      professions: innovationRatings.professions,
      ref: innovationRatings.ref,
      ratedBy: users.name,
      createdAt: innovationRatings.createdAt,
    })
    .from(innovationRatings)
    .leftJoin(users, eq(users.id, innovationRatings.ratedBy))
    .where(eq(innovationRatings.innovationId, innovation.id))
    .orderBy(desc(innovationRatings.createdAt), desc(innovationRatings.id))
    .all();
  return { innovation, ratings, summary: catalogueSummary(ratings) };
}

export function slugify(name: string) {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "innovatie"
  );
}

function uniqueSlug(db: Reader, name: string) {
  const base = slugify(name);
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!db.select({ id: innovations.id }).from(innovations).where(eq(innovations.slug, slug)).get()) return slug;
  }
}

const innovationValues = (input: InnovationInput) => ({
  nameNl: input.nameNl,
  nameEn: input.nameEn ?? input.nameNl,
  descriptionNl: input.descriptionNl,
  kind: input.kind,
  mechanism: input.mechanism,
  sectors: input.sectors,
  costIndication: input.costIndication,
  sources: input.sources,
});

/** The catalogue is kept by those who may manage it (advisers, administrators). */
function requireCatalogueManager(actor: Principal) {
  if (!can(actor, "manage:catalogue")) throw new NotAllowedError();
}

export function createInnovation({ db, actor, input }: { db: Db; actor: Principal; input: InnovationInput }) {
  requireCatalogueManager(actor);
  return db.transaction((tx) => {
    const values = { ...innovationValues(input), slug: uniqueSlug(tx, input.nameNl) };
    const row = tx.insert(innovations).values(values).returning({ id: innovations.id, slug: innovations.slug }).get();
    recordAudit({ db: tx, actorId: actor.id, action: "innovation.create", entityType: "innovation", entityId: row.id, data: values });
    return row;
  });
}

export function updateInnovation({ db, actor, id, input }: { db: Db; actor: Principal; id: number; input: InnovationInput }) {
  requireCatalogueManager(actor);
  return db.transaction((tx) => {
    const before = tx.select().from(innovations).where(eq(innovations.id, id)).get();
    if (!before) return null;
    const values = innovationValues(input);
    tx.update(innovations).set(values).where(eq(innovations.id, id)).run();
    const changed = Object.fromEntries(
      Object.entries(values).filter(([k, v]) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(v)),
    );
    recordAudit({ db: tx, actorId: actor.id, action: "innovation.update", entityType: "innovation", entityId: id, data: { changed } });
    syncNationalSummary({ db });
    return { id, slug: before.slug };
  });
}

export function addRating({ db, actor, innovationId, input }: { db: Db; actor: Principal; innovationId: number; input: RatingFormInput }) {
  requireCatalogueManager(actor);
  return db.transaction((tx) => {
    const values = {
      innovationId,
      unit: input.unit,
      // Task fields belong to percentages only; stray values from a switched form are dropped.
      // Task fields belong to units that are a share of a task or count an event.
      taskName: input.unit === "pct_task_time" || input.unit === "minutes_per_event" || input.unit === "pct_care_use" ? input.taskName : null,
      taskHoursPerWeek: input.unit === "pct_task_time" ? (input.taskHoursPerWeek ?? null) : null,
      kind: input.kind,
      expectedStated: true,
      quote: input.quote,
      sourceUrl: input.sourceUrl,
      reporting: input.reporting,
      professions: input.kind === "task_shifting" ? { from: input.professionsFrom, to: input.professionsTo } : null,
      low: input.low,
      expected: input.expected,
      high: input.high,
      evidenceLevel: input.evidenceLevel,
      source: input.source,
      claim: input.claim,
      ratedBy: actor.id,
    };
    const row = tx.insert(innovationRatings).values(values).returning({ id: innovationRatings.id }).get();
    recordAudit({ db: tx, actorId: actor.id, action: "rating.create", entityType: "innovation_rating", entityId: row.id, data: values });
    syncNationalSummary({ db });
    return row.id;
  });
}

export type InnovationOption = {
  id: number;
  slug: string;
  nameNl: string;
  nameEn: string;
  mechanism: Mechanism;
  sectors: string[];
  /** Whether linking can give a labour-saved figure, with which fields, or what is missing. */
  capability: LinkCapability;
};

/** The link form's choices: first those that can give a figure, then the others, each by name. */
export function listInnovationOptions({ db }: { db: Db }): InnovationOption[] {
  const rows = db
    .select({ id: innovations.id, slug: innovations.slug, nameNl: innovations.nameNl, nameEn: innovations.nameEn, mechanism: innovations.mechanism, sectors: innovations.sectors })
    .from(innovations)
    .orderBy(asc(innovations.nameNl))
    .all();
  const ratings = ratingsByInnovation({ db, innovationIds: rows.map((r) => r.id) });
  const options = rows.map((r) => ({ ...r, capability: linkCapability(ratings.get(r.id) ?? []) }));
  return [...options.filter((o) => o.capability.produces), ...options.filter((o) => !o.capability.produces)];
}
