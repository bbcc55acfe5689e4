// The shapes of the bottleneck signals (knelpuntsignalen): what a rule reads (one region's rows, plus
// the inputs all regions share), what it finds (a FlagHit: decided cheaply, described on demand) and
// what pages get (Flag, a plain object). Pure types and vocabularies, shared by model, routes and tests.
import type { RatingInput } from "../savings";
import type { MeasuredRow } from "../realised-savings";
import type { TrainingLine } from "../training";

export const flagRules = [
  "national-bottleneck",
  "high-barrier",
  "vws-no-answer",
  "stalled-item",
  "weak-evidence",
  "scaled-without-evidence",
  "below-target",
  "board-decision",
  "item-basics",
  "no-progress-note",
  "training-without-provider",
  "realised-below-projection",
  "scaled-without-measurement",
] as const;
export type FlagRule = (typeof flagRules)[number];
/** Rules that rest on barriers: their flags show what the barrier pages show, to whom they show it. */
export const barrierFlagRules: ReadonlySet<FlagRule> = new Set(["high-barrier", "national-bottleneck", "vws-no-answer"]);

export const flagSeverities = ["hoog", "middel", "laag"] as const;
export type FlagSeverity = (typeof flagSeverities)[number];
export const severityRank: Record<FlagSeverity, number> = { hoog: 3, middel: 2, laag: 1 };

/** One region's rows, as the loader reads them (times as epoch milliseconds). */
export type RegionRows = {
  region: { id: number; slug: string; name: string; /** The target the region set itself; null while unset. */ ownTargetFte: number | null };
  agendas: Array<{ id: number; title: string; status: "concept" | "actief" | "gearchiveerd"; createdAt: number }>;
  items: Array<{
    id: string;
    agendaId: number;
    title: string;
    status: string;
    endDate: string | null;
    leadOrganisation: string;
    hasWhy: boolean;
    professionalsInvolved: "ja" | "deels" | "nee" | null;
    changedAt: number;
    /** Last change of status, milestone or progress note (decision 028); null when never recorded. */
    progressAt: number | null;
    /** The latest period with a progress note (issue 15); null or absent when none. */
    lastProgressPeriod?: string | null;
    /** When the item last went into execution (its status history); null or absent when unknown. */
    executionSince?: number | null;
  }>;
  /** Barriers that are still open (open, in behandeling, geëscaleerd). */
  barriers: Array<{
    id: number;
    agendaId: number;
    itemId: string;
    typeKey: string;
    subTypeKey: string | null;
    severity: string;
    status: string;
    createdAt: number;
    statusChangedAt: number | null;
    /** Latest thread entry by an adviser (the regional team answers for VWS); null when none. */
    lastAdviserEntryAt: number | null;
  }>;
  links: Array<{ itemId: string; agendaId: number; innovationId: number; reach: number; reachUnit: "clients" | "fte"; taskHoursPerWeek?: number | null; eventsPerWeek?: number | null }>;
  /** Open board proposals. */
  proposals: Array<{ id: number; agendaId: number; createdAt: number; deadline: number }>;
  adoptedAgendaIds: number[];
  /** Training lines of the region's items (decision 030); absent where a caller reads none. */
  trainingNeeds?: Array<Pick<TrainingLine, "itemId" | "kind" | "people" | "hoursPerPerson" | "provider" | "status"> & { agendaId: number }>;
  /** Baselines and measurements of the region's items (decision 031); absent where a caller has none. */
  measurements?: Array<MeasuredRow & { itemId: string; kind: "baseline" | "measurement" }>;
};

/** Inputs every region's rules share: the catalogue's ratings and the barrier vocabulary. */
export type SharedRows = {
  barrierTypes: Array<{ key: string; nameNl: string; nameEn: string }>;
  barrierSubTypes: Array<{ key: string; typeKey: string; nameNl: string; nameEn: string }>;
  ratings: Array<RatingInput & { innovationId: number }>;
};

export type FlagDismissal = {
  flagKey: string;
  kind: "acknowledge" | "snooze";
  /** personal: hidden for the adviser who did it only; team: for the whole regional team. */
  scope: "personal" | "team";
  reason: string;
  until: number | null;
  score: number;
  fingerprint: string;
  userId: number;
  userName: string | null;
  createdAt: number;
};

/** A value in a message: plain, per language (barrier type names come in both), or a text to translate. */
export type TextVar = string | number | { nl: string; en: string } | FlagText;
/** A translatable text: an i18n key with its values; `parts` fill `{reasons}` as a list. */
export type FlagText = { key: string; vars?: Record<string, TextVar>; parts?: FlagText[] };

export type FlagLink = { href: string; label: FlagText; regionId: number | null };

/** What a flag says: built only for the flags a page or export shows. */
export type FlagDetails = {
  subject: FlagText;
  explanation: FlagText;
  /** Label (an i18n key) and value of each figure behind the flag. */
  figures: Array<{ label: string; value: TextVar }>;
  threshold: FlagText;
  links: FlagLink[];
};

/** A rule's finding: everything ordering, filtering and dismissing need, and the rest on demand. */
export type FlagHit = {
  /** Stable: rule plus subject, so a dismissal finds the same flag again tomorrow. */
  key: string;
  rule: FlagRule;
  severity: FlagSeverity;
  /** Worse is higher; a dismissed flag returns when this rises above the score it had when dismissed. */
  score: number;
  /** The region the flag is about; null for a national bottleneck. */
  regionId: number | null;
  /** Every region concerned (one, or all regions of a national bottleneck). */
  regionIds: readonly number[];
  agendaId: number | null;
  /** When the condition began, for the age filter; null when it has no meaningful start. */
  since: number | null;
  /** The data the flag rests on, never the clock; hashed into the fingerprint. */
  basis: () => string;
  /** The texts, figures and links, with day counts as of `now`. */
  describe: (now: number) => FlagDetails;
};

export type Flag = FlagDetails & {
  key: string;
  rule: FlagRule;
  severity: FlagSeverity;
  score: number;
  /** Hash of the data the flag rests on; "until the data changes" ends when this differs. */
  fingerprint: string;
  regionId: number | null;
  regionIds: readonly number[];
  agendaId: number | null;
  since: number | null;
  ageDays: number;
  /** The dismissal that hides it for the viewer, when it is hidden (lists that include hidden ones). */
  dismissal: FlagDismissal | null;
};
