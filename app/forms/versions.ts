import { z } from "zod";

export const namedVersionSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1, "versions.nameRequired").max(120, "form.tooLong.120"),
});

export const restoreVersionSchema = z.object({
  intent: z.literal("restore"),
  versionId: z.coerce.number().int().positive(),
});
