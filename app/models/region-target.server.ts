// A region's own saving target (set by its coordinator, with a source; decision 015) and the
// reference figure of its expected shortage, for the agenda's savings chart.
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { regionShortages, regions, users } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { regionTarget, type RegionShortage, type RegionTarget } from "../domain/savings";
import type { TargetInput } from "../forms/region-target";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";

export type RegionTargetContext = {
  /** Null while the region has set no target: the chart then shows no target line, and no signal fires. */
  target: (RegionTarget & { setByName: string | null }) | null;
  /** Null where no published figure for this region is known. */
  shortage: RegionShortage | null;
};

export function regionTargetContext({ db, regionId }: { db: Db; regionId: number }): RegionTargetContext {
  const row = db
    .select({
      savingTarget: regions.savingTarget,
      savingTargetUnit: regions.savingTargetUnit,
      savingTargetSource: regions.savingTargetSource,
      savingTargetSetAt: regions.savingTargetSetAt,
      setByName: users.name,
    })
    .from(regions)
    .leftJoin(users, eq(users.id, regions.savingTargetSetBy))
    .where(eq(regions.id, regionId))
    .get();
  const target = row ? regionTarget(row) : null;
  const shortage = db
    .select({
      shortage: regionShortages.shortage,
      unit: regionShortages.unit,
      year: regionShortages.year,
      vintage: regionShortages.vintage,
      publisher: regionShortages.publisher,
      sourceUrl: regionShortages.sourceUrl,
      reporting: regionShortages.reporting,
    })
    .from(regionShortages)
    .where(eq(regionShortages.regionId, regionId))
    .get();
  return { target: target && { ...target, setByName: row?.setByName ?? null }, shortage: shortage ?? null };
}

/**
 * The coordinator sets the region's target (propose:priority: the person who puts priorities to the
 * stuurgroep also states what they should add up to), in people or FTE and with its source. Null
 * clears it: the region then has no target, and nothing stands in for one.
 */
export function setRegionTarget({ db, actor, regionId, input }: { db: Db; actor: Principal; regionId: number; input: TargetInput | null }) {
  db.transaction((tx) => {
    if (!can(actor, "propose:priority", { regionId })) throw new NotAllowedError();
    const before = tx
      .select({ value: regions.savingTarget, unit: regions.savingTargetUnit, source: regions.savingTargetSource })
      .from(regions)
      .where(eq(regions.id, regionId))
      .get();
    const next = input
      ? { savingTarget: input.value, savingTargetUnit: input.unit, savingTargetSource: input.source, savingTargetSetAt: new Date(), savingTargetSetBy: actor.id }
      : { savingTarget: null, savingTargetUnit: null, savingTargetSource: null, savingTargetSetAt: null, savingTargetSetBy: null };
    tx.update(regions).set(next).where(eq(regions.id, regionId)).run();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: "region.saving_target",
      entityType: "region",
      entityId: regionId,
      regionId,
      data: { from: before?.value == null ? null : before, to: input },
    });
  });
}
