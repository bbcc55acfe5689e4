// The question to another region's lead (issue 18, decision 039). Messages are i18n keys (app/i18n/public.ts).
import { z } from "zod";
import { QUESTION_LIMITS } from "~/domain/learning";

export const askLeadSchema = z.object({
  intent: z.literal("ask"),
  targetItemId: z.string().min(1, "learning.error.notPublic").max(200, "learning.error.notPublic"),
  question: z.string().trim().min(QUESTION_LIMITS.min, "learning.error.length").max(QUESTION_LIMITS.max, "learning.error.length"),
});
export type AskLeadInput = z.infer<typeof askLeadSchema>;
