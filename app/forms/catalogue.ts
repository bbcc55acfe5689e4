// Forms of the innovation catalogue, ratings, item links, the region's target and copying items.
// Messages are i18n keys (app/i18n/catalogue.ts); the same schemas run in the browser and in actions.
import { z } from "zod";
import { mechanisms, savingUnits } from "~/domain/vocabulary";
import { reachUnits } from "../domain/savings";
import { decimal, optionalNumber } from "./fields";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "catalogue.error.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

const list = (separator: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean),
    );

export const innovationSchema = z.object({
  intent: z.enum(["create-innovation", "update-innovation"]),
  nameNl: z.string().trim().min(2, "catalogue.error.name").max(200, "catalogue.error.tooLong"),
  nameEn: optionalText(200),
  descriptionNl: z.string().trim().max(5000, "catalogue.error.tooLong").optional().default(""),
  kind: z.enum(["technological", "social"], { errorMap: () => ({ message: "catalogue.error.choose" }) }),
  mechanism: z.enum(mechanisms, { errorMap: () => ({ message: "catalogue.error.choose" }) }),
  sectors: list(/,/).pipe(z.array(z.string().max(80, "catalogue.error.tooLong")).max(20, "catalogue.error.tooLong")),
  costIndication: z
    .union([z.literal(""), z.enum(["laag", "middel", "hoog"])], { errorMap: () => ({ message: "catalogue.error.choose" }) })
    .optional()
    .transform((v) => (v ? v : null)),
  sources: list(/\r?\n/).pipe(z.array(z.string().max(500, "catalogue.error.tooLong")).max(20, "catalogue.error.tooLong")),
});
export type InnovationInput = z.infer<typeof innovationSchema>;

export const ratingSchema = z
  .object({
    intent: z.literal("add-rating"),
    unit: z.enum(savingUnits, { errorMap: () => ({ message: "catalogue.error.unit" }) }),
    taskName: optionalText(200),
    taskHoursPerWeek: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      decimal("catalogue.error.number").optional(),
    ),
    low: decimal("catalogue.error.number"),
    expected: decimal("catalogue.error.number"),
    high: decimal("catalogue.error.number"),
    evidenceLevel: z.coerce
      .number({ invalid_type_error: "catalogue.error.evidence" })
      .int("catalogue.error.evidence")
      .min(1, "catalogue.error.evidence")
      .max(4, "catalogue.error.evidence"),
    source: z.string().trim().max(500, "catalogue.error.tooLong").optional().default(""),
    claim: optionalText(500),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    // Every level of evidence needs a source, an expectation included: someone must be able to check it.
    if (r.source.length < 3) issue("source", "catalogue.error.source");
    if (r.low < 0) issue("low", "catalogue.error.negative");
    if (r.high < r.low) issue("high", "catalogue.error.lowHigh");
    if (r.expected < r.low || r.expected > r.high) issue("expected", "catalogue.error.expectedRange");
    if (r.unit === "pct_task_time") {
      if (r.high > 100) issue("high", "catalogue.error.pct");
      if (!r.taskName) issue("taskName", "catalogue.error.taskName");
      if (r.taskHoursPerWeek == null || r.taskHoursPerWeek <= 0 || r.taskHoursPerWeek > 60) {
        issue("taskHoursPerWeek", "catalogue.error.taskHours");
      }
    } else if (r.high > 60) {
      // No one saves more than a working week per client or FTE per week: a typo, most likely minutes.
      issue("high", "catalogue.error.hoursTooHigh");
    }
  });
export type RatingFormInput = z.infer<typeof ratingSchema>;

export const linkSchema = z.object({
  intent: z.literal("add-link"),
  itemId: z.string().trim().min(1, "catalogue.error.item").max(64, "catalogue.error.item"),
  innovationId: z.coerce.number({ invalid_type_error: "catalogue.error.choose" }).int().positive("catalogue.error.choose"),
  reach: decimal("catalogue.error.number").pipe(
    z.number().min(0, "catalogue.error.negativeReach").max(10_000_000, "catalogue.error.reachTooHigh"),
  ),
  reachUnit: z.enum(reachUnits, { errorMap: () => ({ message: "catalogue.error.reachUnit" }) }),
  reachOrganisations: z.string().trim().max(500, "catalogue.error.tooLong").optional().default(""),
  reachBy: z
    .union([z.literal(""), z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "catalogue.error.date")])
    .optional()
    .transform((v) => (v ? v : null)),
});
export type LinkInput = z.infer<typeof linkSchema>;

export const unlinkSchema = z.object({
  intent: z.literal("remove-link"),
  linkId: z.coerce.number().int().positive("catalogue.error.item"),
});

export const targetSchema = z.object({
  intent: z.literal("set-target"),
  // Empty resets to the derived default (share of the national target).
  targetFte: optionalNumber(
    decimal("catalogue.error.number").pipe(z.number().min(0, "catalogue.error.negative").max(100_000, "catalogue.error.targetTooHigh")),
  ),
});

export const copySchema = z.object({
  intent: z.literal("copy-item"),
  sourceItemId: z.string().trim().min(1, "catalogue.error.item").max(64, "catalogue.error.item"),
  targetAgendaId: z.coerce.number({ invalid_type_error: "catalogue.error.choose" }).int().positive("catalogue.error.choose"),
});
