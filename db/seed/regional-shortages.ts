// Reference data every installation gets, on every start: the regional shortage figures of
// db/reference/regional-shortages.json. Upserted, so a corrected figure reaches existing databases.
import { eq } from "drizzle-orm";
import type { Db } from "..";
import { regionShortages, regions, type TargetUnit } from "../schema";
import shortagesJson from "../reference/regional-shortages.json" with { type: "json" };

export function insertRegionalShortages(tx: Db) {
  for (const s of shortagesJson.shortages) {
    const region = tx.select({ id: regions.id }).from(regions).where(eq(regions.slug, s.region)).get();
    if (!region) throw new Error(`regional-shortages.json: unknown region ${s.region}`);
    const row = {
      shortage: s.shortage,
      unit: s.unit as TargetUnit,
      year: s.year,
      vintage: s.vintage,
      quote: s.quote,
      publisher: s.publisher,
      sourceUrl: s.sourceUrl,
      reporting: s.reporting as "first_hand" | "second_hand",
    };
    tx.insert(regionShortages).values({ regionId: region.id, ...row }).onConflictDoUpdate({ target: regionShortages.regionId, set: row }).run();
  }
}
