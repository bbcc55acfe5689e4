import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().email("login.emailRequired").max(254, "form.tooLong.254"),
  password: z.string().min(1, "login.passwordRequired").max(1024, "form.tooLong.1024"),
  redirectTo: z.string().optional(),
});
