// How a board decides on a priority proposal. Pure: used by the vote action, the lazy check on
// every read and the periodic sweep, so all three reach the same outcome for the same votes.

export const decisionRuleKinds = ["consent", "majority"] as const;
export type DecisionRuleKind = (typeof decisionRuleKinds)[number];
export type DecisionRule = { kind: DecisionRuleKind; quorum: number };

/** Consent, with at least half of the board taking part. */
export const defaultDecisionRule: DecisionRule = { kind: "consent", quorum: 0.5 };

export type VoteValue = "akkoord" | "bezwaar" | "onthouding";

export type Tally = { akkoord: number; bezwaar: number; onthouding: number; voted: number };

export type Outcome =
  | { status: "open"; tally: Tally; quorumMet: boolean }
  | { status: "adopted"; tally: Tally; reason: "all_voted" | "deadline" | "majority" | "majority_certain" }
  | { status: "returned"; tally: Tally; reason: "objection" | "no_consent" | "no_majority" }
  | { status: "expired"; tally: Tally; reason: "no_quorum" };

/** Accepts what is stored in regions.decision_rule (JSON, possibly null or from an older shape). */
export function normaliseRule(raw: unknown): DecisionRule {
  if (raw && typeof raw === "object") {
    const { kind, quorum } = raw as Partial<DecisionRule>;
    const q = Number(quorum);
    if (decisionRuleKinds.includes(kind as DecisionRuleKind) && Number.isFinite(q) && q > 0 && q <= 1) {
      return { kind: kind as DecisionRuleKind, quorum: q };
    }
  }
  return defaultDecisionRule;
}

/** Votes needed for the quorum; "at least half of 3" is 2, of 4 is 2 (exact half counts). */
export function quorumVotes(rule: DecisionRule, boardSize: number): number {
  // The epsilon keeps 0.5 * 4 from becoming 2.0000000001 and demanding 3.
  return Math.max(1, Math.ceil(rule.quorum * boardSize - 1e-9));
}

export function tally(votes: ReadonlyArray<{ value: VoteValue }>): Tally {
  const t: Tally = { akkoord: 0, bezwaar: 0, onthouding: 0, voted: votes.length };
  for (const v of votes) t[v.value]++;
  return t;
}

/**
 * The outcome of a proposal under the region's rule. Both rules keep a proposal open until every
 * board member voted or the deadline passed, unless the outcome can no longer change; abstentions
 * count towards the quorum (the member took part) but are not agreement.
 * - Consent: one objection returns it at once (consent means nobody objects, so waiting changes
 *   nothing); otherwise it is adopted if the quorum took part and at least one agreed.
 * - Majority: adopted if the quorum took part and more agreed than objected; it closes early once
 *   the votes still to come cannot change that either way.
 */
export function evaluateProposal({
  rule,
  boardSize,
  votes,
  deadline,
  now,
}: {
  rule: DecisionRule;
  boardSize: number;
  votes: ReadonlyArray<{ value: VoteValue }>;
  deadline: Date;
  now: Date;
}): Outcome {
  const t = tally(votes);
  const quorumMet = t.voted >= quorumVotes(rule, boardSize);
  const allVoted = boardSize > 0 && t.voted >= boardSize;
  const due = now.getTime() >= deadline.getTime();
  if (rule.kind === "consent") {
    if (t.bezwaar > 0) return { status: "returned", tally: t, reason: "objection" };
    if (!allVoted && !due) return { status: "open", tally: t, quorumMet };
    if (!quorumMet) return { status: "expired", tally: t, reason: "no_quorum" };
    if (t.akkoord === 0) return { status: "returned", tally: t, reason: "no_consent" };
    return { status: "adopted", tally: t, reason: allVoted ? "all_voted" : "deadline" };
  }
  const outstanding = Math.max(0, boardSize - t.voted);
  const lead = t.akkoord - t.bezwaar;
  if (!allVoted && !due) {
    if (quorumMet && lead > outstanding) return { status: "adopted", tally: t, reason: "majority_certain" };
    if (quorumMet && -lead >= outstanding) return { status: "returned", tally: t, reason: "no_majority" };
    return { status: "open", tally: t, quorumMet };
  }
  if (!quorumMet) return { status: "expired", tally: t, reason: "no_quorum" };
  if (lead <= 0) return { status: "returned", tally: t, reason: "no_majority" };
  return { status: "adopted", tally: t, reason: "majority" };
}

/** The numbers a rule's description needs ("at least 50%: 2 of 3"). */
export function ruleVars(rule: DecisionRule, boardSize: number) {
  return { percent: Math.round(rule.quorum * 100), needed: quorumVotes(rule, boardSize), size: boardSize };
}
