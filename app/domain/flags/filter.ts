// The overview's filters, read from GET parameters; shared by the page and the CSV export so that
// "export what I see" holds. Unknown values are ignored rather than refused: these are bookmarkable URLs.
import { daysBetween } from "./dates";
import { flagRules, flagSeverities, type FlagDismissal, type FlagHit, type FlagRule, type FlagSeverity } from "./types";

export const ageOptions = [7, 30, 60, 90, 180] as const;

export type FlagFilter = {
  rule: FlagRule | null;
  region: string | null;
  severity: FlagSeverity | null;
  /** Only flags whose condition began more than this many days ago. */
  minAgeDays: number | null;
  /** Also the flags hidden for the viewer (marked with who hid them). */
  includeDismissed: boolean;
};

export function parseFlagFilter(params: URLSearchParams): FlagFilter {
  const rule = params.get("regel");
  const severity = params.get("ernst");
  const region = params.get("regio");
  const age = Number(params.get("ouderdan"));
  return {
    rule: (flagRules as readonly string[]).includes(rule ?? "") ? (rule as FlagRule) : null,
    region: region && /^[a-z0-9-]{1,80}$/.test(region) ? region : null,
    severity: (flagSeverities as readonly string[]).includes(severity ?? "") ? (severity as FlagSeverity) : null,
    minAgeDays: Number.isInteger(age) && age > 0 && age <= 3650 ? age : null,
    includeDismissed: params.get("weggezet") === "1",
  };
}

/** The same filter as query string, for the CSV link next to the list. */
export function filterQuery(f: FlagFilter): string {
  const p = new URLSearchParams();
  if (f.rule) p.set("regel", f.rule);
  if (f.region) p.set("regio", f.region);
  if (f.severity) p.set("ernst", f.severity);
  if (f.minAgeDays) p.set("ouderdan", String(f.minAgeDays));
  if (f.includeDismissed) p.set("weggezet", "1");
  const q = p.toString();
  return q ? `?${q}` : "";
}

export function applyFilter<T extends { hit: FlagHit; dismissal: FlagDismissal | null }>(
  entries: T[],
  f: FlagFilter,
  regions: ReadonlyArray<{ id: number; slug: string }>,
  now: number,
): T[] {
  const regionId = f.region ? (regions.find((r) => r.slug === f.region)?.id ?? -1) : null;
  return entries.filter(
    ({ hit, dismissal }) =>
      (f.includeDismissed || !dismissal) &&
      (!f.rule || hit.rule === f.rule) &&
      (!f.severity || hit.severity === f.severity) &&
      (regionId === null || hit.regionIds.includes(regionId)) &&
      (!f.minAgeDays || (hit.since !== null && daysBetween(hit.since, now) > f.minAgeDays)),
  );
}
