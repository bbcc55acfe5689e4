// Dismissing a bottleneck flag: acknowledge ("seen", until the data changes) or snooze until a date;
// for the adviser alone, or (an acknowledgement only) for the whole regional team.
// Messages are i18n keys (app/i18n/flags.ts); the same schema runs in the browser and in the action.
import { z } from "zod";
import { dutchCalendarDay } from "../domain/dutch-time";
import { maxLength } from "./fields";

export const dismissFlagSchema = z
  .object({
    intent: z.literal("dismiss-flag"),
    flagKey: z.string().min(1).max(200),
    kind: z.enum(["acknowledge", "snooze"], { errorMap: () => ({ message: "flags.error.kind" }) }),
    // Personal unless asked: one adviser's dismissal must not hide a signal from the others.
    scope: z.enum(["personal", "team"], { errorMap: () => ({ message: "flags.error.scope" }) }).default("personal"),
    reason: z
      .string({ required_error: "flags.error.reason" })
      .trim()
      .min(3, "flags.error.reason")
      .max(...maxLength(1000)),
    until: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "acknowledge") return;
    if (v.scope === "team") {
      // "Later" is one adviser's planning; only a finding ("seen, and why") is shared with the team.
      ctx.addIssue({ code: "custom", path: ["scope"], message: "flags.error.snoozeTeam" });
      return;
    }
    if (!v.until || !/^\d{4}-\d{2}-\d{2}$/.test(v.until) || Number.isNaN(Date.parse(v.until))) {
      ctx.addIssue({ code: "custom", path: ["until"], message: "flags.error.untilRequired" });
    } else if (v.until <= dutchCalendarDay(Date.now())) {
      // Today is not the future: a snooze until today would end before anyone saw it.
      ctx.addIssue({ code: "custom", path: ["until"], message: "flags.error.untilFuture" });
    }
  });

export type DismissFlagInput = z.infer<typeof dismissFlagSchema>;
