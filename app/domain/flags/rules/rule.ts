// What a rule is: a pure function from one region's prepared rows (or, for national rules, every
// region's) and the clock to the flags it finds. Each rule lives in its own module next to this one:
// which items or barriers it looks at, when it fires (thresholds as named constants, with why), its
// fingerprint (`basis`) and its explanation (i18n keys in app/i18n/flags.ts).
import type { RegionView, SharedView } from "../region";
import type { FlagHit, FlagRule, FlagText } from "../types";

export type RegionContext = { view: RegionView; now: number; /** Today in the Netherlands, YYYY-MM-DD. */ today: string };
export type RegionRule = { rule: FlagRule; evaluate(ctx: RegionContext): FlagHit[] };

export type NationalContext = { regions: readonly RegionView[]; shared: SharedView; now: number };
export type NationalRule = { rule: FlagRule; evaluate(ctx: NationalContext): FlagHit[] };

export const text = (key: string, vars?: FlagText["vars"], parts?: FlagText[]): FlagText => ({ key, vars, parts });
/** Text the user wrote, passed through translation unchanged. */
export const raw = (value: string) => text("flags.raw", { text: value });
export const untitled = (title: string) => (title.trim() ? raw(title) : text("flags.untitled"));
export const round1 = (v: number) => Math.round(v * 10) / 10;
export const round2 = (v: number) => Math.round(v * 100) / 100;
export const itemTitle = (view: RegionView, itemId: string) => view.itemById.get(itemId)?.title || "—";
