import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db";
import { memberships, organisations, regions, users } from "../../db/schema";
import { normaliseRule } from "../domain/decision-rule";
import { regionTarget } from "../domain/savings";
import type { OrganisationInput, RegionSettingsInput } from "../forms/admin-regions";
import { can, type Principal } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";

/** The platform's settings (regions, organisations) are the administrators'. */
function requireAdministrator(actor: Principal) {
  if (!can(actor, "manage:platform")) throw new NotAllowedError();
}

export function listRegionsAndOrganisations({ db }: { db: Db }) {
  return {
    regions: db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name)).all(),
    organisations: db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all(),
  };
}

function regionSettingsRows(db: Db, slug?: string) {
  const memberCount = db
    .select({ regionId: memberships.regionId, members: count().as("members") })
    .from(memberships)
    .groupBy(memberships.regionId)
    .as("member_count");
  return db
    .select({
      id: regions.id,
      slug: regions.slug,
      name: regions.name,
      careWorkers: regions.careWorkers,
      savingTarget: regions.savingTarget,
      savingTargetUnit: regions.savingTargetUnit,
      decisionRule: regions.decisionRule,
      partnersMayRead: regions.partnersMayRead,
      boardMaySuggest: regions.boardMaySuggest,
      members: memberCount.members,
    })
    .from(regions)
    .leftJoin(memberCount, eq(memberCount.regionId, regions.id))
    .where(slug === undefined ? undefined : eq(regions.slug, slug))
    .orderBy(asc(regions.name))
    .all()
    .map((r) => ({ ...r, members: r.members ?? 0, decisionRule: normaliseRule(r.decisionRule), target: regionTarget(r) }));
}

/** Every region with the settings an administrator maintains, and the target the region set itself (null: none). */
export function listRegionSettings({ db }: { db: Db }) {
  return regionSettingsRows(db);
}

export function getRegionSettings({ db, slug }: { db: Db; slug: string }) {
  return regionSettingsRows(db, slug)[0] ?? null;
}

/**
 * Saves a region's settings; the audit entry keeps what they were before. Says whether partner
 * reading changed, so the caller can close the affected partners' open editors (either way: the
 * connections are authorized again under the new setting).
 */
export function saveRegionSettings({ db, actor, regionId, input }: { db: Db; actor: Principal; regionId: number; input: RegionSettingsInput }) {
  requireAdministrator(actor);
  const next = {
    careWorkers: input.careWorkers,
    decisionRule: { kind: input.ruleKind, quorum: input.quorumPercent / 100 },
    partnersMayRead: input.partnersMayRead,
    boardMaySuggest: input.boardMaySuggest,
  };
  return db.transaction((tx) => {
    const before = tx
      .select({ careWorkers: regions.careWorkers, decisionRule: regions.decisionRule, partnersMayRead: regions.partnersMayRead, boardMaySuggest: regions.boardMaySuggest })
      .from(regions)
      .where(eq(regions.id, regionId))
      .get();
    tx.update(regions).set(next).where(eq(regions.id, regionId)).run();
    recordAudit({ db: tx, actorId: actor.id, action: "region.settings", entityType: "region", entityId: regionId, regionId, data: { from: before ?? null, to: next } });
    return {
      partnersMayReadChanged: !!before && before.partnersMayRead !== next.partnersMayRead,
      boardMaySuggestChanged: !!before && before.boardMaySuggest !== next.boardMaySuggest,
    };
  });
}

export function listOrganisations({ db }: { db: Db }) {
  const userCount = db.select({ organisationId: users.organisationId, users: count().as("users") }).from(users).groupBy(users.organisationId).as("user_count");
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      sector: organisations.sector,
      schoolLevel: organisations.schoolLevel,
      regionId: organisations.regionId,
      region: regions.name,
      users: userCount.users,
    })
    .from(organisations)
    .leftJoin(regions, eq(regions.id, organisations.regionId))
    .leftJoin(userCount, eq(userCount.organisationId, organisations.id))
    .orderBy(asc(regions.name), asc(organisations.name))
    .all()
    .map((o) => ({ ...o, users: o.users ?? 0 }));
}

/** `movedRegion`: the organisation's region changed, and with it where its staff read as partners. */
export type SaveOrganisationResult = { ok: true; id: number; created: boolean; movedRegion: boolean } | { ok: false; error: "duplicate" | "notFound" };

/** Adds an organisation (no id) or changes one; names are unique within a region. */
export function saveOrganisation({ db, actor, input }: { db: Db; actor: Principal; input: OrganisationInput }): SaveOrganisationResult {
  requireAdministrator(actor);
  const { organisationId, intent: _intent, ...fields } = input;
  return db.transaction((tx) => {
    const sameName = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          eq(organisations.name, fields.name),
          fields.regionId === null ? isNull(organisations.regionId) : eq(organisations.regionId, fields.regionId),
          organisationId === null ? undefined : ne(organisations.id, organisationId),
        ),
      )
      .get();
    if (sameName) return { ok: false, error: "duplicate" } as const;
    if (organisationId === null) {
      const { id } = tx.insert(organisations).values(fields).returning({ id: organisations.id }).get();
      recordAudit({ db: tx, actorId: actor.id, action: "organisation.create", entityType: "organisation", entityId: id, regionId: fields.regionId, data: fields });
      return { ok: true, id, created: true, movedRegion: false } as const;
    }
    const before = tx.select().from(organisations).where(eq(organisations.id, organisationId)).get();
    if (!before) return { ok: false, error: "notFound" } as const;
    tx.update(organisations).set(fields).where(eq(organisations.id, organisationId)).run();
    recordAudit({ db: tx, actorId: actor.id, action: "organisation.update", entityType: "organisation", entityId: organisationId, regionId: fields.regionId, data: { from: before, to: fields } });
    return { ok: true, id: organisationId, created: false, movedRegion: before.regionId !== fields.regionId } as const;
  });
}
