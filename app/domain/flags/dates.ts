// Ages of findings in whole days; Dutch calendar days themselves live in app/domain/dutch-time.ts.
import { DAY_MS } from "./thresholds";

/** Whole days from `since` to `now` (never negative). */
export const daysBetween = (since: number, now: number) => Math.max(0, Math.floor((now - since) / DAY_MS));
