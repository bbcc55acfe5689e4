// What a rule is: a pure function from one region's prepared rows (or, for national rules, every
// region's) and the clock to the flags it finds. Each rule lives in its own module next to this one:
// which items or barriers it looks at, when it fires (thresholds as named constants, with why), its
// fingerprint (`basis`) and its explanation (i18n keys in app/i18n/flags.ts).
import type { RegionView, SharedView } from "../region";
import type { ItemEvidence } from "../evidence";
import { AGE_STEP_DAYS, DAY_MS } from "../thresholds";
import type { FlagHit, FlagRule, FlagText } from "../types";

export type RegionContext = {
  view: RegionView;
  now: number;
  /** Today in the Netherlands, YYYY-MM-DD. */
  today: string;
  /**
   * Asks to be evaluated again at `at`: when a threshold will be crossed or a score step reached.
   * Between such moments (and the Dutch midnight, when end dates pass) the findings of a region whose
   * rows did not change stay as they are, so the clock alone does not recompute every region.
   */
  wake(at: number): void;
};
export type RegionRule = { rule: FlagRule; evaluate(ctx: RegionContext): FlagHit[] };

/**
 * What national rules read of a region: its name, its open barriers and the titles of its live items.
 * A region's full view has all of it; to show one region's flags the source reads just this of every
 * region, with one query, instead of loading and evaluating them all.
 */
export type NationalRegionView = {
  rows: { region: Pick<RegionView["rows"]["region"], "id" | "name"> };
  barriers: ReadonlyArray<Pick<RegionView["barriers"][number], "id" | "agendaId" | "itemId" | "typeKey" | "subTypeKey" | "status" | "createdAt">>;
  itemById: ReadonlyMap<string, { title: string }>;
};
export type NationalContext = { regions: readonly NationalRegionView[]; shared: SharedView; now: number };
export type NationalRule = { rule: FlagRule; evaluate(ctx: NationalContext): FlagHit[] };

/** When an age-based score (ageStep) next rises: at the next multiple of AGE_STEP_DAYS days since `since`. */
export const nextAgeStep = (since: number, now: number) => since + (Math.floor(Math.floor((now - since) / DAY_MS) / AGE_STEP_DAYS) + 1) * AGE_STEP_DAYS * DAY_MS;

export const text = (key: string, vars?: FlagText["vars"], parts?: FlagText[]): FlagText => ({ key, vars, parts });
/** Text the user wrote, passed through translation unchanged. */
export const raw = (value: string) => text("flags.raw", { text: value });
export const untitled = (title: string) => (title.trim() ? raw(title) : text("flags.untitled"));
export const round1 = (v: number) => Math.round(v * 10) / 10;
export const round2 = (v: number) => Math.round(v * 100) / 100;
export const itemTitle = (view: RegionView, itemId: string) => view.itemById.get(itemId)?.title || "—";

/** The figures behind an evidence signal: links, those giving a figure, the weakest level, the FTE. */
export const evidenceFigures = (e: ItemEvidence) => [
  { label: "flags.figure.links", value: e.links },
  { label: "flags.figure.ratedLinks", value: e.rated },
  { label: "flags.figure.weakestEvidence", value: e.weakestLevel ?? "—" },
  { label: "flags.figure.itemFte", value: round2(e.fte.expected) },
];

/** A barrier's type in both languages, with its sub-type when it has one ("Bekostiging en financiering: Wlz: ..."). */
export function barrierTypeName(shared: SharedView, typeKey: string, subTypeKey: string | null) {
  const type = shared.typeName(typeKey);
  const sub = subTypeKey ? shared.subTypeName(subTypeKey) : null;
  return sub ? { nl: `${type.nl}: ${sub.nl}`, en: `${type.en}: ${sub.en}` } : type;
}
