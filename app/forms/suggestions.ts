import { z } from "zod";

/** Accept or reject one suggestion (by id) or every one of an author (decision 035). */
export const settleSuggestionSchema = z
  .object({
    intent: z.enum(["accept", "reject"]),
    id: z.string().min(1).max(64).optional(),
    author: z.coerce.number().int().positive().optional(),
  })
  .refine((v) => (v.id === undefined) !== (v.author === undefined), { message: "suggestions.invalid", path: ["id"] });
export type SettleSuggestionInput = z.infer<typeof settleSuggestionSchema>;
