// The overview's filters, read from GET parameters; shared by the page and the CSV export so that
// "export what I see" holds. Unknown values are ignored rather than refused: these are bookmarkable URLs.
import { flagRules, flagSeverities, type Flag, type FlagRule, type FlagSeverity } from "./types";

export const ageOptions = [7, 30, 60, 90, 180] as const;

export type FlagFilter = {
  rule: FlagRule | null;
  region: string | null;
  severity: FlagSeverity | null;
  /** Only flags whose condition began more than this many days ago. */
  minAgeDays: number | null;
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

export function applyFilter(flags: Flag[], f: FlagFilter, regions: ReadonlyArray<{ id: number; slug: string }>): Flag[] {
  const regionId = f.region ? (regions.find((r) => r.slug === f.region)?.id ?? -1) : null;
  return flags.filter(
    (flag) =>
      (f.includeDismissed || !flag.dismissal) &&
      (!f.rule || flag.rule === f.rule) &&
      (!f.severity || flag.severity === f.severity) &&
      (regionId === null || flag.regionIds.includes(regionId)) &&
      (!f.minAgeDays || (flag.since !== null && flag.ageDays > f.minAgeDays)),
  );
}
