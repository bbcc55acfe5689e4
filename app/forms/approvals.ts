import { z } from "zod";
import { voteValues } from "~/domain/vocabulary";
import { maxLength } from "./fields";

const RANK_PREFIX = "rank:";
export const rankField = (itemId: string) => `${RANK_PREFIX}${itemId}`;

/**
 * The coordinator's proposal: one optional rank field per item ("rank:<itemId>"), empty for items
 * not proposed. Parses to the item ids in rank order.
 */
export const proposeSchema = z
  .object({
    intent: z.literal("propose"),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "approvals.error.deadlineRequired"),
  })
  .passthrough()
  .superRefine((value, ctx) => {
    const ranks = rankEntries(value);
    if (ranks.some((r) => !Number.isInteger(r.rank) || r.rank < 1 || r.rank > 999)) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "approvals.error.badRank" });
    } else if (!ranks.length) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "approvals.error.noItems" });
    } else if (new Set(ranks.map((r) => r.rank)).size !== ranks.length) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "approvals.error.duplicateRank" });
    }
  })
  .transform((value) => ({
    deadline: value.deadline,
    rankedItemIds: rankEntries(value)
      .sort((a, b) => a.rank - b.rank)
      .map((r) => r.itemId),
  }));

function rankEntries(value: Record<string, unknown>) {
  return Object.entries(value)
    .filter(([k, v]) => k.startsWith(RANK_PREFIX) && typeof v === "string" && v.trim() !== "")
    .map(([k, v]) => ({ itemId: k.slice(RANK_PREFIX.length), rank: Number((v as string).trim()) }));
}

const text = z.string().max(...maxLength(2000)).optional().default("");

export const voteSchema = z
  .object({
    intent: z.literal("vote"),
    value: z.enum(voteValues, { errorMap: () => ({ message: "approvals.error.voteRequired" }) }),
    reason: text,
    comment: text,
  })
  .superRefine((v, ctx) => {
    if (v.value === "bezwaar" && v.reason.trim() === "") {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "approvals.error.reasonRequired" });
    }
  });
