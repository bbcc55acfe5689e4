// The shapes of the bottleneck-flag computation: what it reads (FlagInputs, plain rows with times
// as epoch milliseconds) and what it produces (Flag). Pure types, shared by model, routes and tests.
import type { RatingInput } from "../savings";

export const flagRules = [
  "high-barrier",
  "national-bottleneck",
  "stalled-priority",
  "weak-evidence",
  "below-target",
  "board-decision",
  "item-basics",
] as const;
export type FlagRule = (typeof flagRules)[number];
/** Rules that rest on barriers: their flags show what the barrier pages show, to whom they show it. */
export const barrierFlagRules: ReadonlySet<FlagRule> = new Set(["high-barrier", "national-bottleneck"]);

export const flagSeverities = ["hoog", "middel", "laag"] as const;
export type FlagSeverity = (typeof flagSeverities)[number];
export const severityRank: Record<FlagSeverity, number> = { hoog: 3, middel: 2, laag: 1 };

export type FlagInputs = {
  regions: Array<{ id: number; slug: string; name: string; careWorkers: number | null; savingTargetFte: number | null }>;
  agendas: Array<{ id: number; regionId: number; title: string; status: "concept" | "actief" | "gearchiveerd"; createdAt: number }>;
  items: Array<{
    id: string;
    agendaId: number;
    title: string;
    status: string;
    endDate: string | null;
    leadOrganisation: string;
    /** Whether the item says why (SQLite gives 1 or 0). */
    hasWhy: boolean | 0 | 1;
    professionalsInvolved: "ja" | "deels" | "nee" | null;
    changedAt: number;
  }>;
  barriers: Array<{ id: number; agendaId: number; itemId: string; typeKey: string; severity: string; status: string; createdAt: number }>;
  barrierTypes: Array<{ key: string; nameNl: string; nameEn: string }>;
  links: Array<{ itemId: string; agendaId: number; innovationId: number; reach: number; reachUnit: "clients" | "fte" }>;
  ratings: Array<RatingInput & { innovationId: number }>;
  proposals: Array<{ id: number; agendaId: number; status: string; createdAt: number; deadline: number }>;
  /** Agendas with at least one adopted version (priorities adopted by the board). */
  adoptedAgendaIds: number[];
  /** The latest dismissal per flag key. */
  dismissals: FlagDismissal[];
};

export type FlagDismissal = {
  flagKey: string;
  kind: "acknowledge" | "snooze";
  reason: string;
  until: number | null;
  score: number;
  fingerprint: string;
  userName: string | null;
  createdAt: number;
};

/** A value in a message: plain, per language (barrier type names come in both), or a text to translate. */
export type TextVar = string | number | { nl: string; en: string } | FlagText;
/** A translatable text: an i18n key with its values; `parts` fill `{reasons}` as a list. */
export type FlagText = { key: string; vars?: Record<string, TextVar>; parts?: FlagText[] };

export type FlagLink = { href: string; label: FlagText; regionId: number | null };

export type Flag = {
  /** Stable: rule plus subject, so a dismissal finds the same flag again tomorrow. */
  key: string;
  rule: FlagRule;
  severity: FlagSeverity;
  /** Worse is higher; a dismissed flag returns when this rises above the score it had when dismissed. */
  score: number;
  /** Hash of the data the flag rests on; "until the data changes" ends when this differs. */
  fingerprint: string;
  /** The region the flag is about; null for a national bottleneck. */
  regionId: number | null;
  /** Every region concerned (one, or all regions of a national bottleneck). Shared between flags: read only. */
  regionIds: readonly number[];
  agendaId: number | null;
  subject: FlagText;
  explanation: FlagText;
  /** Label (an i18n key) and value of each figure behind the flag. */
  figures: Array<{ label: string; value: TextVar }>;
  threshold: FlagText;
  links: FlagLink[];
  /** When the condition began, for the age filter; null when it has no meaningful start. */
  since: number | null;
  ageDays: number;
  dismissal: FlagDismissal | null;
};
