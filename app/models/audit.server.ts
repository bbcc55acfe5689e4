import { auditLog } from "../../db/schema";
import type { Db } from "../../db";

type Writer = Pick<Db, "insert">;

/** Appends one entry to the audit log; call inside the transaction of the change it records. */
export function recordAudit({
  db,
  actorId,
  action,
  entityType,
  entityId,
  regionId = null,
  data = null,
}: {
  db: Writer;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  regionId?: number | null;
  data?: Record<string, unknown> | null;
}) {
  db.insert(auditLog)
    .values({
      at: new Date(),
      actorId,
      action,
      entityType,
      entityId: entityId === null ? null : String(entityId),
      regionId,
      data,
    })
    .run();
}
