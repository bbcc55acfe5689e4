// What the rules need to know of an item's saving: how many innovations are linked, how many of
// those links give a figure of labour saved, the weakest evidence level under those figures, and the
// FTE they add up to. The arithmetic is the savings domain's (`projectLink` in app/domain/savings.ts:
// kinds, units, the link's task hours and frequency, the weakest level); this only adapts it.
import { projectLink, type Range } from "../savings";
import type { RegionRows, SharedRows } from "./types";

type Link = RegionRows["links"][number];
type Rating = SharedRows["ratings"][number];

/** Evidence level 2 is "measured in a local pilot": below it a figure is an expectation or a supplier's claim. */
export const MEASURED_LEVEL = 2;

export type ItemEvidence = {
  links: number;
  /** Links that give a figure of labour saved (rated, in a unit the link's fields can use). */
  rated: number;
  /** The weakest evidence level among the ratings behind those figures; null when none gives one. */
  weakestLevel: number | null;
  fte: Range;
};

export type LinkFigure = { ok: true; fte: Range; weakestLevel: number } | { ok: false };

/**
 * A link's figure. A projection is linear in reach, so one is made per innovation, reach unit and the
 * link's own fields, at a reach of one, and scaled: 14,000 links share a few hundred projections.
 */
export function linkFigures(ratings: SharedRows["ratings"]) {
  const byInnovation = new Map<number, Rating[]>();
  for (const r of ratings) {
    let list = byInnovation.get(r.innovationId);
    if (!list) byInnovation.set(r.innovationId, (list = []));
    list.push(r);
  }
  const perUnit = new Map<string, { fte: Range; weakest: number } | null>();
  return (link: Link): LinkFigure => {
    const task = link.taskHoursPerWeek ?? null;
    const events = link.eventsPerWeek ?? null;
    const k = `${link.innovationId}|${link.reachUnit}|${task}|${events}`;
    let p = perUnit.get(k);
    if (p === undefined) {
      const saved = projectLink(byInnovation.get(link.innovationId) ?? [], { reach: 1, reachUnit: link.reachUnit, taskHoursPerWeek: task, eventsPerWeek: events }).saved;
      perUnit.set(k, (p = saved ? { fte: saved.fte, weakest: saved.evidence.weakest } : null));
    }
    if (!p) return { ok: false };
    const reach = Math.max(0, link.reach);
    return { ok: true, fte: { low: p.fte.low * reach, expected: p.fte.expected * reach, high: p.fte.high * reach }, weakestLevel: p.weakest };
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
