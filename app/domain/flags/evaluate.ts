// The seven bottleneck rules, as one pure pass over rows loaded in a few set-based queries
// (app/models/flags.server.ts) and indexed once (prepare.ts). No I/O: the same inputs and `now` give
// the same flags, which is what the unit tests and the benchmark rely on.
//
// A flag's rule, severity, score, age, dismissal and place in the order are decided here; what it
// says (key, fingerprint, subject, explanation, figures, threshold, links) is built from the same
// rows, clock and thresholds when first read. With 28 × 500 items there are some 12,000 flags, and a
// page shows one region's flags or the top of the list: building every text up front took most of
// the evaluation's time and memory.
import { fingerprint } from "./fingerprint";
import { agendaHref, barrierHref, itemHref, proposalHref, regionHref, regionSavingsHref } from "./links";
import { KIND, keyPrefixes, MAX_KEY_POSITIONS, OPEN_BARRIER_STATUSES, preparedFor, type PreparedFlags } from "./prepare";
import { DAY_MS, THRESHOLDS, type Thresholds } from "./thresholds";
import { severityRank, type Flag, type FlagDismissal, type FlagInputs, type FlagLink, type FlagRule, type FlagSeverity, type FlagText } from "./types";

export { OPEN_BARRIER_STATUSES };

const text = (key: string, vars?: FlagText["vars"], parts?: FlagText[]): FlagText => ({ key, vars, parts });
// Texts without values are shared, frozen objects: thousands of flags need not each carry a copy.
const fixedTexts = new Map<string, FlagText>();
const fixed = (key: string): FlagText => {
  let t = fixedTexts.get(key);
  if (!t) fixedTexts.set(key, (t = Object.freeze({ key })));
  return t;
};
const raw = (value: string) => text("flags.raw", { text: value });
const untitled = (title: string) => (title.trim() ? raw(title) : text("flags.untitled"));
const days = (ms: number) => Math.floor(ms / DAY_MS);

/** The calendar date in the Netherlands, as YYYY-MM-DD: end dates are Dutch calendar dates. */
export function dutchDate(at: number): string {
  return dutchDateFormat.format(at);
}
// Building an Intl formatter costs far more than using one.
const dutchDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * Whether a dismissal still holds: not when the condition got worse (higher score), not after the
 * snooze date, and for an acknowledgement ("until the data changes") not once the fingerprint differs.
 */
export function dismissalHolds(flag: Pick<Flag, "score" | "fingerprint">, d: FlagDismissal, now: number): boolean {
  if (flag.score > d.score) return false;
  if (d.kind === "snooze") return d.until !== null && now < d.until;
  return flag.fingerprint === d.fingerprint;
}

/** What one evaluation shares with its flags, to build their texts later exactly as they were decided. */
type Evaluation = {
  inputs: FlagInputs;
  p: PreparedFlags;
  t: Thresholds;
  at: number;
  today: string;
  /** One array per region for `regionIds`, shared by that region's flags. */
  regionIds: Map<number, readonly number[]>;
};

type Details = Pick<Flag, "subject" | "explanation" | "figures" | "threshold" | "links">;

// Reasons a priority stalls (rule 3) and what an item lacks (rule 7), as bits of `detail`.
const END_DATE_PASSED = 1;
const UNCHANGED = 2;
const NO_LEAD = 4;
const NO_WHY = 1;
const NO_PROFESSIONALS = 2;
const weakVariants = ["noLink", "unrated", "weak"] as const;

/**
 * A flag as evaluated. The fields a list filters and sorts on are plain; the rest are getters that
 * build once and keep the result. Serialisers that only take plain objects (Remix single fetch)
 * get `plainFlag(flag)`; JSON.stringify uses `toJSON`.
 */
class EvaluatedFlag implements Flag {
  dismissal: FlagDismissal | null = null;
  readonly #e: Evaluation;
  /** Which kind of key (KIND), the subject's index in its rows, and the rule's own detail (bits or variant). */
  readonly #kind: number;
  readonly #ix: number;
  readonly #detail: number;
  /** Place of the key among all possible keys (prepare.ts), -1 when they could not be ranked. */
  readonly #pos: number;
  #key: string | null = null;
  #fingerprint: string | null = null;
  #details: Details | null = null;

