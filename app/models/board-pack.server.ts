// Gathers a board pack: the proposed (or adopted) agenda with its ranked priorities, the projected
// savings and the board's votes, resolved to Dutch text for the renderer.
import type { Db } from "../../db";
import type { BoardPackData } from "../board-pack/types";
import { ruleVars } from "../domain/decision-rule";
import { translate, type MessageKey } from "../i18n/messages";
import { getProposal, type ProposalView } from "./approvals.server";
import { getAgendaSavings } from "./savings.server";
import { formatDecimal } from "../domain/numbers";
import { formatDutchDate } from "../domain/dutch-time";

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate("nl", key, vars);
const fmtDate = (d: Date) => formatDutchDate(d, "nl");
const fmtDateTime = (d: Date) => formatDutchDate(d, "nl", { dateStyle: "long", timeStyle: "short" });
const fte = (n: number) => formatDecimal(n, "nl", 1);

export type PackSavings = { perItem: Record<string, { low: number; expected: number; high: number } | null>; total: { low: number; expected: number; high: number } | null };

/**
 * Savings of the ranked items, from the catalogue links (issue 4's `getAgendaSavings`). Savings
 * are computed on the live links: the frozen proposal records items, not their innovation links.
 */
export function boardPackSavings({ db, agendaId, itemIds }: { db: Db; agendaId: number; itemIds: string[] }): PackSavings {
  const savings = getAgendaSavings({ db, agendaId });
  const perItem: PackSavings["perItem"] = {};
  let total: PackSavings["total"] = null;
  for (const id of itemIds) {
    const item = savings?.items[id];
    const hasLinks = item && item.links.some((l) => l.saving.ok);
    perItem[id] = hasLinks ? item.fte : null;
    if (hasLinks) {
      total = total ?? { low: 0, expected: 0, high: 0 };
      total.low += item.fte.low;
      total.expected += item.fte.expected;
      total.high += item.fte.high;
    }
  }
  return { perItem, total };
}

export function buildBoardPack({ db, proposal, now = new Date() }: { db: Db; proposal: ProposalView; now?: Date }): BoardPackData {
  const savings = boardPackSavings({ db, agendaId: proposal.agendaId, itemIds: proposal.rankedItems.map((r) => r.itemId) });
  const frozen = new Map(proposal.frozenItems.map((i) => [i.id, i]));
  const ranked = new Set(proposal.rankedItems.map((r) => r.itemId));
  const statusLine =
    proposal.status === "adopted" && proposal.adoptedAt
      ? `${t("approvals.status.adopted")} – ${t("approvals.adoptedOn", { date: fmtDate(proposal.adoptedAt) })}`
      : t(`approvals.status.${proposal.status}`);
  const slug = (s: string) => s.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  return {
    fileBase: `stukken-stuurgroep-${slug(proposal.regionName)}-voorstel-${proposal.id}`,
    labels: {
      heading: t("pack.heading"),
      region: t("pack.region"),
      agenda: t("pack.agenda"),
      period: t("pack.period"),
      status: t("pack.status"),
      generatedOn: t("pack.generatedOn", { date: fmtDateTime(now) }),
      rule: t("approvals.rule"),
      priorities: t("pack.priorities"),
      savings: t("pack.savings"),
      savingsUnavailable: t("pack.savingsUnavailable"),
      savingsTotal: savings.total
        ? t("pack.savingsTotal", { expected: fte(savings.total.expected), low: fte(savings.total.low), high: fte(savings.total.high) })
        : null,
      votes: t("pack.votes"),
      noVotes: t("approvals.noVotes"),
      decision: t("pack.decision"),
      allItems: t("pack.allItems"),
      why: t("pack.why"),
      plan: t("pack.plan"),
      lead: t("pack.lead"),
      reason: t("approvals.reasonLabel"),
      comment: t("approvals.commentLabel"),
    },
    regionName: proposal.regionName,
    agendaTitle: proposal.agendaTitle,
    agendaPeriod: proposal.agendaPeriod,
    statusLine,
    decisionLine:
      proposal.decidedAt && proposal.decisionReason
        ? `${t("approvals.decidedOn", { date: fmtDate(proposal.decidedAt) })}: ${t(`approvals.reason.${proposal.decisionReason}` as MessageKey)}`
        : null,
    ruleText: t(`approvals.rule.${proposal.rule.kind}`, ruleVars(proposal.rule, proposal.boardSize)),
    proposedLine: `${t("approvals.proposedBy", { name: proposal.proposerName, date: fmtDate(proposal.createdAt) })} · ${t("approvals.deadlineOn", { date: fmtDate(proposal.deadline) })}`,
    priorities: proposal.rankedItems.map((r) => {
      const item = frozen.get(r.itemId);
      const s = savings.perItem[r.itemId];
      return {
        rank: r.rank,
        title: item?.title || r.title,
        meta: item
          ? [t(`status.${item.status}`), item.mechanism ? t(`mechanism.${item.mechanism}`) : null, item.startDate && item.endDate ? `${item.startDate} – ${item.endDate}` : null]
              .filter(Boolean)
              .join(" · ")
          : "",
        leadOrganisation: item?.leadOrganisation ?? "",
        why: item?.why ?? "",
        planText: item?.planText ?? "",
        savingsLine: s ? t("pack.savingsItem", { expected: fte(s.expected), low: fte(s.low), high: fte(s.high) }) : null,
      };
    }),
    votes: proposal.votes.map((v) => ({
      name: v.name,
      value: t(`approvals.vote.${v.value}`),
      reason: v.reason,
      comment: v.comment,
      at: fmtDateTime(v.updatedAt),
    })),
    otherItems: proposal.frozenItems.filter((i) => !ranked.has(i.id)).map((i) => ({ title: i.title, status: t(`status.${i.status}`) })),
  };
}

export function getBoardPackData({ db, proposalId, now = new Date() }: { db: Db; proposalId: number; now?: Date }) {
  const proposal = getProposal({ db, proposalId, now });
  return proposal ? { proposal, data: buildBoardPack({ db, proposal, now }) } : null;
}
