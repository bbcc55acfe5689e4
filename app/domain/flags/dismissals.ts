// Who a dismissed flag is hidden from. A snooze or an acknowledgement is personal by default: it
// hides the flag for the adviser who made it, and nobody else, so one adviser's "later" never hides
// a bottleneck from the rest of the team. An adviser may acknowledge a flag for the whole regional
// team, with a reason; that hides it for every adviser and on the region's own pages. Every overview
// says how many flags are hidden and by whom (hiddenSummary). Pure: no database, no Remix.
import type { FlagDismissal, FlagHit } from "./types";

/**
 * Whether a dismissal still holds: not when the condition got worse (higher score), not after the
 * snooze date, and for an acknowledgement ("until the data changes") not once the fingerprint differs.
 */
export function dismissalHolds(flag: { score: number; fingerprint: string }, d: FlagDismissal, now: number): boolean {
  if (flag.score > d.score) return false;
  if (d.kind === "snooze") return d.until !== null && now < d.until;
  return flag.fingerprint === d.fingerprint;
}

/** The latest team dismissal per flag key, and the viewer's own latest personal one per key. */
export type ViewerDismissals = { team: ReadonlyMap<string, FlagDismissal>; own: ReadonlyMap<string, FlagDismissal> };

export function viewerDismissals(rows: readonly FlagDismissal[], viewerId: number): ViewerDismissals {
  const team = new Map<string, FlagDismissal>();
  const own = new Map<string, FlagDismissal>();
  // Rows in id order: a later row for the same key replaces an earlier one.
  for (const d of rows) {
    if (d.scope === "team") team.set(d.flagKey, d);
    else if (d.userId === viewerId) own.set(d.flagKey, d);
  }
  return { team, own };
}

/** The dismissal that hides this flag from the viewer, or null: a team one first, then the viewer's own. */
export function hidingDismissal(hit: FlagHit, fingerprintOf: (h: FlagHit) => string, ds: ViewerDismissals, now: number): FlagDismissal | null {
  const team = ds.team.get(hit.key);
  const own = ds.own.get(hit.key);
  if (!team && !own) return null;
  const flag = { score: hit.score, fingerprint: fingerprintOf(hit) };
  if (team && dismissalHolds(flag, team, now)) return team;
  if (own && dismissalHolds(flag, own, now)) return own;
  return null;
}

export type HiddenSummary = {
  total: number;
  /** Per person and scope, most first: "2 by you (only for you)", "1 by Sanne Bakker for the team". */
  by: Array<{ userName: string; scope: FlagDismissal["scope"]; mine: boolean; count: number }>;
};

export function hiddenSummary(dismissals: readonly FlagDismissal[], viewerId: number): HiddenSummary {
  const by = new Map<string, HiddenSummary["by"][number]>();
  for (const d of dismissals) {
    const k = `${d.userId}|${d.scope}`;
    const entry = by.get(k) ?? { userName: d.userName ?? "—", scope: d.scope, mine: d.userId === viewerId, count: 0 };
    entry.count++;
    by.set(k, entry);
  }
  return { total: dismissals.length, by: [...by.values()].sort((a, b) => b.count - a.count || a.userName.localeCompare(b.userName, "nl")) };
}
