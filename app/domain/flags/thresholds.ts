// Every threshold behind a bottleneck flag lives here, so that one review covers them all and
// each flag can show the threshold it was measured against. Pure: no database, no Remix.

export const DAY_MS = 24 * 60 * 60 * 1000;

export const THRESHOLDS = {
  /** Rule 1: a barrier of severity "hoog" that is still open after more than this many days. */
  highBarrierOpenDays: 30,
  /** Rule 2: the same barrier type open in at least this many regions is a national bottleneck. */
  nationalBottleneckRegions: 3,
  /** Rule 3: a priority item whose read model has not changed for more than this many days stalls. */
  priorityUnchangedDays: 60,
  /** Rule 4: a priority item whose saving rests on ratings of at most this evidence level is weakly founded. */
  weakEvidenceLevel: 1,
  /** Rule 5: a region whose projected saving is below this share of its target falls behind. */
  targetShare: 0.5,
  /** Rule 5: below this share the flag is severe ("hoog") rather than "middel". */
  targetShareSevere: 0.25,
  /** Rule 6: an open board proposal that has waited more than this many days. */
  proposalWaitingDays: 30,
  /**
   * Scores of age-based flags rise one step per this many days. Steps, not days, so that an
   * acknowledged flag does not come back every morning, but does once the wait doubles.
   */
  ageStepDays: 30,
} as const;

export type Thresholds = { [K in keyof typeof THRESHOLDS]: number };
