import { ruleVars, type DecisionRule, type VoteValue } from "../../domain/decision-rule";
import { useT } from "../../i18n";
import { useFormatDate } from "./format";
import type { MessageKey } from "../../i18n/messages";

/** What will happen, before the vote: when it is adopted or returned, until when one can vote, when it falls. */
export function RuleText({ rule, boardSize, deadline }: { rule: DecisionRule; boardSize: number; deadline?: Date | string }) {
  const t = useT();
  const date = useFormatDate();
  return (
    <p className="text-sm" data-testid="rule-text">
      {t(`approvals.rule.${rule.kind}`, { ...ruleVars(rule, boardSize), deadline: deadline ? date(deadline, true) : t("approvals.rule.theDeadline") })}
    </p>
  );
}

type DecidedProposal = {
  status: string;
  decidedAt: Date | string | null;
  decisionReason: string | null;
  deadline: Date | string;
  votes: Array<{ userId: number }>;
  voters: Array<{ id: number; name: string }>;
};

/** What happened, after the vote: when the decision fell and why, and who did not vote and why not. */
export function OutcomeText({ proposal }: { proposal: DecidedProposal }) {
  const t = useT();
  const date = useFormatDate();
  if (proposal.status === "open" || !proposal.decidedAt) return null;
  const voted = new Set(proposal.votes.map((v) => v.userId));
  const missing = proposal.voters.filter((v) => !voted.has(v.id));
  const early = new Date(proposal.decidedAt).getTime() < new Date(proposal.deadline).getTime();
  const deadline = date(proposal.deadline, true);
  return (
    <div className="flex flex-col gap-1" data-testid="proposal-outcome">
      <h3 className="font-semibold">{t("approvals.outcome")}</h3>
      <p>
        {t("approvals.outcome.fell", {
          date: date(proposal.decidedAt, true),
          reason: proposal.decisionReason ? t(`approvals.reason.${proposal.decisionReason}` as MessageKey) : "",
        })}
      </p>
      {missing.length ? (
        <p data-testid="not-voted">
          {t("approvals.outcome.notVoted", { names: missing.map((v) => v.name).join(", ") })}{" "}
          {early ? t("approvals.outcome.notVotedEarly", { deadline }) : t("approvals.outcome.notVotedLate", { deadline })}
        </p>
      ) : (
        <p>{t("approvals.outcome.everyoneVoted")}</p>
      )}
    </div>
  );
}

export function VoteList({ votes }: { votes: Array<{ userId: number; name: string; value: VoteValue; reason: string | null; comment: string | null; updatedAt: Date | string }> }) {
  const t = useT();
  const date = useFormatDate();
  if (!votes.length) return <p>{t("approvals.noVotes")}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="vote-list">
      {votes.map((v) => (
        <li key={v.userId} className="border-b border-slate-100 pb-2">
          <span className="font-medium">{v.name}</span>: <span className="font-semibold">{t(`approvals.vote.${v.value}`)}</span>{" "}
          <span className="text-sm text-slate-700">({date(v.updatedAt, true)})</span>
          {v.reason ? <p className="text-sm"><span className="font-medium">{t("approvals.reasonLabel")}:</span> {v.reason}</p> : null}
          {v.comment ? <p className="text-sm"><span className="font-medium">{t("approvals.commentLabel")}:</span> {v.comment}</p> : null}
        </li>
      ))}
    </ul>
  );
}