  constructor(
    e: Evaluation,
    kind: number,
    ix: number,
    detail: number,
    pos: number,
    readonly rule: FlagRule,
    readonly severity: FlagSeverity,
    readonly score: number,
    readonly regionId: number | null,
    readonly agendaId: number | null,
    readonly since: number | null,
    readonly ageDays: number,
  ) {
    this.#e = e;
    this.#kind = kind;
    this.#ix = ix;
    this.#detail = detail;
    this.#pos = pos;
  }

  get key(): string {
    return (this.#key ??= keyPrefixes[this.#kind] + subjectOf(this.#e, this.#kind, this.#ix));
  }
  get fingerprint(): string {
    return (this.#fingerprint ??= fingerprintOf(this.#e, this.#kind, this.#ix, this.#detail));
  }
  get regionIds(): readonly number[] {
    if (this.regionId !== null) return regionIdsOf(this.#e, this.regionId);
    return this.#e.p.groups[this.#ix].regionIds;
  }
  get subject() {
    return this.#built().subject;
  }
  get explanation() {
    return this.#built().explanation;
  }
  get figures() {
    return this.#built().figures;
  }
  get threshold() {
    return this.#built().threshold;
  }
  get links() {
    return this.#built().links;
  }
  toJSON(): Flag {
    return plainFlag(this);
  }
  #built(): Details {
    return (this.#details ??= detailsOf(this.#e, this.#kind, this.#ix, this.#detail, this));
  }

  /**
   * Marks the dismissals that hold and sorts: national bottlenecks first, then by severity, score,
   * age, and key. When the keys are ranked (prepare.ts) each flag's order is one exact integer,
   * rank and key position packed together, and the flags are sorted as numbers.
   */
  static finish(flags: EvaluatedFlag[], e: Evaluation): Flag[] {
    const kp = e.p.keyPos;
    if (!kp) return EvaluatedFlag.finishByKey(flags, e);
    const slot = new Int32Array(kp.total); // flag index + 1 at its key position
    const order = new Float64Array(flags.length);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i];
      const score = Math.min(f.score, 9999);
      const age = Math.min(f.ageDays, 99_999);
      if (!(Number.isInteger(score) && score >= 0 && Number.isInteger(age) && age >= 0)) return EvaluatedFlag.finishByKey(flags, e);
      slot[f.#pos] = i + 1;
      order[i] = (RANK_LIMIT - ((f.regionId === null ? 4 : 0) + severityRank[f.severity]) * 1e9 - score * 1e5 - age) * MAX_KEY_POSITIONS + f.#pos;
    }
    for (const { dismissal, pos } of e.p.dismissals) {
      const i = pos === -1 ? 0 : slot[pos];
      if (i && dismissalHolds(flags[i - 1], dismissal, e.at)) flags[i - 1].dismissal = dismissal;
    }
    order.sort();
    const sorted: Flag[] = new Array(flags.length);
    for (let i = 0; i < order.length; i++) sorted[i] = flags[slot[order[i] % MAX_KEY_POSITIONS] - 1];
    return sorted;
  }

  /** The same by comparing keys, for inputs whose keys could not be ranked (repeated ids, very many rows). */
  static finishByKey(flags: EvaluatedFlag[], e: Evaluation): Flag[] {
    const byKey = new Map(flags.map((f) => [f.key, f]));
    for (const { dismissal } of e.p.dismissals) {
      const f = byKey.get(dismissal.flagKey);
      if (f && dismissalHolds(f, dismissal, e.at)) f.dismissal = dismissal;
    }
    return flags.sort(compareFlags);
  }
}
// Above every rank below: (4 + 3) × 1e9 + 9999 × 1e5 + 99,999. Times MAX_KEY_POSITIONS it stays below 2^53.
const RANK_LIMIT = 8e9;

export function evaluateFlags(inputs: FlagInputs, thresholds: Thresholds = THRESHOLDS, now: number | Date = Date.now()): Flag[] {
  const at = typeof now === "number" ? now : now.getTime();
  const p = preparedFor(inputs);
  const e: Evaluation = { inputs, p, t: thresholds, at, today: dutchDate(at), regionIds: new Map() };
  const kp = p.keyPos;
  const pos = (kind: number, ranks: Int32Array | undefined, ix: number) => (kp && ranks ? kp.offsets[kind] + ranks[ix] : -1);
  const flags: EvaluatedFlag[] = [];
  const add = (
    kind: number,
    ix: number,
    detail: number,
    keyPos: number,
    rule: FlagRule,
    severity: FlagSeverity,
    score: number,
    regionId: number | null,
    agendaId: number | null,
    since: number | null,
  ) => {
    flags.push(new EvaluatedFlag(e, kind, ix, detail, keyPos, rule, severity, score, regionId, agendaId, since, since === null ? 0 : Math.max(0, days(at - since))));
  };
  const ageStep = (ageDays: number) => Math.max(1, Math.floor(ageDays / thresholds.ageStepDays));

  // Rule 1: a severe barrier open too long.
  const { barriers, items, regions, agendas, proposals } = inputs;
  const highBarrierMs = thresholds.highBarrierOpenDays * DAY_MS;
  for (let n = 0; n < p.openBarriers.length; n++) {
    const b = barriers[p.openBarriers[n]];
    if (b.severity !== "hoog" || !(at - b.createdAt > highBarrierMs)) continue;
    add(KIND.barrier, n, 0, pos(KIND.barrier, kp?.barrier, n), "high-barrier", "hoog", ageStep(days(at - b.createdAt)), p.barrierRegion[n], b.agendaId, b.createdAt);
  }

  // Rule 2: the same type of barrier open in many regions.
  for (let g = 0; g < p.groups.length; g++) {
    const group = p.groups[g];
    if (group.regionIds.length < thresholds.nationalBottleneckRegions) continue;
    add(KIND.type, g, 0, pos(KIND.type, kp?.type, g), "national-bottleneck", "hoog", group.regionIds.length, null, null, group.since);
  }

  const priorityUnchangedMs = thresholds.priorityUnchangedDays * DAY_MS;
  for (let n = 0; n < p.liveItems.length; n++) {
    const i = p.liveItems[n];
    const item = items[i];
    if (item.status === "gestopt") continue;
    const regionId = p.itemRegion[i];

    if (item.status === "prioriteit") {
      // Rule 3: a priority that stalls.
      let reasons = 0;
      let count = 0;
      let since = Infinity;
      if (item.endDate && item.endDate < e.today) {
        reasons |= END_DATE_PASSED;
        count++;
        if (Number.isFinite(p.endMs[i])) since = p.endMs[i];
      }
      if (at - item.changedAt > priorityUnchangedMs) {
        reasons |= UNCHANGED;
        count++;
        since = Math.min(since, item.changedAt);
      }
      if (!p.hasLead[i]) {
        reasons |= NO_LEAD;
        count++;
        since = Math.min(since, item.changedAt);
      }
      if (count) add(KIND.stalled, i, reasons, pos(KIND.stalled, kp?.item, i), "stalled-priority", count >= 2 ? "hoog" : "middel", count, regionId, item.agendaId, since);

      // Rule 4: a priority whose saving rests on weak evidence or none.
      if (p.bestEvidence[i] <= thresholds.weakEvidenceLevel) {
        const variant = p.linkCount[i] === 0 ? 0 : p.ratedCount[i] === 0 ? 1 : 2;
        add(KIND.weakEvidence, i, variant, pos(KIND.weakEvidence, kp?.item, i), "weak-evidence", variant === 2 ? "laag" : "middel", variant === 2 ? 1 : 2, regionId, item.agendaId, item.changedAt);
      }
    }

    // Rule 7: start with the why, with the people who do the work.
    const lacks = (item.hasWhy ? 0 : NO_WHY) | (item.professionalsInvolved === null || item.professionalsInvolved === "nee" ? NO_PROFESSIONALS : 0);
    if (lacks) add(KIND.itemBasics, i, lacks, pos(KIND.itemBasics, kp?.item, i), "item-basics", "laag", lacks === 3 ? 2 : 1, regionId, item.agendaId, item.changedAt);
  }

  // Rule 5: the region's projected saving against its target.
  for (let ix = 0; ix < regions.length; ix++) {
    const r = regions[ix];
    const { share, target } = regionShare(p, r.id);
    if (!(target.fte > 0) || share >= thresholds.targetShare) continue;
    // Percentage points short of the target: rises as soon as the projection drops.
    add(KIND.region, ix, 0, pos(KIND.region, kp?.region, ix), "below-target", share < thresholds.targetShareSevere ? "hoog" : "middel", 100 - Math.round(share * 100), r.id, null, null);
  }

  // Rule 6: board decisions that do not come.
  for (let ix = 0; ix < agendas.length; ix++) {
    const a = agendas[ix];
    if (a.status === "gearchiveerd" || p.adoptedAgendaIds.has(a.id)) continue;
    const active = a.status === "actief";
    add(KIND.agenda, ix, 0, pos(KIND.agenda, kp?.agenda, ix), "board-decision", active ? "middel" : "laag", active ? 2 : 1, a.regionId, a.id, a.createdAt);
  }
  const proposalWaitingMs = thresholds.proposalWaitingDays * DAY_MS;
  for (let ix = 0; ix < proposals.length; ix++) {
    const pr = proposals[ix];
    if (pr.status !== "open") continue;
    const waited = at - pr.createdAt;
    if (waited <= proposalWaitingMs) continue;
    const agenda = p.agendaById.get(pr.agendaId);
    if (!agenda) continue;
    add(KIND.proposal, ix, 0, pos(KIND.proposal, kp?.proposal, ix), "board-decision", "middel", ageStep(days(waited)), agenda.regionId, pr.agendaId, pr.createdAt);
  }

  return EvaluatedFlag.finish(flags, e);
}

function regionShare(p: PreparedFlags, regionId: number) {
  const s = p.regionSaving.get(regionId)!;
  const target = p.regionTargets.get(regionId)!;
  return { s, target, share: s.expected / target.fte };
}

function regionIdsOf(e: Evaluation, regionId: number): readonly number[] {
  let ids = e.regionIds.get(regionId);
  if (!ids) e.regionIds.set(regionId, (ids = Object.freeze([regionId])));
  return ids;
}

function subjectOf(e: Evaluation, kind: number, ix: number): string | number {
  const { inputs, p } = e;
  switch (kind) {
    case KIND.region:
      return inputs.regions[ix].id;
    case KIND.agenda:
      return inputs.agendas[ix].id;
    case KIND.proposal:
      return inputs.proposals[ix].id;
    case KIND.barrier:
      return inputs.barriers[p.openBarriers[ix]].id;
    case KIND.type:
      return p.groups[ix].typeKey;
    default:
      return inputs.items[ix].id;
  }
}

/** Hash of the data the flag rests on, never of the clock: a change ends an acknowledgement. */
function fingerprintOf(e: Evaluation, kind: number, ix: number, detail: number): string {
  const { inputs, p } = e;
  switch (kind) {
    case KIND.barrier: {
      const b = inputs.barriers[p.openBarriers[ix]];
      return fingerprint(`high-barrier|${b.id}|${b.status}|${b.severity}|${b.typeKey}|${b.itemId}`);
    }
    case KIND.type: {
      const g = p.groups[ix];
      return fingerprint(`national-bottleneck|${g.typeKey}|${g.byId.map((b) => `${b.barrier.id}/${b.regionId}/${b.barrier.status}`).join(",")}`);
    }
    case KIND.stalled: {
      const item = inputs.items[ix];
      return fingerprint(`stalled-priority|${item.id}|${item.status}|${item.endDate}|${item.leadOrganisation.trim()}|${item.changedAt}`);
    }
    case KIND.weakEvidence:
      return fingerprint(`weak-evidence|${inputs.items[ix].id}|${weakVariants[detail]}|${p.linkCount[ix]}|${p.bestEvidence[ix]}`);
    case KIND.itemBasics: {
      const item = inputs.items[ix];
      return fingerprint(`item-basics|${item.id}|${detail & NO_WHY ? 1 : 0}|${item.professionalsInvolved}`);
    }
    case KIND.region: {
      const r = inputs.regions[ix];
      const { s, target } = regionShare(p, r.id);
      return fingerprint(`below-target|${r.id}|${round2(s.expected)}|${round2(target.fte)}`);
    }
    case KIND.agenda: {
      const a = inputs.agendas[ix];
      return fingerprint(`board-decision|${a.id}|${a.status}`);
    }
    default: {
      const pr = inputs.proposals[ix];
      return fingerprint(`board-decision|proposal|${pr.id}|${pr.status}|${pr.deadline}`);
    }
  }
}

/** Subject, explanation, figures, threshold and links: what the page, the CSV and the tests read. */
function detailsOf(e: Evaluation, kind: number, ix: number, detail: number, flag: Flag): Details {
  const { inputs, p, t, at } = e;
  const regionName = (id: number | null) => (id === null ? "" : (p.regionById.get(id)?.name ?? ""));
  const typeName = (key: string) => {
    const type = p.typeByKey.get(key);
    return type ? { nl: type.nameNl, en: type.nameEn } : { nl: key, en: key };
  };
  const itemTitle = (id: string) => {
    const i = p.itemIndex.get(id);
    return (i === undefined ? "" : inputs.items[i].title) || "—";
  };
  const anchor = (agendaId: number, itemId: string, regionId: number | null): FlagLink[] => [{ href: itemHref(agendaId, itemId), label: fixed("flags.link.item"), regionId }];

  switch (kind) {
    case KIND.barrier: {
      const b = inputs.barriers[p.openBarriers[ix]];
      const openDays = days(at - b.createdAt);
      const regionId = flag.regionId;
      return {
        subject: text("flags.subject.barrier", { type: typeName(b.typeKey), item: itemTitle(b.itemId) }),
        explanation: text("flags.explain.high-barrier", {
          type: typeName(b.typeKey),
          item: itemTitle(b.itemId),
          days: openDays,
          status: fixed("flags.barrierStatus." + b.status),
          threshold: t.highBarrierOpenDays,
        }),
        figures: [
          { label: "flags.figure.daysOpen", value: openDays },
          { label: "flags.figure.barrierSeverity", value: fixed("flags.severity." + b.severity) },
          { label: "flags.figure.barrierStatus", value: fixed("flags.barrierStatus." + b.status) },
        ],
        threshold: text("flags.threshold.high-barrier", { days: t.highBarrierOpenDays }),
        links: [
          { href: itemHref(b.agendaId, b.itemId), label: fixed("flags.link.passage"), regionId },
          { href: barrierHref(b.id), label: fixed("flags.link.barrier"), regionId },
        ],
      };
    }
    case KIND.type: {
      const g = p.groups[ix];
      const names = g.regionIds.map(regionName).sort((a, b) => a.localeCompare(b, "nl"));
      return {
        subject: text("flags.subject.barrierType", { type: typeName(g.typeKey) }),
        explanation: text("flags.explain.national-bottleneck", {
          type: typeName(g.typeKey),
          regions: g.regionIds.length,
          barriers: g.count,
          threshold: t.nationalBottleneckRegions,
        }),
        figures: [
          { label: "flags.figure.regions", value: g.regionIds.length },
          { label: "flags.figure.openBarriers", value: g.count },
          { label: "flags.figure.regionNames", value: names.join(", ") },
        ],
        threshold: text("flags.threshold.national-bottleneck", { regions: t.nationalBottleneckRegions }),
        links: g.byId.map(({ barrier: b, regionId }) => ({
          href: itemHref(b.agendaId, b.itemId),
          label: text("flags.link.barrierIn", { region: regionName(regionId), item: itemTitle(b.itemId) }),
          regionId,
        })),
      };
    }
    case KIND.stalled: {
      const item = inputs.items[ix];
      const unchanged = days(at - item.changedAt);
      const reasons: FlagText[] = [];
      if (detail & END_DATE_PASSED) reasons.push(text("flags.reason.endDatePassed", { endDate: item.endDate! }));
      if (detail & UNCHANGED) reasons.push(text("flags.reason.unchanged", { days: unchanged, threshold: t.priorityUnchangedDays }));
      if (detail & NO_LEAD) reasons.push(fixed("flags.reason.noLead"));
      return {
        subject: untitled(item.title),
        explanation: text("flags.explain.stalled-priority", { item: item.title || "—" }, reasons),
        figures: [
          { label: "flags.figure.endDate", value: item.endDate ?? "—" },
          { label: "flags.figure.daysUnchanged", value: unchanged },
          { label: "flags.figure.lead", value: item.leadOrganisation.trim() || "—" },
        ],
        threshold: text("flags.threshold.stalled-priority", { days: t.priorityUnchangedDays }),
        links: anchor(item.agendaId, item.id, flag.regionId),
      };
    }
    case KIND.weakEvidence: {
      const item = inputs.items[ix];
      return {
        subject: untitled(item.title),
        explanation: text(`flags.explain.weak-evidence.${weakVariants[detail]}`, { item: item.title || "—", level: t.weakEvidenceLevel }),
        figures: [
          { label: "flags.figure.links", value: p.linkCount[ix] },
          { label: "flags.figure.ratedLinks", value: p.ratedCount[ix] },
          { label: "flags.figure.bestEvidence", value: p.bestEvidence[ix] || "—" },
          { label: "flags.figure.itemFte", value: round2(p.ratedFte[ix]) },
        ],
        threshold: text("flags.threshold.weak-evidence", { level: t.weakEvidenceLevel }),
        links: anchor(item.agendaId, item.id, flag.regionId),
      };
    }
    case KIND.itemBasics: {
      const item = inputs.items[ix];
      const parts: FlagText[] = [];
      if (detail & NO_WHY) parts.push(fixed("flags.reason.noWhy"));
      if (detail & NO_PROFESSIONALS) parts.push(fixed(item.professionalsInvolved === "nee" ? "flags.reason.professionalsNo" : "flags.reason.professionalsUnknown"));
      return {
        subject: untitled(item.title),
        explanation: text("flags.explain.item-basics", { item: item.title || "—" }, parts),
        figures: [
          { label: "flags.figure.why", value: detail & NO_WHY ? "—" : "✓" },
          { label: "flags.figure.professionals", value: fixed("flags.professionals." + (item.professionalsInvolved ?? "unknown")) },
        ],
        threshold: fixed("flags.threshold.item-basics"),
        links: anchor(item.agendaId, item.id, flag.regionId),
      };
    }
    case KIND.region: {
      const r = inputs.regions[ix];
      const { s, target, share } = regionShare(p, r.id);
      const pct = Math.round(share * 100);
      return {
        subject: raw(r.name),
        explanation: text(`flags.explain.below-target.${target.source}`, {
          region: r.name,
          projected: round1(s.expected),
          target: round1(target.fte),
          pct,
          threshold: Math.round(t.targetShare * 100),
        }),
        figures: [
          { label: "flags.figure.projectedFte", value: round1(s.expected) },
          { label: "flags.figure.projectedRange", value: `${round1(s.low)}–${round1(s.high)}` },
          { label: "flags.figure.targetFte", value: round1(target.fte) },
          { label: "flags.figure.share", value: `${pct}%` },
        ],
        threshold: text("flags.threshold.below-target", { pct: Math.round(t.targetShare * 100) }),
        links: [
          s.agendaId !== null
            ? { href: regionSavingsHref(s.agendaId), label: fixed("flags.link.savings"), regionId: r.id }
            : { href: regionHref(r.slug), label: fixed("flags.link.region"), regionId: r.id },
        ],
      };
    }
    case KIND.agenda: {
      const a = inputs.agendas[ix];
      return {
        subject: raw(a.title),
        explanation: text(`flags.explain.board-decision.agenda.${a.status}`, { agenda: a.title }),
        figures: [{ label: "flags.figure.agendaStatus", value: fixed("agenda.status." + a.status) }],
        threshold: fixed("flags.threshold.board-decision.agenda"),
        links: [{ href: agendaHref(a.id), label: fixed("flags.link.agenda"), regionId: a.regionId }],
      };
    }
    default: {
      const pr = inputs.proposals[ix];
      const agenda = p.agendaById.get(pr.agendaId)!;
      const waitedDays = days(at - pr.createdAt);
      return {
        subject: text("flags.subject.proposal", { agenda: agenda.title }),
        explanation: text("flags.explain.board-decision.proposal", { agenda: agenda.title, days: waitedDays, threshold: t.proposalWaitingDays, deadline: dutchDate(pr.deadline) }),
        figures: [
          { label: "flags.figure.daysWaiting", value: waitedDays },
          { label: "flags.figure.deadline", value: dutchDate(pr.deadline) },
        ],
        threshold: text("flags.threshold.board-decision.proposal", { days: t.proposalWaitingDays }),
        links: [{ href: proposalHref(pr.agendaId, pr.id), label: fixed("flags.link.proposal"), regionId: flag.regionId }],
      };
    }
  }
}

/** The flag as a plain object with every field built, for serialisers that take only plain objects. */
export function plainFlag(f: Flag): Flag {
  if (!(f instanceof EvaluatedFlag)) return f;
  return {
    key: f.key,
    rule: f.rule,
    severity: f.severity,
    score: f.score,
    fingerprint: f.fingerprint,
    regionId: f.regionId,
    regionIds: [...f.regionIds],
    agendaId: f.agendaId,
    subject: f.subject,
    explanation: f.explanation,
    figures: f.figures,
    threshold: f.threshold,
    links: f.links,
    since: f.since,
    ageDays: f.ageDays,
    dismissal: f.dismissal,
  };
}

/** National bottlenecks first, then by severity, score, age; ties by key so the order is stable. */
export function compareFlags(a: Flag, b: Flag): number {
  return rank(b) - rank(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
// One number per flag keeps the comparison cheap; scores stay below 10,000 and ages below 100,000 days.
const rank = (f: Flag) =>
  (f.regionId === null ? 1e13 : 0) + severityRank[f.severity] * 1e12 + Math.min(f.score, 9999) * 1e8 + Math.min(f.ageDays, 99_999);

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

