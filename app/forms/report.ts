// The progress report's forms (decision 032): the coordinator's foreword and sending to the stuurgroep.
// Messages are i18n keys (app/i18n/report.ts).
import { z } from "zod";
import { isPeriod } from "~/domain/periods";
import { maxLength } from "./fields";

/** A foreword is a page at most: the report is the data, the foreword frames it. */
export const FOREWORD_MAX_CHARS = 5000 as const;

const period = z.string().refine(isPeriod, "report.error.period");

export const forewordSchema = z.object({
  intent: z.literal("foreword"),
  period,
  foreword: z.string().trim().max(...maxLength(FOREWORD_MAX_CHARS)),
});
export type ForewordInput = z.infer<typeof forewordSchema>;

export const sendReportSchema = z.object({
  intent: z.literal("send"),
  period,
});
