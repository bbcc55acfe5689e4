import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().email("login.emailRequired").max(254, "login.emailRequired"),
  password: z.string().min(1, "login.passwordRequired").max(1024, "login.passwordRequired"),
  redirectTo: z.string().optional(),
});
