// The seven bottleneck rules, as one pure pass over rows loaded in a few set-based queries
// (app/models/flags.server.ts). No I/O: the same inputs and `now` give the same flags, which is what
// the unit tests and the benchmark rely on.
import { countsTowardsTotal, projectSaving, regionTarget, type RatingInput } from "../savings";
import { fingerprint } from "./fingerprint";
import { agendaHref, barrierHref, itemHref, proposalHref, regionHref, regionSavingsHref } from "./links";
import { DAY_MS, THRESHOLDS, type Thresholds } from "./thresholds";
import { severityRank, type Flag, type FlagDismissal, type FlagInputs, type FlagText } from "./types";

/** Barrier statuses that still need work. */
export const OPEN_BARRIER_STATUSES: ReadonlySet<string> = new Set(["open", "in_behandeling", "geescaleerd"]);

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

export function evaluateFlags(inputs: FlagInputs, thresholds: Thresholds = THRESHOLDS, now: number | Date = Date.now()): Flag[] {
  const at = typeof now === "number" ? now : now.getTime();
  const today = dutchDate(at);
  const flags: Flag[] = [];
  const thresholdWeakEvidence = text("flags.threshold.weak-evidence", { level: thresholds.weakEvidenceLevel });
  const thresholdStalledPriority = text("flags.threshold.stalled-priority", { days: thresholds.priorityUnchangedDays });
  const thresholdNationalBottleneck = text("flags.threshold.national-bottleneck", { regions: thresholds.nationalBottleneckRegions });
  const thresholdHighBarrier = text("flags.threshold.high-barrier", { days: thresholds.highBarrierOpenDays });

  const regionById = new Map(inputs.regions.map((r) => [r.id, r]));
  const agendaById = new Map(inputs.agendas.map((a) => [a.id, a]));
  const itemById = new Map(inputs.items.map((i) => [i.id, i]));
  const typeByKey = new Map(inputs.barrierTypes.map((t) => [t.key, t]));
  const regionOfAgenda = (agendaId: number) => agendaById.get(agendaId)?.regionId ?? null;
  const regionName = (id: number | null) => (id === null ? "" : (regionById.get(id)?.name ?? ""));
  const typeName = (key: string) => {
    const t = typeByKey.get(key);
    return t ? { nl: t.nameNl, en: t.nameEn } : { nl: key, en: key };
  };
  const ageStep = (ageDays: number) => Math.max(1, Math.floor(ageDays / thresholds.ageStepDays));

  // One object literal for every flag: one hidden class, so sorting and rendering stay monomorphic.
  const push = (f: Omit<Flag, "ageDays" | "dismissal" | "regionIds"> & { regionIds?: number[] }) => {
    flags.push({
      key: f.key,
      rule: f.rule,
      severity: f.severity,
      score: f.score,
      fingerprint: f.fingerprint,
      regionId: f.regionId,
      regionIds: f.regionIds ?? (f.regionId === null ? [] : [f.regionId]),
      agendaId: f.agendaId,
      subject: f.subject,
      explanation: f.explanation,
      figures: f.figures,
      threshold: f.threshold,
      links: f.links,
      since: f.since,
      ageDays: f.since === null ? 0 : Math.max(0, days(at - f.since)),
      dismissal: null,
    });
  };

  // Rules 1 and 2: barriers.
  const openByType = new Map<string, Array<FlagInputs["barriers"][number] & { regionId: number }>>();
  for (const b of inputs.barriers) {
    if (!OPEN_BARRIER_STATUSES.has(b.status)) continue;
    const regionId = regionOfAgenda(b.agendaId);
    if (regionId === null) continue;
    let list = openByType.get(b.typeKey);
    if (!list) openByType.set(b.typeKey, (list = []));
    list.push({ ...b, regionId });

    const openDays = days(at - b.createdAt);
    if (b.severity === "hoog" && at - b.createdAt > thresholds.highBarrierOpenDays * DAY_MS) {
      const item = itemById.get(b.itemId);
      push({
        key: `high-barrier:barrier-${b.id}`,
        rule: "high-barrier",
        severity: "hoog",
        score: ageStep(openDays),
        fingerprint: fingerprint(`high-barrier|${b.id}|${b.status}|${b.severity}|${b.typeKey}|${b.itemId}`),
        regionId,
        agendaId: b.agendaId,
        subject: text("flags.subject.barrier", { type: typeName(b.typeKey), item: item?.title || "—" }),
        explanation: text("flags.explain.high-barrier", {
          type: typeName(b.typeKey),
          item: item?.title || "—",
          days: openDays,
          status: fixed("flags.barrierStatus." + b.status),
          threshold: thresholds.highBarrierOpenDays,
        }),
        figures: [
          { label: "flags.figure.daysOpen", value: openDays },
          { label: "flags.figure.barrierSeverity", value: fixed("flags.severity." + b.severity) },
          { label: "flags.figure.barrierStatus", value: fixed("flags.barrierStatus." + b.status) },
        ],
        threshold: thresholdHighBarrier,
        links: [
          { href: itemHref(b.agendaId, b.itemId), label: fixed("flags.link.passage"), regionId },
          { href: barrierHref(b.id), label: fixed("flags.link.barrier"), regionId },
        ],
        since: b.createdAt,
      });
    }
  }
  for (const [typeKey, list] of openByType) {
    const regionIds = [...new Set(list.map((b) => b.regionId))].sort((a, b) => a - b);
    if (regionIds.length < thresholds.nationalBottleneckRegions) continue;
    const names = regionIds.map(regionName).sort((a, b) => a.localeCompare(b, "nl"));
    const sorted = [...list].sort((a, b) => a.id - b.id);
    push({
      key: `national-bottleneck:type-${typeKey}`,
      rule: "national-bottleneck",
      severity: "hoog",
      score: regionIds.length,
      fingerprint: fingerprint(`national-bottleneck|${typeKey}|${sorted.map((b) => `${b.id}/${b.regionId}/${b.status}`).join(",")}`),
      regionId: null,
      regionIds,
      agendaId: null,
      subject: text("flags.subject.barrierType", { type: typeName(typeKey) }),
      explanation: text("flags.explain.national-bottleneck", {
        type: typeName(typeKey),
        regions: regionIds.length,
        barriers: list.length,
        threshold: thresholds.nationalBottleneckRegions,
      }),
      figures: [
        { label: "flags.figure.regions", value: regionIds.length },
        { label: "flags.figure.openBarriers", value: list.length },
        { label: "flags.figure.regionNames", value: names.join(", ") },
      ],
      threshold: thresholdNationalBottleneck,
      links: sorted.map((b) => ({
        href: itemHref(b.agendaId, b.itemId),
        label: text("flags.link.barrierIn", { region: regionName(b.regionId), item: itemById.get(b.itemId)?.title || "—" }),
        regionId: b.regionId,
      })),
      since: Math.min(...list.map((b) => b.createdAt)),
    });
  }

  // Savings per item from the catalogue's ratings (the savings domain does the arithmetic).
  const ratingsByInnovation = new Map<number, RatingInput[]>();
  for (const r of inputs.ratings) {
    let list = ratingsByInnovation.get(r.innovationId);
    if (!list) ratingsByInnovation.set(r.innovationId, (list = []));
    list.push(r);
  }
  const perUnitProjection = new Map<number, Partial<Record<"clients" | "fte", ReturnType<typeof projectSaving>>>>();
  const linksByItem = new Map<string, Array<{ fte: number; low: number; high: number; evidenceLevel: number } | null>>();
  for (const l of inputs.links) {
    const item = itemById.get(l.itemId);
    if (!item || item.agendaId !== l.agendaId) continue;
    // A projection is linear in reach: project one unit of reach once per innovation and unit, then scale.
    let byUnit = perUnitProjection.get(l.innovationId);
    if (!byUnit) perUnitProjection.set(l.innovationId, (byUnit = {}));
    const perUnit = (byUnit[l.reachUnit] ??= projectSaving(ratingsByInnovation.get(l.innovationId) ?? [], 1, l.reachUnit));
    const reach = Math.max(0, l.reach);
    let list = linksByItem.get(l.itemId);
    if (!list) linksByItem.set(l.itemId, (list = []));
    list.push(
      perUnit.ok
        ? { fte: perUnit.fte.expected * reach, low: perUnit.fte.low * reach, high: perUnit.fte.high * reach, evidenceLevel: perUnit.evidenceLevel }
        : null,
    );
  }

  const regionSaving = new Map<number, { expected: number; low: number; high: number; agendaId: number | null }>();
  for (const r of inputs.regions) regionSaving.set(r.id, { expected: 0, low: 0, high: 0, agendaId: null });
  for (const a of inputs.agendas) {
    if (a.status === "gearchiveerd") continue;
    const s = regionSaving.get(a.regionId);
    if (s && (s.agendaId === null || a.status === "actief")) s.agendaId = a.id;
  }

  for (const item of inputs.items) {
    const agenda = agendaById.get(item.agendaId);
    if (!agenda || agenda.status === "gearchiveerd") continue;
    const regionId = agenda.regionId;
    const projections = linksByItem.get(item.id) ?? [];
    if (countsTowardsTotal(item.status)) {
      const s = regionSaving.get(regionId);
      if (s) {
        for (const p of projections) {
          if (!p) continue;
          s.expected += p.fte;
          s.low += p.low;
          s.high += p.high;
        }
      }
    }
    if (item.status === "gestopt") continue;
    const anchor = () => [{ href: itemHref(item.agendaId, item.id), label: fixed("flags.link.item"), regionId }];

    if (item.status === "prioriteit") {
      // Rule 3: a priority that stalls.
      const reasons: FlagText[] = [];
      const starts: number[] = [];
      if (item.endDate && item.endDate < today) {
        reasons.push(text("flags.reason.endDatePassed", { endDate: item.endDate }));
        const end = Date.parse(item.endDate);
        if (Number.isFinite(end)) starts.push(end);
      }
      const unchanged = days(at - item.changedAt);
      if (at - item.changedAt > thresholds.priorityUnchangedDays * DAY_MS) {
        reasons.push(text("flags.reason.unchanged", { days: unchanged, threshold: thresholds.priorityUnchangedDays }));
        starts.push(item.changedAt);
      }
      if (!item.leadOrganisation.trim()) {
        reasons.push(fixed("flags.reason.noLead"));
        starts.push(item.changedAt);
      }
      if (reasons.length) {
        push({
          key: `stalled-priority:item-${item.id}`,
          rule: "stalled-priority",
          severity: reasons.length >= 2 ? "hoog" : "middel",
          score: reasons.length,
          fingerprint: fingerprint(`stalled-priority|${item.id}|${item.status}|${item.endDate}|${item.leadOrganisation.trim()}|${item.changedAt}`),
          regionId,
          agendaId: item.agendaId,
          subject: untitled(item.title),
          explanation: text("flags.explain.stalled-priority", { item: item.title || "—" }, reasons),
          figures: [
            { label: "flags.figure.endDate", value: item.endDate ?? "—" },
            { label: "flags.figure.daysUnchanged", value: unchanged },
            { label: "flags.figure.lead", value: item.leadOrganisation.trim() || "—" },
          ],
          threshold: thresholdStalledPriority,
          links: anchor(),
          since: Math.min(...starts),
        });
      }

      // Rule 4: a priority whose saving rests on weak evidence or none.
      const rated = projections.filter((p): p is NonNullable<typeof p> => p !== null);
      const bestEvidence = rated.reduce((m, p) => Math.max(m, p.evidenceLevel), 0);
      if (bestEvidence <= thresholds.weakEvidenceLevel) {
        const variant = projections.length === 0 ? "noLink" : rated.length === 0 ? "unrated" : "weak";
        push({
          key: `weak-evidence:item-${item.id}`,
          rule: "weak-evidence",
          severity: variant === "weak" ? "laag" : "middel",
          score: variant === "weak" ? 1 : 2,
          fingerprint: fingerprint(`weak-evidence|${item.id}|${variant}|${projections.length}|${bestEvidence}`),
          regionId,
          agendaId: item.agendaId,
          subject: untitled(item.title),
          explanation: text(`flags.explain.weak-evidence.${variant}`, { item: item.title || "—", level: thresholds.weakEvidenceLevel }),
          figures: [
            { label: "flags.figure.links", value: projections.length },
            { label: "flags.figure.ratedLinks", value: rated.length },
            { label: "flags.figure.bestEvidence", value: bestEvidence || "—" },
            { label: "flags.figure.itemFte", value: round2(rated.reduce((s, p) => s + p.fte, 0)) },
          ],
          threshold: thresholdWeakEvidence,
          links: anchor(),
          since: item.changedAt,
        });
      }
    }

    // Rule 7: start with the why, with the people who do the work.
    const missingWhy = !item.hasWhy;
    const missingProfessionals = item.professionalsInvolved === null || item.professionalsInvolved === "nee";
    if (missingWhy || missingProfessionals) {
      const parts: FlagText[] = [];
      if (missingWhy) parts.push(fixed("flags.reason.noWhy"));
      if (missingProfessionals) parts.push(fixed(item.professionalsInvolved === "nee" ? "flags.reason.professionalsNo" : "flags.reason.professionalsUnknown"));
      push({
        key: `item-basics:item-${item.id}`,
        rule: "item-basics",
        severity: "laag",
        score: parts.length,
        fingerprint: fingerprint(`item-basics|${item.id}|${missingWhy ? 1 : 0}|${item.professionalsInvolved}`),
        regionId,
        agendaId: item.agendaId,
        subject: untitled(item.title),
        explanation: text("flags.explain.item-basics", { item: item.title || "—" }, parts),
        figures: [
          { label: "flags.figure.why", value: missingWhy ? "—" : "✓" },
          { label: "flags.figure.professionals", value: fixed("flags.professionals." + (item.professionalsInvolved ?? "unknown")) },
        ],
        threshold: fixed("flags.threshold.item-basics"),
        links: anchor(),
        since: item.changedAt,
      });
    }
  }

  // Rule 5: the region's projected saving against its target.
  for (const r of inputs.regions) {
    const s = regionSaving.get(r.id)!;
    const target = regionTarget(r);
    if (!(target.fte > 0)) continue;
    const share = s.expected / target.fte;
    if (share >= thresholds.targetShare) continue;
    const pct = Math.round(share * 100);
    push({
      key: `below-target:region-${r.id}`,
      rule: "below-target",
      severity: share < thresholds.targetShareSevere ? "hoog" : "middel",
      // Percentage points short of the target: rises as soon as the projection drops.
      score: 100 - pct,
      fingerprint: fingerprint(`below-target|${r.id}|${round2(s.expected)}|${round2(target.fte)}`),
      regionId: r.id,
      agendaId: null,
      subject: raw(r.name),
      explanation: text(`flags.explain.below-target.${target.source}`, {
        region: r.name,
        projected: round1(s.expected),
        target: round1(target.fte),
        pct,
        threshold: Math.round(thresholds.targetShare * 100),
      }),
      figures: [
        { label: "flags.figure.projectedFte", value: round1(s.expected) },
        { label: "flags.figure.projectedRange", value: `${round1(s.low)}–${round1(s.high)}` },
        { label: "flags.figure.targetFte", value: round1(target.fte) },
        { label: "flags.figure.share", value: `${pct}%` },
      ],
      threshold: text("flags.threshold.below-target", { pct: Math.round(thresholds.targetShare * 100) }),
      links: [
        s.agendaId !== null
          ? { href: regionSavingsHref(s.agendaId), label: fixed("flags.link.savings"), regionId: r.id }
          : { href: regionHref(r.slug), label: fixed("flags.link.region"), regionId: r.id },
      ],
      since: null,
    });
  }

  // Rule 6: board decisions that do not come.
  const adopted = new Set(inputs.adoptedAgendaIds);
  for (const a of inputs.agendas) {
    if (a.status === "gearchiveerd" || adopted.has(a.id)) continue;
    push({
      key: `board-decision:agenda-${a.id}`,
      rule: "board-decision",
      severity: a.status === "actief" ? "middel" : "laag",
      score: a.status === "actief" ? 2 : 1,
      fingerprint: fingerprint(`board-decision|${a.id}|${a.status}`),
      regionId: a.regionId,
      agendaId: a.id,
      subject: raw(a.title),
      explanation: text(`flags.explain.board-decision.agenda.${a.status}`, { agenda: a.title }),
      figures: [{ label: "flags.figure.agendaStatus", value: fixed("agenda.status." + a.status) }],
      threshold: fixed("flags.threshold.board-decision.agenda"),
      links: [{ href: agendaHref(a.id), label: fixed("flags.link.agenda"), regionId: a.regionId }],
      since: a.createdAt,
    });
  }
  for (const p of inputs.proposals) {
    if (p.status !== "open") continue;
    const waited = at - p.createdAt;
    if (waited <= thresholds.proposalWaitingDays * DAY_MS) continue;
    const regionId = regionOfAgenda(p.agendaId);
    if (regionId === null) continue;
    const waitedDays = days(waited);
    const agenda = agendaById.get(p.agendaId)!;
    push({
      key: `board-decision:proposal-${p.id}`,
      rule: "board-decision",
      severity: "middel",
      score: ageStep(waitedDays),
      fingerprint: fingerprint(`board-decision|proposal|${p.id}|${p.status}|${p.deadline}`),
      regionId,
      agendaId: p.agendaId,
      subject: text("flags.subject.proposal", { agenda: agenda.title }),
      explanation: text("flags.explain.board-decision.proposal", { agenda: agenda.title, days: waitedDays, threshold: thresholds.proposalWaitingDays, deadline: dutchDate(p.deadline) }),
      figures: [
        { label: "flags.figure.daysWaiting", value: waitedDays },
        { label: "flags.figure.deadline", value: dutchDate(p.deadline) },
      ],
      threshold: text("flags.threshold.board-decision.proposal", { days: thresholds.proposalWaitingDays }),
      links: [{ href: proposalHref(p.agendaId, p.id), label: fixed("flags.link.proposal"), regionId }],
      since: p.createdAt,
    });
  }

  const dismissals = new Map(inputs.dismissals.map((d) => [d.flagKey, d]));
  for (const f of flags) {
    const d = dismissals.get(f.key);
    if (d && dismissalHolds(f, d, at)) f.dismissal = d;
  }
  return flags.sort(compareFlags);
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
