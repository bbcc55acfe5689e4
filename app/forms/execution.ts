// The forms of an item's execution and of a region's period (issue 15, decision 028). Messages are
// i18n keys (app/i18n/execution.ts); the same schemas run in the browser and in the actions.
import { z } from "zod";
import { isPeriod } from "~/domain/periods";
import { itemStatuses, milestoneStates, progressRisks } from "~/domain/vocabulary";
import { LESSON_MIN_CHARS } from "~/domain/execution";
import { decimal, maxLength, type TextLimit } from "./fields";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: TextLimit) => z.string().trim().max(...maxLength(max));
const period = z.string().refine(isPeriod, "execution.error.period");

export const statusChangeSchema = z
  .object({
    intent: z.literal("status"),
    status: z.enum(itemStatuses, { errorMap: () => ({ message: "execution.error.status" }) }),
    note: text(1000).optional().default(""),
    lessonLearned: text(2000).optional().default(""),
  })
  .superRefine((v, ctx) => {
    // Stopping is a result too: what the region learned is what other regions can use.
    if (v.status === "gestopt" && v.lessonLearned.length < LESSON_MIN_CHARS) {
      ctx.addIssue({ code: "custom", path: ["lessonLearned"], message: "execution.error.lessonRequired" });
    }
  });
export type StatusChangeInput = z.infer<typeof statusChangeSchema>;

export const milestoneSchema = z.object({
  intent: z.literal("milestone"),
  // Empty: a new milestone.
  milestoneId: z.preprocess((v) => (v === "" || v == null ? null : Number(v)), z.number().int().positive().nullable()),
  title: text(200).min(3, "execution.error.milestoneTitle"),
  dueDate: z.string().regex(DATE, "execution.error.date"),
  state: z.enum(milestoneStates, { errorMap: () => ({ message: "execution.error.state" }) }).optional().default("open"),
});
export type MilestoneInput = z.infer<typeof milestoneSchema>;

export const progressNoteSchema = z.object({
  intent: z.literal("progress"),
  period,
  happened: text(2000).min(10, "execution.error.happened"),
  progressPct: decimal("execution.error.pct").pipe(z.number().int("execution.error.pct").min(0, "execution.error.pct").max(100, "execution.error.pct")),
  nextStep: text(1000).optional().default(""),
  risk: z.enum(progressRisks, { errorMap: () => ({ message: "execution.error.risk" }) }),
  riskNote: text(1000).optional().default(""),
});
export type ProgressNoteInput = z.infer<typeof progressNoteSchema>;

export const progressRequestSchema = z.object({
  intent: z.literal("request"),
  period,
  message: text(2000).optional().default(""),
  dueDate: z.string().regex(DATE, "execution.error.date"),
});
export type ProgressRequestInput = z.infer<typeof progressRequestSchema>;

export const adviceSchema = z.object({
  intent: z.literal("advice"),
  period,
  advice: text(5000).min(10, "execution.error.advice"),
});
export type AdviceInput = z.infer<typeof adviceSchema>;
