import { describe, expect, it } from "vitest";
import {
  defaultDecisionRule,
  evaluateProposal,
  normaliseRule,
  quorumVotes,
  type VoteValue,
} from "../../app/domain/decision-rule";

const deadline = new Date("2026-04-01T22:00:00Z");
const before = new Date("2026-03-20T10:00:00Z");
const after = new Date("2026-04-01T22:00:00Z"); // exactly at the deadline counts as passed
const rule = defaultDecisionRule;
const v = (...values: VoteValue[]) => values.map((value) => ({ value }));
const run = (boardSize: number, votes: VoteValue[], now: Date, r = rule) =>
  evaluateProposal({ rule: r, boardSize, votes: v(...votes), deadline, now });

describe("quorum", () => {
  it("is at least half of the board; an exact half counts", () => {
    expect(quorumVotes(rule, 1)).toBe(1);
    expect(quorumVotes(rule, 2)).toBe(1);
    expect(quorumVotes(rule, 3)).toBe(2);
    expect(quorumVotes(rule, 4)).toBe(2);
    expect(quorumVotes(rule, 5)).toBe(3);
    expect(quorumVotes({ kind: "consent", quorum: 2 / 3 }, 3)).toBe(2);
    expect(quorumVotes({ kind: "consent", quorum: 1 }, 7)).toBe(7);
  });

  it("adopts at the deadline with exactly half of the board voting", () => {
    expect(run(4, ["akkoord", "akkoord"], after)).toMatchObject({ status: "adopted", reason: "deadline" });
    expect(run(2, ["akkoord"], after)).toMatchObject({ status: "adopted", reason: "deadline" });
  });

  it("expires at the deadline with fewer than half voting", () => {
    expect(run(4, ["akkoord"], after)).toMatchObject({ status: "expired", reason: "no_quorum" });
    expect(run(3, ["akkoord"], after)).toMatchObject({ status: "expired", reason: "no_quorum" });
    expect(run(3, [], after)).toMatchObject({ status: "expired" });
  });
});

describe("before the deadline", () => {
  it("stays open while members may still vote, even with the quorum met", () => {
    const outcome = run(4, ["akkoord", "akkoord"], before);
    expect(outcome).toMatchObject({ status: "open", quorumMet: true });
    expect(run(4, ["akkoord"], before)).toMatchObject({ status: "open", quorumMet: false });
  });

  it("adopts as soon as every board member agreed", () => {
    expect(run(2, ["akkoord", "akkoord"], before)).toMatchObject({ status: "adopted", reason: "all_voted" });
  });

  it("returns at once on one objection, whatever the others voted", () => {
    expect(run(5, ["akkoord", "bezwaar"], before)).toMatchObject({ status: "returned", reason: "objection" });
    expect(run(2, ["bezwaar"], before)).toMatchObject({ status: "returned", reason: "objection" });
    expect(run(2, ["akkoord", "bezwaar"], after)).toMatchObject({ status: "returned" });
  });
});

describe("abstentions", () => {
  it("count towards the quorum", () => {
    expect(run(4, ["akkoord", "onthouding"], after)).toMatchObject({ status: "adopted" });
    expect(run(3, ["onthouding", "akkoord", "onthouding"], before)).toMatchObject({ status: "adopted", reason: "all_voted" });
  });

  it("are not consent: a board that only abstains does not adopt", () => {
    expect(run(2, ["onthouding", "onthouding"], before)).toMatchObject({ status: "returned", reason: "no_consent" });
    expect(run(4, ["onthouding", "onthouding"], after)).toMatchObject({ status: "returned", reason: "no_consent" });
  });

  it("tallies each kind", () => {
    expect(run(5, ["akkoord", "onthouding", "onthouding"], before).tally).toEqual({ akkoord: 1, bezwaar: 0, onthouding: 2, voted: 3 });
  });
});

describe("stored rules", () => {
  it("falls back to the default for missing or malformed rules", () => {
    expect(normaliseRule(null)).toEqual(defaultDecisionRule);
    expect(normaliseRule({ kind: "majority" })).toEqual(defaultDecisionRule);
    expect(normaliseRule({ kind: "unanimity", quorum: 0.5 })).toEqual(defaultDecisionRule);
    expect(normaliseRule({ kind: "majority", quorum: 1.5 })).toEqual(defaultDecisionRule);
    expect(normaliseRule({ kind: "majority", quorum: 0.6 })).toEqual({ kind: "majority", quorum: 0.6 });
    expect(normaliseRule({ kind: "consent", quorum: 0 })).toEqual(defaultDecisionRule);
    expect(normaliseRule({ kind: "consent", quorum: 0.75 })).toEqual({ kind: "consent", quorum: 0.75 });
  });
});

describe("majority rule", () => {
  const majority = { kind: "majority" as const, quorum: 0.5 };
  const m = (boardSize: number, votes: VoteValue[], now: Date) => run(boardSize, votes, now, majority);

  it("does not return a proposal on one objection", () => {
    expect(m(5, ["bezwaar"], before).status).toBe("open");
    expect(m(3, ["bezwaar", "akkoord", "akkoord"], before)).toMatchObject({ status: "adopted", reason: "majority" });
  });
  it("adopts early once the votes still to come cannot undo the lead", () => {
    // 5 members: 3 akkoord, 2 outstanding; even two objections leave 3 against 2.
    expect(m(5, ["akkoord", "akkoord", "akkoord"], before)).toMatchObject({ status: "adopted", reason: "majority_certain" });
    // 2 akkoord, 2 outstanding: two objections would tie, so it stays open.
    expect(m(5, ["akkoord", "akkoord", "onthouding"], before).status).toBe("open");
  });
  it("returns early once a majority is out of reach, and on a tie at the end", () => {
    expect(m(5, ["bezwaar", "bezwaar", "bezwaar"], before)).toMatchObject({ status: "returned", reason: "no_majority" });
    expect(m(4, ["akkoord", "bezwaar", "akkoord", "bezwaar"], before)).toMatchObject({ status: "returned", reason: "no_majority" });
  });
  it("needs the quorum, also for an early decision", () => {
    // Half of 8 is 4 votes: with 3 cast the quorum is not met, so nothing is decided before the deadline.
    expect(m(8, ["akkoord", "akkoord", "akkoord"], before).status).toBe("open");
    expect(m(8, ["akkoord", "akkoord", "akkoord"], after)).toMatchObject({ status: "expired", reason: "no_quorum" });
    expect(m(4, ["akkoord", "onthouding"], after)).toMatchObject({ status: "adopted", reason: "majority" });
  });
  it("does not count abstentions as agreement", () => {
    expect(m(2, ["onthouding", "onthouding"], before)).toMatchObject({ status: "returned", reason: "no_majority" });
  });
});
