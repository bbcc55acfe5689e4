import { z } from "zod";
import { regionRoles } from "~/domain/vocabulary";

export const addMemberSchema = z.object({
  intent: z.literal("add"),
  email: z.string().trim().email("login.emailRequired").max(254, "form.tooLong.254"),
  role: z.enum(regionRoles),
});

export const changeMemberSchema = z.object({
  intent: z.literal("change"),
  userId: z.coerce.number().int().positive(),
  role: z.union([z.literal(""), z.enum(regionRoles)]).transform((v) => (v === "" ? null : v)),
});
