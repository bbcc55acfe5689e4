import { z } from "zod";

/** The button "Inloggen met <provider>": only where to go afterwards, judged by redirectTarget. */
export const oidcStartSchema = z.object({ redirectTo: z.string().optional() });
