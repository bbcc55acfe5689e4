import { z } from "zod";
import { regionRoles, userKinds } from "~/domain/vocabulary";

const id = z.coerce.number().int().positive();

export const createUserSchema = z.object({
  intent: z.literal("create-user"),
  name: z.string().trim().min(1, "admin.nameRequired").max(200, "admin.nameRequired"),
  email: z.string().trim().email("login.emailRequired").max(254, "login.emailRequired"),
  password: z.string().min(12, "admin.passwordTooShort").max(1024, "admin.passwordTooShort"),
  kind: z.enum(userKinds),
  organisationId: z.union([z.literal(""), id]).transform((v) => (v === "" ? null : v)),
});

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  userId: id,
});

export const membershipSchema = z.object({
  intent: z.literal("set-membership"),
  userId: id,
  regionId: id,
  role: z.union([z.literal(""), z.enum(regionRoles)]).transform((v) => (v === "" ? null : v)),
});

export const coverageSchema = z.object({
  intent: z.literal("set-coverage"),
  userId: id,
  regionId: id,
  covered: z.enum(["true", "false"]).transform((v) => v === "true"),
});
