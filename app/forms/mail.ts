import { z } from "zod";
import { deliveries, mailKinds, type MailKind } from "../domain/mail";

export const forgotPasswordSchema = z.object({
  email: z.string().trim().email("login.emailRequired").max(254, "form.tooLong.254"),
});

const delivery = z.enum(deliveries);

/** The account page's choice per kind: one select per mail kind. */
export const mailPreferencesSchema = z.object({
  intent: z.literal("mail-preferences"),
  ...(Object.fromEntries(mailKinds.map((k) => [k, delivery])) as Record<MailKind, typeof delivery>),
});
