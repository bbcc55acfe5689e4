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
import { dayNumber, KIND, keyPrefixes, LACKS_PROFESSIONALS, LACKS_WHY, OPEN_BARRIER_STATUSES, preparedFor, PRIORITY, STOPPED, type PreparedFlags } from "./prepare";
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

/**
 * One evaluation: the flags it decided, column by column (flag `f` is index `f` of each array), and
 * what their texts are built from later: the rows, the clock and the thresholds.
 */
type Evaluation = {
  inputs: FlagInputs;
  p: PreparedFlags;
  t: Thresholds;
  at: number;
  today: string;
  /** KIND + 8 × the rule's own detail (bits or variant), and the subject's index in its rows. */
  kindDetail: Int32Array;
  ix: Int32Array;
  severity: Uint8Array;
  score: Float64Array;
  /** NaN for null. */
  regionId: Float64Array;
  agendaId: Float64Array;
  since: Float64Array;
  ageDays: Float64Array;
  /** One array per region for `regionIds`, shared by that region's flags. */
  regionIds: Map<number, readonly number[]>;
};

type Details = Pick<Flag, "subject" | "explanation" | "figures" | "threshold" | "links">;

// Imported bindings read in the loops below are copied once: transpiled to CommonJS (tsx, vitest)
// every read of an imported binding is a getter call.
const { region: K_REGION, agenda: K_AGENDA, proposal: K_PROPOSAL, barrier: K_BARRIER, itemBasics: K_ITEM_BASICS, type: K_TYPE, stalled: K_STALLED, weakEvidence: K_WEAK } = KIND;
const [ITEM_PRIORITY, ITEM_STOPPED] = [PRIORITY, STOPPED];
const DAY = DAY_MS;
const ruleOfKind: readonly FlagRule[] = [
  "below-target",
  "board-decision",
  "board-decision",
  "high-barrier",
  "item-basics",
  "national-bottleneck",
  "stalled-priority",
  "weak-evidence",
];
// Severities as numbers: their rank (laag 1, middel 2, hoog 3).
const severities: readonly FlagSeverity[] = ["laag", "laag", "middel", "hoog"];
const [LAAG, MIDDEL, HOOG] = [severityRank.laag, severityRank.middel, severityRank.hoog];
const nullable = (v: number) => (Number.isNaN(v) ? null : v);

// Reasons a priority stalls (rule 3), as bits of its detail; what an item lacks (rule 7) is prepared.
const END_DATE_PASSED = 1;
const UNCHANGED = 2;
const NO_LEAD = 4;
const weakVariants = ["noLink", "unrated", "weak"] as const;

/**
 * A flag as evaluated: a handle on its evaluation's columns. Every field is a getter; texts, figures,
 * links, key and fingerprint are built on first read and kept. Serialisers that only take plain
 * objects (Remix single fetch) get `plainFlag(flag)`; JSON.stringify uses `toJSON`.
 */
class EvaluatedFlag implements Flag {
  dismissal: FlagDismissal | null = null;
  readonly #e: Evaluation;
  readonly #f: number;
  #built: { key?: string; fingerprint?: string; details?: Details } | null = null;

  constructor(e: Evaluation, f: number) {
    this.#e = e;
    this.#f = f;
  }

