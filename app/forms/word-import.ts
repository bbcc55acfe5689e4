// The Word import's preview form (decision 034): per found item whether to take it and its mapped
// fields. Field names are flat ("title.3") so that one schema, made for the draft's number of items,
// validates the form in the browser and in the action. Messages are i18n keys (app/i18n/word-import.ts).
import { z } from "zod";
import { textFieldLimits } from "~/domain/agenda-doc";
import { isIsoDay } from "~/domain/measurements";
import { mechanisms } from "~/domain/vocabulary";

const day = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null))
  .refine((v) => v === null || isIsoDay(v), "wordImport.error.date");

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

export const itemFieldNames = ["include", "title", "leadOrganisation", "startDate", "endDate", "mechanism"] as const;
export const itemField = (name: (typeof itemFieldNames)[number], index: number) => `${name}.${index}`;

/** The form for a draft of `count` items (saved or confirmed: the button's `intent`, which the browser's check does not see). */
export function wordImportSchema(count: number) {
  const shape: Record<string, z.ZodTypeAny> = { includeIntro: checkbox };
  for (let i = 0; i < count; i++) {
    shape[itemField("include", i)] = checkbox;
    shape[itemField("title", i)] = z.string().trim().max(textFieldLimits.title, "wordImport.error.titleLong").optional().default("");
    shape[itemField("leadOrganisation", i)] = z.string().trim().max(textFieldLimits.leadOrganisation, "wordImport.error.leadLong").optional().default("");
    shape[itemField("startDate", i)] = day;
    shape[itemField("endDate", i)] = day;
    shape[itemField("mechanism", i)] = z
      .string()
      .optional()
      .transform((v) => (mechanisms as readonly string[]).includes(v ?? "") ? (v as (typeof mechanisms)[number]) : null);
  }
  return z
    .object(shape)
    .passthrough()
    .superRefine((v, ctx) => {
      for (let i = 0; i < count; i++) {
        if (v[itemField("include", i)] && !v[itemField("title", i)]) ctx.addIssue({ code: "custom", path: [itemField("title", i)], message: "wordImport.error.titleRequired" });
        const start = v[itemField("startDate", i)] as string | null;
        const end = v[itemField("endDate", i)] as string | null;
        if (start && end && end < start) ctx.addIssue({ code: "custom", path: [itemField("endDate", i)], message: "wordImport.error.range" });
      }
    });
}

export const wordImportModeSchema = z.object({
  intent: z.literal("mode"),
  mode: z.enum(["table", "headings", "numbered"], { errorMap: () => ({ message: "wordImport.error.mode" }) }),
});
