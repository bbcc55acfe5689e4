// The item's training needs, implementation hours and funding lines (issue 15, decision 030). One
// schema per form; messages are i18n keys (app/i18n/training.ts); the same schemas run in the browser.
import { z } from "zod";
import { isPeriod } from "~/domain/periods";
import { fundingRoutes, fundingStatuses, schoolTypes, trainingKinds, trainingStatuses } from "~/domain/training";
import { decimal, maxLength, wholeNumber } from "./fields";

// Above these a figure is a typing error, not a plan: a region trains hundreds, not a hundred thousand.
export const MAX_PEOPLE = 10_000;
export const MAX_HOURS_PER_PERSON = 2_000;
/** Funding beyond €100 million is no item's line (the whole STOZ budget is in that order). */
export const MAX_AMOUNT_EUROS = 100_000_000;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());
const id = z.coerce.number().int().positive();

export const trainingSchema = z
  .object({
    intent: z.enum(["add-training", "edit-training"]),
    lineId: z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional()),
    kind: z.enum(trainingKinds, { errorMap: () => ({ message: "training.error.kind" }) }),
    role: z.string().trim().min(2, "training.error.role").max(...maxLength(120)),
    people: wholeNumber("training.error.people").pipe(z.number().min(1, "training.error.people").max(MAX_PEOPLE, "training.error.peopleTooHigh")),
    hoursPerPerson: decimal("training.error.hours").pipe(
      z.number().gt(0, "training.error.hours").max(MAX_HOURS_PER_PERSON, "training.error.hoursTooHigh"),
    ),
    provider: z.string().trim().max(...maxLength(160)).default(""),
    schoolType: z.preprocess((v) => (v === "" ? null : v), z.enum(schoolTypes, { errorMap: () => ({ message: "training.error.schoolType" }) }).nullable().default(null)),
    skillsLab: checkbox,
    status: z.enum(trainingStatuses, { errorMap: () => ({ message: "training.error.status" }) }),
    period: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      z.string().refine(isPeriod, "training.error.period").nullable(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "edit-training" && v.lineId === undefined) ctx.addIssue({ code: "custom", path: ["form"], message: "training.error.line" });
    // A provider named is a provider of some type: the schools' view sums by type.
    if (v.kind === "opleiding" && v.provider !== "" && v.schoolType === null) ctx.addIssue({ code: "custom", path: ["schoolType"], message: "training.error.schoolTypeNeeded" });
  })
  // Implementation hours are no training: no school, type or skills lab.
  .transform((v) => (v.kind === "implementatie" ? { ...v, provider: "", schoolType: null, skillsLab: false } : v));
export type TrainingInput = z.infer<typeof trainingSchema>;

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const fundingSchema = z
  .object({
    intent: z.enum(["add-funding", "edit-funding"]),
    lineId: z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional()),
    route: z.enum(fundingRoutes, { errorMap: () => ({ message: "funding.error.route" }) }),
    amount: decimal("funding.error.amount").pipe(z.number().min(0, "funding.error.amount").max(MAX_AMOUNT_EUROS, "funding.error.amountTooHigh")),
    status: z.enum(fundingStatuses, { errorMap: () => ({ message: "funding.error.status" }) }),
    date: z.string().trim().refine(isDay, "funding.error.date"),
    note: z.string().trim().max(...maxLength(500)).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "edit-funding" && v.lineId === undefined) ctx.addIssue({ code: "custom", path: ["form"], message: "training.error.line" });
    // "Anders" says nothing by itself: the note names the route.
    if (v.route === "anders" && v.note.length < 3) ctx.addIssue({ code: "custom", path: ["note"], message: "funding.error.otherNote" });
    // Cents are whole: €1.250,555 is a typing error.
    if (Math.round(v.amount * 100) !== Number((v.amount * 100).toFixed(6))) ctx.addIssue({ code: "custom", path: ["amount"], message: "funding.error.cents" });
  })
  .transform(({ amount, ...v }) => ({ ...v, amountCents: Math.round(amount * 100) }));
export type FundingInput = z.infer<typeof fundingSchema>;

export const removeLineSchema = z.object({
  intent: z.enum(["remove-training", "remove-funding"]),
  lineId: id,
});
