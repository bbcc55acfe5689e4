// Measured savings: the hand entry of one figure and the import's column mapping. Messages are i18n
// keys (app/i18n/measurements.ts); the same schemas run in the browser and in the action.
import { z } from "zod";
import { isPeriod } from "~/domain/periods";
import { isIsoDay, MEASUREMENT_LIMITS, unitNeedsClients } from "~/domain/measurements";
import { measurementKinds, measurementUnits } from "~/domain/vocabulary";
import { decimal, maxLength, optionalNumber } from "./fields";

const optionalDay = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null))
  .refine((v) => v === null || isIsoDay(v), "measurements.error.date");

const label = z.string().trim().max(...maxLength(120)).optional().default("");

export const measurementEntrySchema = z
  .object({
    intent: z.literal("add"),
    kind: z.enum(measurementKinds, { errorMap: () => ({ message: "measurements.error.kind" }) }),
    value: decimal("measurements.error.value").pipe(
      z.number().min(0, "measurements.error.negative").max(MEASUREMENT_LIMITS.maxValue, "measurements.error.tooHigh"),
    ),
    unit: z.enum(measurementUnits, { errorMap: () => ({ message: "measurements.error.unit" }) }),
    clientsPerWeek: optionalNumber(
      decimal("measurements.error.clients").pipe(
        z.number().gt(0, "measurements.error.clients").max(MEASUREMENT_LIMITS.maxClientsPerWeek, "measurements.error.tooHigh"),
      ),
    ),
    profession: label,
    team: label,
    // A quarter, or a date range whose first day names the quarter it counts in.
    periodMode: z.enum(["quarter", "range"], { errorMap: () => ({ message: "measurements.error.periodMode" }) }),
    period: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() ? v.trim() : null)),
    startDate: optionalDay,
    endDate: optionalDay,
    note: z.string().trim().max(...maxLength(1000)).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (unitNeedsClients(v.unit) && v.clientsPerWeek == null) ctx.addIssue({ code: "custom", path: ["clientsPerWeek"], message: "measurements.error.clientsRequired" });
    if (v.periodMode === "quarter") {
      if (!v.period || !isPeriod(v.period)) ctx.addIssue({ code: "custom", path: ["period"], message: "measurements.error.period" });
    } else {
      if (!v.startDate) ctx.addIssue({ code: "custom", path: ["startDate"], message: "measurements.error.startDate" });
      if (!v.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "measurements.error.endDate" });
      if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "measurements.error.range" });
    }
  })
  .transform((v) => ({
    ...v,
    clientsPerWeek: unitNeedsClients(v.unit) ? v.clientsPerWeek : null,
    // Exactly one way of saying when: the other fields of the form are dropped.
    period: v.periodMode === "quarter" ? v.period : null,
    startDate: v.periodMode === "range" ? v.startDate : null,
    endDate: v.periodMode === "range" ? v.endDate : null,
  }));

export type MeasurementEntry = z.infer<typeof measurementEntrySchema>;
