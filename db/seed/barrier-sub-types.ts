// Barrier sub-types from the reference data (db/reference/barrier-types.json), with their type.
// A re-run adds only what is missing; names of existing keys are left as they are.
import type { Db } from "..";
import { barrierSubTypes } from "../schema";
import barrierTypesJson from "../reference/barrier-types.json" with { type: "json" };

type TypeWithSubTypes = { key: string; sub_types?: Array<{ key: string; nl: string; en: string }> };

export function insertBarrierSubTypes(tx: Db) {
  for (const t of barrierTypesJson.types as TypeWithSubTypes[]) {
    for (const sub of t.sub_types ?? []) {
      tx.insert(barrierSubTypes).values({ key: sub.key, typeKey: t.key, nameNl: sub.nl, nameEn: sub.en }).onConflictDoNothing().run();
    }
  }
}
