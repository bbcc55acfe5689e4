import { z } from "zod";
import { barrierStatuses, severities, solveLevels } from "~/domain/vocabulary";
import { maxLength } from "./fields";

const anchor = z.string().min(1, "barriers.error.anchor").max(512, "barriers.error.anchor");

/** An adviser marks a passage: the anchors come from the editor selection, the rest from the form. */
export const createBarrierSchema = z.object({
  intent: z.literal("create"),
  itemId: z.string().min(1, "barriers.error.item").max(100, "barriers.error.item"),
  start: anchor,
  end: anchor,
  typeKey: z.string().min(1, "barriers.error.type").max(60, "barriers.error.type"),
  // Optional; the model checks it belongs to the type.
  subTypeKey: z
    .string()
    .max(60, "barriers.error.subType")
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null)),
  severity: z.enum(severities, { errorMap: () => ({ message: "barriers.error.severity" }) }),
  level: z.enum(solveLevels, { errorMap: () => ({ message: "barriers.error.level" }) }),
  description: z.string().trim().min(1, "barriers.error.description").max(...maxLength(4000)),
  assigneeId: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), "barriers.error.assignee"),
});
export type CreateBarrierInput = z.infer<typeof createBarrierSchema>;

export const replySchema = z.object({
  intent: z.literal("reply"),
  body: z.string().trim().min(1, "barriers.error.body").max(...maxLength(4000)),
});

export const statusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(barrierStatuses, { errorMap: () => ({ message: "barriers.error.status" }) }),
  reason: z.string().trim().min(1, "barriers.error.reason").max(...maxLength(4000)),
});

/** List filters from the query string; unknown values are ignored rather than refused. */
export const barrierFilterSchema = z.object({
  type: z.string().max(60).optional().catch(undefined),
  severity: z.enum(severities).optional().catch(undefined),
  status: z.enum(barrierStatuses).optional().catch(undefined),
  level: z.enum(solveLevels).optional().catch(undefined),
  olderThan: z.enum(["7", "30", "90"]).optional().catch(undefined),
  sort: z.enum(["oldest", "newest"]).optional().catch(undefined),
});
export type BarrierFilter = z.infer<typeof barrierFilterSchema>;
