// A region's decision history on one page: every proposal to its board, the votes with reasons
// and the decision.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRegion } from "../utils/region-guard.server";
import { listRegionDecisions } from "../models/approvals.server";
import { VoteList, RuleText } from "../components/approvals/votes";
import { useFormatDate } from "../components/approvals/format";
import { useT } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.region.name ?? t("title.region"), t("approvals.decisions")]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { region } = requireRegion({ request, context, params }, "read:agenda");
  return {
    region: { id: region.id, slug: region.slug, name: region.name },
    proposals: listRegionDecisions({ db: context.db, regionId: region.id }).map((p) => ({
      id: p.id,
      agendaId: p.agendaId,
      agendaTitle: p.agendaTitle,
      proposerName: p.proposerName,
      createdAt: p.createdAt,
      deadline: p.deadline,
      status: p.status,
      decidedAt: p.decidedAt,
      decisionReason: p.decisionReason,
      rule: p.rule,
      boardSize: p.boardSize,
      rankedItems: p.rankedItems,
      votes: p.votes,
    })),
  };
}

export default function Decisions() {
  const { region, proposals } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/regios/${region.slug}`} className="text-sm text-brand-700 underline">{region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("approvals.decisionsTitle", { region: region.name })}</h1>
        <p className="text-sm text-slate-700">{t("approvals.decisionsIntro")}</p>
      </div>
      {proposals.length === 0 ? (
        <p>{t("approvals.noDecisions")}</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {proposals.map((p) => (
            <li key={p.id} className="rounded border border-slate-200 bg-white p-4" data-testid="decision">
              <h2 className="text-lg font-semibold">
                <Link to={`/voorstellen/${p.id}`} className="text-brand-700 underline">{t("approvals.proposalTitle", { agenda: p.agendaTitle })}</Link>
              </h2>
              <p className="text-sm text-slate-700">
                {t("approvals.proposedBy", { name: p.proposerName, date: date(p.createdAt) })} · {t("approvals.deadlineOn", { date: date(p.deadline) })}
              </p>
              <p className="mt-1">
                <span className="font-semibold">{t(`approvals.status.${p.status}`)}</span>
                {p.decidedAt ? ` · ${t("approvals.decidedOn", { date: date(p.decidedAt, true) })}` : ""}
                {p.decisionReason ? ` · ${t(`approvals.reason.${p.decisionReason}` as MessageKey)}` : ""}
                {p.status === "adopted" ? (
                  <> · <Link to={`/agendas/${p.agendaId}/vastgesteld`} className="text-brand-700 underline">{t("approvals.viewAdopted")}</Link></>
                ) : null}
              </p>
              <h3 className="mt-2 font-medium">{t("approvals.priorities")}</h3>
              <ol className="list-decimal pl-6 text-sm">
                {p.rankedItems.map((r) => <li key={r.itemId}>{r.title}</li>)}
              </ol>
              <h3 className="mt-2 font-medium">{t("approvals.rule")}</h3>
              <RuleText rule={p.rule} boardSize={p.boardSize} deadline={p.deadline} />
              <h3 className="mt-2 font-medium">{t("approvals.votes")}</h3>
              <VoteList votes={p.votes} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
