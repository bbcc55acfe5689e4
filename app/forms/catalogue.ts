// Forms of the innovation catalogue, ratings, item links and copying items (the region's target: region-target.ts).
// Messages are i18n keys (app/i18n/catalogue.ts); the same schemas run in the browser and in actions.
import { z } from "zod";
import { mechanisms, ratingKinds, reportings, savingUnits, type SavingUnit } from "~/domain/vocabulary";
import { reachUnits } from "../domain/savings";
import { decimal, maxEntries, maxLength, optionalNumber, type TextLimit } from "./fields";

const optionalText = (max: TextLimit) =>
  z
    .string()
    .trim()
    .max(...maxLength(max))
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
  nameNl: z.string().trim().min(2, "catalogue.error.name").max(...maxLength(200)),
  nameEn: optionalText(200),
  descriptionNl: z.string().trim().max(...maxLength(5000)).optional().default(""),
  kind: z.enum(["technological", "social"], { errorMap: () => ({ message: "catalogue.error.choose" }) }),
  mechanism: z.enum(mechanisms, { errorMap: () => ({ message: "catalogue.error.choose" }) }),
  sectors: list(/,/).pipe(z.array(z.string().max(...maxLength(80))).max(...maxEntries(20))),
  costIndication: z
    .union([z.literal(""), z.enum(["laag", "middel", "hoog"])], { errorMap: () => ({ message: "catalogue.error.choose" }) })
    .optional()
    .transform((v) => (v ? v : null)),
  sources: list(/\r?\n/).pipe(z.array(z.string().max(...maxLength(500))).max(...maxEntries(20))),
});
export type InnovationInput = z.infer<typeof innovationSchema>;

// The largest believable figure per unit: above it, most likely a typo (minutes typed as hours).
const unitMaximum: Record<SavingUnit, number> = {
  hours_per_week_per_client: 60,
  hours_per_week_per_fte: 60,
  pct_task_time: 100,
  minutes_per_day_per_client: 24 * 60,
  minutes_per_week_per_client: 7 * 24 * 60,
  hours_per_year_per_fte: 2000,
  minutes_per_event: 8 * 60,
  pct_care_use: 100,
};
/** Units whose figure is a share of a named task or counts a named event. */
const namedTaskUnits: SavingUnit[] = ["pct_task_time", "minutes_per_event", "pct_care_use"];

export const ratingSchema = z
  .object({
    intent: z.literal("add-rating"),
    kind: z.enum(ratingKinds, { errorMap: () => ({ message: "evidence.error.kind" }) }).optional().default("labour_saved"),
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
    source: z.string().trim().max(...maxLength(500)).optional().default(""),
    claim: optionalText(500),
    quote: optionalText(2000),
    sourceUrl: optionalText(500).pipe(
      z.string().regex(/^https?:\/\/[^\s]+$/, "evidence.error.url").nullable(),
    ),
    reporting: z
      .union([z.literal(""), z.enum(reportings)], { errorMap: () => ({ message: "catalogue.error.choose" }) })
      .optional()
      .transform((v) => (v ? v : null)),
    professionsFrom: list(/,/).pipe(z.array(z.string().max(...maxLength(80))).max(...maxEntries(10))),
    professionsTo: list(/,/).pipe(z.array(z.string().max(...maxLength(80))).max(...maxEntries(10))),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    // Every level of evidence needs a source, an expectation included: someone must be able to check it.
    if (r.source.length < 3) issue("source", "catalogue.error.source");
    if (r.low < 0) issue("low", "catalogue.error.negative");
    if (r.high < r.low) issue("high", "catalogue.error.lowHigh");
    if (r.expected < r.low || r.expected > r.high) issue("expected", "catalogue.error.expectedRange");
    if (r.high > unitMaximum[r.unit]) {
      issue("high", r.unit === "pct_task_time" || r.unit === "pct_care_use" ? "catalogue.error.pct" : "catalogue.error.hoursTooHigh");
    }
    if (namedTaskUnits.includes(r.unit) && !r.taskName) issue("taskName", "catalogue.error.taskName");
    // A percentage's task hours may come with the source; otherwise each region states its own when
    // it links the innovation. Stated, they must be a believable week.
    if (r.unit === "pct_task_time" && r.taskHoursPerWeek != null && (r.taskHoursPerWeek <= 0 || r.taskHoursPerWeek > 60)) {
      issue("taskHoursPerWeek", "catalogue.error.taskHours");
    }
    // Care use in percent is care demand, never labour saved: saying so is the rater's job, not a guess.
    if (r.unit === "pct_care_use" && r.kind !== "care_demand") issue("kind", "evidence.error.careUse");
    if (r.kind === "task_shifting" && (!r.professionsFrom.length || !r.professionsTo.length)) issue("professionsFrom", "evidence.error.professions");
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
  reachOrganisations: z.string().trim().max(...maxLength(500)).optional().default(""),
  reachBy: z
    .union([z.literal(""), z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "catalogue.error.date")])
    .optional()
    .transform((v) => (v ? v : null)),
  // Only some ratings need these (a share of a task, a time per event); empty means not stated.
  taskHoursPerWeek: optionalNumber(
    decimal("catalogue.error.number").pipe(z.number().gt(0, "evidence.error.taskHours").max(60, "evidence.error.taskHours")),
  ).optional().transform((v) => v ?? null),
  eventsPerWeek: optionalNumber(
    decimal("catalogue.error.number").pipe(z.number().gt(0, "evidence.error.events").max(500, "evidence.error.events")),
  ).optional().transform((v) => v ?? null),
});
export type LinkInput = z.infer<typeof linkSchema>;

export const unlinkSchema = z.object({
  intent: z.literal("remove-link"),
  linkId: z.coerce.number().int().positive("catalogue.error.item"),
});

export const copySchema = z.object({
  intent: z.literal("copy-item"),
  sourceItemId: z.string().trim().min(1, "catalogue.error.item").max(64, "catalogue.error.item"),
  targetAgendaId: z.coerce.number({ invalid_type_error: "catalogue.error.choose" }).int().positive("catalogue.error.choose"),
});
