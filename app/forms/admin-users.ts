import { z } from "zod";
import { regionRoles, userKinds } from "~/domain/vocabulary";

const id = z.coerce.number().int().positive();
// Chosen in a picker (app/components/user-combobox.tsx): empty until a user is picked from its list.
const chosenUser = z.coerce.number().int().positive("admin.userChoose");

export const createUserSchema = z.object({
  intent: z.literal("create-user"),
  name: z.string().trim().min(1, "admin.nameRequired").max(200, "form.tooLong.200"),
  email: z.string().trim().email("login.emailRequired").max(254, "form.tooLong.254"),
  // Empty: no password; the user gets an invitation by e-mail to set one (decision 037).
  password: z.union([z.literal(""), z.string().min(12, "admin.passwordTooShort").max(1024, "form.tooLong.1024")]),
  kind: z.enum(userKinds),
  organisationId: z.union([z.literal(""), id]).transform((v) => (v === "" ? null : v)),
});

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  userId: id,
});

export const disableUserSchema = z.object({
  intent: z.literal("set-disabled"),
  userId: id,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const membershipSchema = z.object({
  intent: z.literal("set-membership"),
  userId: chosenUser,
  regionId: id,
  role: z.union([z.literal(""), z.enum(regionRoles)]).transform((v) => (v === "" ? null : v)),
});

export const coverageSchema = z.object({
  intent: z.literal("set-coverage"),
  userId: chosenUser,
  regionId: id,
  covered: z.enum(["true", "false"]).transform((v) => v === "true"),
});
