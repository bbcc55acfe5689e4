// What the board weighs per priority besides the item's text: its projected saving, with the
// ratings behind every figure, and its open barriers. Frozen onto the proposal when it is made
// (docs/decisions/026), so the proposal page and the board pack show what the board was shown,
// and read again live for "nu: …" beside it. Pure: the shape and the comparisons.
import { roundSignificant, type Range } from "./savings";

export type ContextRating = { id: number; source: string; evidenceLevel: number; unit: string };

export type ContextLink = {
  innovationSlug: string;
  innovationNameNl: string;
  innovationNameEn: string;
  /** Labour saved by this link, in hours a year and FTE; null when it gives no figure. */
  hoursPerYear: Range | null;
  fte: Range | null;
  /** The weakest evidence level among the ratings behind the figure. */
  evidenceLevel: number | null;
  ratings: ContextRating[];
};

export type ContextBarrier = { id: number; typeKey: string; typeNl: string; typeEn: string; severity: string; description: string };

export type ItemContext = {
  /** The item's labour saved (sum of its links); null when no link gives a figure. */
  saving: { hoursPerYear: Range; fte: Range; evidenceLevel: number } | null;
  links: ContextLink[];
  barriers: ContextBarrier[];
};

export type ProposalContext = { takenAt: string; items: Record<string, ItemContext> };

/** A saving as shown: equal when both round to the same figures (or both are missing). */
export function sameSaving(a: ItemContext["saving"], b: ItemContext["saving"]): boolean {
  if (!a || !b) return a === b;
  const same = (x: Range, y: Range) => (["low", "expected", "high"] as const).every((k) => roundSignificant(x[k]) === roundSignificant(y[k]));
  return same(a.hoursPerYear, b.hoursPerYear) && a.evidenceLevel === b.evidenceLevel;
}

/** Barriers open when proposed and solved (or closed) since, and those opened since. */
export function barrierChanges(then: ContextBarrier[], now: ContextBarrier[]) {
  const before = new Set(then.map((b) => b.id));
  const after = new Set(now.map((b) => b.id));
  return { closed: then.filter((b) => !after.has(b.id)), added: now.filter((b) => !before.has(b.id)) };
}
