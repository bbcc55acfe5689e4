import { ruleVars, type DecisionRule, type VoteValue } from "../../domain/decision-rule";
import { useT } from "../../i18n";
import { useFormatDate } from "./format";

export function RuleText({ rule, boardSize }: { rule: DecisionRule; boardSize: number }) {
  const t = useT();
  return <p className="text-sm">{t(`approvals.rule.${rule.kind}`, ruleVars(rule, boardSize))}</p>;
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

