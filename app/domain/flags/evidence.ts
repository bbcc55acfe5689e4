// What the rules need to know of an item's saving: how many innovations are linked, how many of
// those links give a figure, the weakest evidence level under that figure, and the FTE it adds up
// to. The arithmetic is the savings domain's (app/domain/savings.ts); this only adapts it.
import { basisOfReach, projectSaving, ratingHoursPerWeek, type RatingInput, type Range } from "../savings";
import type { RegionRows, SharedRows } from "./types";

type Link = RegionRows["links"][number];
type Rating = SharedRows["ratings"][number];

/** Evidence level 2 is "measured in a local pilot": below it a figure is an expectation or a supplier's claim. */
export const MEASURED_LEVEL = 2;

export type ItemEvidence = {
  links: number;
  /** Links that give a figure (rated, in a unit the link's reach can use). */
  rated: number;
  /** The weakest evidence level among the ratings behind those figures; null when none gives one. */
  weakestLevel: number | null;
  fte: Range;
};

export type LinkFigure = { ok: true; fte: Range; weakestLevel: number } | { ok: false };

/** Ratings by innovation, and one projection per innovation and reach unit (a projection is linear in reach). */
export function linkFigures(ratings: SharedRows["ratings"]) {
  const byInnovation = new Map<number, Rating[]>();
  for (const r of ratings) {
    let list = byInnovation.get(r.innovationId);
    if (!list) byInnovation.set(r.innovationId, (list = []));
    list.push(r);
  }
  const perUnit = new Map<string, { projection: ReturnType<typeof projectSaving>; weakest: number }>();
  return (link: Link): LinkFigure => {
    const k = `${link.innovationId}|${link.reachUnit}`;
    let p = perUnit.get(k);
    if (!p) {
      const list: RatingInput[] = byInnovation.get(link.innovationId) ?? [];
      const basis = basisOfReach(link.reachUnit);
      // The weakest level among the ratings the figure is made of: never a blend under the best label.
      const levels = list.filter((r) => ratingHoursPerWeek(r)?.basis === basis).map((r) => r.evidenceLevel);
      perUnit.set(k, (p = { projection: projectSaving(list, 1, link.reachUnit), weakest: levels.length ? Math.min(...levels) : 0 }));
    }
    if (!p.projection.ok) return { ok: false };
    const reach = Math.max(0, link.reach);
    const f = p.projection.fte;
    return { ok: true, fte: { low: f.low * reach, expected: f.expected * reach, high: f.high * reach }, weakestLevel: p.weakest };
  };
}

export function itemEvidence(links: readonly Link[], figure: (l: Link) => LinkFigure): ItemEvidence {
  const e: ItemEvidence = { links: links.length, rated: 0, weakestLevel: null, fte: { low: 0, expected: 0, high: 0 } };
  for (const l of links) {
    const f = figure(l);
    if (!f.ok) continue;
    e.rated++;
    e.weakestLevel = e.weakestLevel === null ? f.weakestLevel : Math.min(e.weakestLevel, f.weakestLevel);
    e.fte.low += f.fte.low;
    e.fte.expected += f.fte.expected;
    e.fte.high += f.fte.high;
  }
  return e;
}
