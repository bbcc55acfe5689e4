// Hand-made inputs for the bottleneck rules: a fixed clock, a healthy region (one active agenda with
// adopted priorities) and an item that fires nothing (an idea with a why, a lead and professionals), and ways to run one rule on them.
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { prepareRegion, prepareShared } from "../../app/domain/flags/region";
import type { NationalRule, RegionRule } from "../../app/domain/flags/rules/rule";
import { renderText } from "../../app/domain/flags/text";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import type { FlagHit, FlagText, RegionRows, SharedRows } from "../../app/domain/flags/types";
import { translate, type MessageKey } from "../../app/i18n/messages";

export const NOW = Date.parse("2026-06-15T10:00:00Z");
export const ago = (days: number) => NOW - days * DAY_MS;

type Item = RegionRows["items"][number];
export const item = (id: string, over: Partial<Item> = {}): Item => ({
  id,
  agendaId: 1,
  title: `Punt ${id}`,
  // An idea: active, but not yet expected to carry evidence (weak-evidence starts at "voorgesteld").
  status: "idee",
  endDate: null,
  leadOrganisation: "Zorggroep",
  hasWhy: true,
  professionalsInvolved: "ja",
  changedAt: ago(1),
  progressAt: ago(1),
  ...over,
});

type Barrier = RegionRows["barriers"][number];
export const barrier = (id: number, agendaId: number, over: Partial<Barrier> = {}): Barrier => ({
  id,
  agendaId,
  itemId: "a",
  typeKey: "financing",
  subTypeKey: null,
  severity: "middel",
  status: "open",
  createdAt: ago(5),
  statusChangedAt: null,
  lastAdviserEntryAt: null,
  ...over,
});

/** Region `id` with agenda `id` (active, priorities adopted) and the given rows. */
export const region = (id: number, over: Partial<RegionRows> = {}): RegionRows => ({
  region: { id, slug: `r${id}`, name: `Regio ${id}`, ownTargetFte: null },
  agendas: [{ id, title: `Agenda ${id}`, status: "actief", createdAt: ago(100) }],
  items: [],
  barriers: [],
  links: [],
  proposals: [],
  adoptedAgendaIds: [id],
  ...over,
});

export const shared = (over: Partial<SharedRows> = {}): SharedRows => ({
  barrierTypes: [
    { key: "financing", nameNl: "Bekostiging en financiering", nameEn: "Financing" },
    { key: "regulation", nameNl: "Wet- en regelgeving", nameEn: "Laws and regulation" },
  ],
  barrierSubTypes: [
    { key: "financing-wlz", typeKey: "financing", nameNl: "Wlz: tarieven en zorgkantoren", nameEn: "Wlz" },
    { key: "financing-zvw", typeKey: "financing", nameNl: "Zvw: prestaties en zorgverzekeraars", nameEn: "Zvw" },
  ],
  ratings: [],
  ...over,
});

export const rating = (innovationId: number, evidenceLevel: number, over: Partial<SharedRows["ratings"][number]> = {}) => ({
  innovationId,
  unit: "hours_per_week_per_fte" as const,
  low: 1,
  expected: 2,
  high: 3,
  evidenceLevel,
  ...over,
});

export const link = (itemId: string, innovationId: number, over: Partial<RegionRows["links"][number]> = {}) => ({
  itemId,
  agendaId: 1,
  innovationId,
  reach: 10,
  reachUnit: "fte" as const,
  ...over,
});

/** One region rule on one region's rows. */
export function runRule(rule: RegionRule, rows: RegionRows, sharedRows: SharedRows = shared(), now = NOW): FlagHit[] {
  return rule.evaluate({ view: prepareRegion(rows, prepareShared(sharedRows)), now, today: dutchCalendarDay(now), wake: () => {} });
}

/** One national rule on several regions' rows. */
export function runNational(rule: NationalRule, rows: RegionRows[], sharedRows: SharedRows = shared(), now = NOW): FlagHit[] {
  const s = prepareShared(sharedRows);
  return rule.evaluate({ regions: rows.map((r) => prepareRegion(r, s)), shared: s, now });
}

/** A flag text as a Dutch (or English) reader sees it. */
export const render = (t: FlagText, locale: "nl" | "en" = "nl") => renderText((k, v) => translate(locale, k as MessageKey, v), locale, t);