  get rule(): FlagRule {
    return ruleOfKind[this.#e.kindDetail[this.#f] & 7];
  }
  get severity(): FlagSeverity {
    return severities[this.#e.severity[this.#f]];
  }
  get score(): number {
    return this.#e.score[this.#f];
  }
  get regionId(): number | null {
    return nullable(this.#e.regionId[this.#f]);
  }
  get agendaId(): number | null {
    return nullable(this.#e.agendaId[this.#f]);
  }
  get since(): number | null {
    return nullable(this.#e.since[this.#f]);
  }
  get ageDays(): number {
    return this.#e.ageDays[this.#f];
  }
  get regionIds(): readonly number[] {
    const e = this.#e;
    const regionId = e.regionId[this.#f];
    if (Number.isNaN(regionId)) return e.p.groups[e.ix[this.#f]].regionIds;
    let ids = e.regionIds.get(regionId);
    if (!ids) e.regionIds.set(regionId, (ids = Object.freeze([regionId])));
    return ids;
  }
  get key(): string {
    const kind = this.#e.kindDetail[this.#f] & 7;
    return ((this.#built ??= {}).key ??= keyPrefixes[kind] + subjectOf(this.#e, kind, this.#e.ix[this.#f]));
  }
  get fingerprint(): string {
    const kd = this.#e.kindDetail[this.#f];
    return ((this.#built ??= {}).fingerprint ??= fingerprintOf(this.#e, kd & 7, this.#e.ix[this.#f], kd >> 3));
  }
  get subject() {
    return this.#details().subject;
  }
  get explanation() {
    return this.#details().explanation;
  }
  get figures() {
    return this.#details().figures;
  }
  get threshold() {
    return this.#details().threshold;
  }
  get links() {
    return this.#details().links;
  }
  toJSON(): Flag {
    return plainFlag(this);
  }
  #details(): Details {
    const kd = this.#e.kindDetail[this.#f];
    return ((this.#built ??= {}).details ??= detailsOf(this.#e, kd & 7, this.#e.ix[this.#f], kd >> 3, this));
  }
}

export function evaluateFlags(inputs: FlagInputs, thresholds: Thresholds = THRESHOLDS, now: number | Date = Date.now()): Flag[] {
  const at = typeof now === "number" ? now : now.getTime();
  const p = preparedFor(inputs);
  const { barriers, items, regions, agendas, proposals } = inputs;
  // Subjects are visited in key order when there is one (prepare.ts), else in input order. Each kind
  // of key writes its flags into its own stretch of the columns, so together they are in key order.
  const ko = p.keyOrder;
  const inOrder = (length: number) => {
    const order = new Int32Array(length);
    for (let i = 0; i < length; i++) order[i] = i;
    return order;
  };
  const regionOrder = ko ? ko.region : inOrder(regions.length);
  const agendaOrder = ko ? ko.agenda : inOrder(agendas.length);
  const proposalOrder = ko ? ko.proposal : inOrder(proposals.length);
  const barrierOrder = ko ? ko.barrier : inOrder(p.openBarriers.length);
  const itemOrder = ko ? ko.item : p.liveItems;
  const typeOrder = ko ? ko.type : inOrder(p.groups.length);
  const capacity = [regionOrder.length, agendaOrder.length, proposalOrder.length, barrierOrder.length, itemOrder.length, typeOrder.length, p.priorities, p.priorities];
  const start = new Int32Array(9);
  for (let kind = 0; kind < 8; kind++) start[kind + 1] = start[kind] + capacity[kind];
  const size = start[8];
  const e: Evaluation = {
    inputs,
    p,
    t: thresholds,
    at,
    today: dutchDate(at),
    kindDetail: new Int32Array(size),
    ix: new Int32Array(size),
    severity: new Uint8Array(size),
    score: new Float64Array(size),
    regionId: new Float64Array(size),
    agendaId: new Float64Array(size),
    since: new Float64Array(size),
    ageDays: new Float64Array(size),
    regionIds: new Map(),
  };
  // Place of each flag's key among all possible keys, to find dismissed flags.
  const keyPos = new Int32Array(size);
  const count = new Int32Array(8);
  const { kindDetail: kindDetailOf, ix: ixOf, severity: severityOf, score: scoreOf, regionId: regionOf, agendaId: agendaOf, since: sinceOf, ageDays: ageOf } = e;
  const add = (kind: number, k: number, ix: number, detail: number, severity: number, score: number, regionId: number, agendaId: number, since: number) => {
    const f = start[kind] + count[kind]++;
    kindDetailOf[f] = kind + 8 * detail;
    ixOf[f] = ix;
    severityOf[f] = severity;
    scoreOf[f] = score;
    regionOf[f] = regionId;
    agendaOf[f] = agendaId;
    sinceOf[f] = since;
    ageOf[f] = since === since ? Math.max(0, Math.floor((at - since) / DAY)) : 0; // NaN: no start
    keyPos[f] = k;
  };
  const ageStep = (ageDays: number) => Math.max(1, Math.floor(ageDays / thresholds.ageStepDays));

  // Rule 5: the region's projected saving against its target.
  for (let k = 0; k < regionOrder.length; k++) {
    const ix = regionOrder[k];
    const { share, target } = regionShare(p, regions[ix].id);
    if (!(target.fte > 0) || share >= thresholds.targetShare) continue;
    // Percentage points short of the target: rises as soon as the projection drops.
    add(K_REGION, k, ix, 0, share < thresholds.targetShareSevere ? HOOG : MIDDEL, 100 - Math.round(share * 100), regions[ix].id, NaN, NaN);
  }

  // Rule 6: board decisions that do not come.
  for (let k = 0; k < agendaOrder.length; k++) {
    const a = agendas[agendaOrder[k]];
    if (a.status === "gearchiveerd" || p.adoptedAgendaIds.has(a.id)) continue;
    const active = a.status === "actief";
    add(K_AGENDA, k, agendaOrder[k], 0, active ? MIDDEL : LAAG, active ? 2 : 1, a.regionId, a.id, a.createdAt);
  }
  const proposalWaitingMs = thresholds.proposalWaitingDays * DAY;
  for (let k = 0; k < proposalOrder.length; k++) {
    const pr = proposals[proposalOrder[k]];
    if (pr.status !== "open") continue;
    const waited = at - pr.createdAt;
    if (waited <= proposalWaitingMs) continue;
    const agenda = p.agendaById.get(pr.agendaId);
    if (!agenda) continue;
    add(K_PROPOSAL, k, proposalOrder[k], 0, MIDDEL, ageStep(Math.floor(waited / DAY)), agenda.regionId, pr.agendaId, pr.createdAt);
  }

  // Rule 1: a severe barrier open too long.
  const highBarrierMs = thresholds.highBarrierOpenDays * DAY;
  for (let k = 0; k < barrierOrder.length; k++) {
    const n = barrierOrder[k];
    const b = barriers[p.openBarriers[n]];
    if (b.severity !== "hoog" || !(at - b.createdAt > highBarrierMs)) continue;
    add(K_BARRIER, k, n, 0, HOOG, ageStep(Math.floor((at - b.createdAt) / DAY)), p.barrierRegion[n], b.agendaId, b.createdAt);
  }

  // Rule 2: the same type of barrier open in many regions.
  for (let k = 0; k < typeOrder.length; k++) {
    const group = p.groups[typeOrder[k]];
    if (group.regionIds.length < thresholds.nationalBottleneckRegions) continue;
    add(K_TYPE, k, typeOrder[k], 0, HOOG, group.regionIds.length, NaN, NaN, group.since);
  }

  const priorityUnchangedMs = thresholds.priorityUnchangedDays * DAY;
  const { itemState, itemRegion, itemAgenda, changedAt, lacks, endDay, endMs, hasLead, bestEvidence, linkCount, ratedCount } = p;
  // Today as YYYYMMDD (dayNumber): an end date before it has passed.
  const today = dayNumber(e.today);
  for (let k = 0; k < itemOrder.length; k++) {
    const i = itemOrder[k];
    const state = itemState[i];
    if (state === ITEM_STOPPED) continue;

    if (state === ITEM_PRIORITY) {
      // Rule 3: a priority that stalls.
      let reasons = 0;
      let count = 0;
      let since = Infinity;
      const end = endDay[i];
      if (Number.isNaN(end) || Number.isNaN(today) ? items[i].endDate && items[i].endDate! < e.today : end < today) {
        reasons |= END_DATE_PASSED;
        count++;
        if (Number.isFinite(endMs[i])) since = endMs[i];
      }
      if (at - changedAt[i] > priorityUnchangedMs) {
        reasons |= UNCHANGED;
        count++;
        since = Math.min(since, changedAt[i]);
      }
      if (!hasLead[i]) {
        reasons |= NO_LEAD;
        count++;
        since = Math.min(since, changedAt[i]);
      }
      if (count) add(K_STALLED, k, i, reasons, count >= 2 ? HOOG : MIDDEL, count, itemRegion[i], itemAgenda[i], since);

      // Rule 4: a priority whose saving rests on weak evidence or none.
      if (bestEvidence[i] <= thresholds.weakEvidenceLevel) {
        const variant = linkCount[i] === 0 ? 0 : ratedCount[i] === 0 ? 1 : 2;
        add(K_WEAK, k, i, variant, variant === 2 ? LAAG : MIDDEL, variant === 2 ? 1 : 2, itemRegion[i], itemAgenda[i], changedAt[i]);
      }
    }

    // Rule 7: start with the why, with the people who do the work.
    const lack = lacks[i];
    if (lack) add(K_ITEM_BASICS, k, i, lack, LAAG, lack === 3 ? 2 : 1, itemRegion[i], itemAgenda[i], changedAt[i]);
  }

  return finish(e, start, count, ko ? ko.offsets : null, keyPos);
}

/**
 * Marks the dismissals that hold and sorts: national bottlenecks first, then by severity, score,
 * age, and key. The flags are in key order when the keys could be ordered (prepare.ts), so two
 * stable counting sorts finish the job: by age, then by national, severity and score.
 */
function finish(e: Evaluation, start: Int32Array, count: Int32Array, offsets: Int32Array | null, keyPos: Int32Array): Flag[] {
  let n = 0;
  for (let kind = 0; kind < 8; kind++) n += count[kind];
  // The flags in key order (or, without one, in the order found).
  const order = new Int32Array(n);
  for (let kind = 0, m = 0; kind < 8; kind++) for (let f = start[kind]; f < start[kind] + count[kind]; f++) order[m++] = f;

  // Sort keys: how much younger than the oldest, and how much less bad than the worst.
  const age = new Int32Array(n);
  const rank = new Int32Array(n);
  const { score: scoreOf, ageDays: ageOf, regionId: regionOf, severity: severityOf } = e;
  let maxScore = 0;
  let maxAge = 0;
  let countable = offsets !== null;
  for (let m = 0; m < n && countable; m++) {
    const f = order[m];
    const score = Math.min(scoreOf[f], 9999);
    age[m] = Math.min(ageOf[f], 99_999);
    rank[m] = score;
    countable = Number.isInteger(score) && score >= 0 && Number.isInteger(age[m]);
    if (score > maxScore) maxScore = score;
    if (age[m] > maxAge) maxAge = age[m];
  }
  if (!countable) {
    const flags = Array.from(order, (f) => new EvaluatedFlag(e, f));
    const byKey = new Map(flags.map((f) => [f.key, f]));
    for (const { dismissal } of e.p.dismissals) {
      const f = byKey.get(dismissal.flagKey);
      if (f && dismissalHolds(f, dismissal, e.at)) f.dismissal = dismissal;
    }
    return flags.sort(compareFlags);
  }
  for (let m = 0; m < n; m++) {
    const f = order[m];
    age[m] = maxAge - age[m];
    rank[m] = (7 - ((regionOf[f] === regionOf[f] ? 0 : 4) + severityOf[f])) * (maxScore + 1) + (maxScore - rank[m]); // NaN: national
  }

  // Flags and dismissals are both in key order: one merge finds each dismissed flag.
  const dismissals = e.p.dismissals;
  const dismissal = new Int32Array(n); // index into dismissals + 1, at the flag's place in `order`
  for (let m = 0, d = 0; m < n && d < dismissals.length; m++) {
    const f = order[m];
    const pos = offsets![e.kindDetail[f] & 7] + keyPos[f];
    while (d < dismissals.length && dismissals[d].pos < pos) d++;
    if (d < dismissals.length && dismissals[d].pos === pos && dismissalHolds(new EvaluatedFlag(e, f), dismissals[d].dismissal, e.at)) dismissal[m] = d + 1;
  }

  // Places in `order`, sorted by age, then (stable) by rank: worse first, ties in key order.
  const byAge = countingSort(age, maxAge + 1, null);
  const byRank = countingSort(rank, 8 * (maxScore + 1), byAge);
  const sorted: Flag[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const m = byRank[k];
    const flag = new EvaluatedFlag(e, order[m]);
    if (dismissal[m]) flag.dismissal = dismissals[dismissal[m] - 1].dismissal;
    sorted[k] = flag;
  }
  return sorted;
}

/** Indexes 0..n-1 (in the order of `within`, if given) sorted by `bucket`; stable. */
function countingSort(bucket: Int32Array, buckets: number, within: Int32Array | null): Int32Array {
  const n = bucket.length;
  const counts = new Int32Array(buckets + 1);
  for (let m = 0; m < n; m++) counts[bucket[m] + 1]++;
  for (let b = 0; b < buckets; b++) counts[b + 1] += counts[b];
  const sorted = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const m = within ? within[k] : k;
    sorted[counts[bucket[m]]++] = m;
  }
  return sorted;
}

function regionShare(p: PreparedFlags, regionId: number) {
  const s = p.regionSaving.get(regionId)!;
  const target = p.regionTargets.get(regionId)!;
  return { s, target, share: s.expected / target.fte };
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
      return fingerprint(`item-basics|${item.id}|${detail & LACKS_WHY ? 1 : 0}|${item.professionalsInvolved}`);
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
      if (detail & LACKS_WHY) parts.push(fixed("flags.reason.noWhy"));
      if (detail & LACKS_PROFESSIONALS) parts.push(fixed(item.professionalsInvolved === "nee" ? "flags.reason.professionalsNo" : "flags.reason.professionalsUnknown"));
      return {
        subject: untitled(item.title),
        explanation: text("flags.explain.item-basics", { item: item.title || "—" }, parts),
        figures: [
          { label: "flags.figure.why", value: detail & LACKS_WHY ? "—" : "✓" },
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

