import { z } from "zod";

// The strength check (zxcvbn) runs in the action only: its dictionaries stay out of the browser.
const newPassword = z.string().min(12, "account.password.tooShort").max(1024, "form.tooLong.1024");

const matching = <T extends { newPassword: string; confirmPassword: string }>(fields: T) =>
  fields.newPassword === fields.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "account.password.mismatch" };

export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: z.string().min(1, "account.password.currentRequired").max(1024, "form.tooLong.1024"),
    newPassword,
    confirmPassword: z.string().max(1024, "form.tooLong.1024"),
  })
  .refine(matching, mismatch);

export const setPasswordSchema = z
  .object({
    newPassword,
    confirmPassword: z.string().max(1024, "form.tooLong.1024"),
  })
  .refine(matching, mismatch);
