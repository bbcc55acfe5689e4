// The coordinator's form for the region's own saving target (decision 015). Messages are i18n keys
// (app/i18n/targets.ts); the same schema runs in the browser and in the action.
import { z } from "zod";
import { targetUnits } from "~/domain/vocabulary";
import { decimal, maxLength, optionalNumber } from "./fields";

export const targetSchema = z
  .object({
    intent: z.literal("set-target"),
    // Empty clears the target: the region then has none (there is no default).
    targetValue: optionalNumber(
      decimal("targets.error.number").pipe(z.number().min(0, "targets.error.negative").max(100_000, "targets.error.tooHigh")),
    ),
    targetUnit: z.enum(targetUnits, { errorMap: () => ({ message: "targets.error.unit" }) }),
    targetSource: z.string().trim().max(...maxLength(500)).optional().default(""),
  })
  .superRefine((v, ctx) => {
    // A target says what the region committed to; someone must be able to look that up.
    if (v.targetValue != null && v.targetSource.length < 3) ctx.addIssue({ code: "custom", path: ["targetSource"], message: "targets.error.source" });
  })
  .transform((v) => ({ target: v.targetValue == null ? null : { value: v.targetValue, unit: v.targetUnit, source: v.targetSource } }));

export type TargetInput = { value: number; unit: (typeof targetUnits)[number]; source: string };
