// Gathers a board pack: the proposed (or adopted) agenda with its ranked priorities, their savings
// and open barriers as frozen with the proposal (decision 026: never today's figures, which the
// board did not see), the rule, the outcome and the votes, resolved to text in the reader's language.
import type { BoardPackData } from "../board-pack/types";
import { ruleVars } from "../domain/decision-rule";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { localName } from "../i18n/names";
import type { Db } from "../../db";
import { getProposal, type ProposalView } from "./approvals.server";
import { formatRange, type Range } from "../domain/savings";
import { formatDutchDate } from "../domain/dutch-time";
import type { ItemContext } from "../domain/proposal-context";

const sumRanges = (rs: Range[]): Range => rs.reduce((a, r) => ({ low: a.low + r.low, expected: a.expected + r.expected, high: a.high + r.high }), { low: 0, expected: 0, high: 0 });

export function buildBoardPack({ proposal, locale, now = new Date() }: { proposal: ProposalView; locale: Locale; now?: Date }): BoardPackData {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars as never);
  const date = (d: Date) => formatDutchDate(d, locale);
  const dateTime = (d: Date) => formatDutchDate(d, locale, { dateStyle: "long", timeStyle: "short" });
  const range = (r: Range) => formatRange(r, locale);
  const frozen = new Map(proposal.frozenItems.map((i) => [i.id, i]));
  const ranked = new Set(proposal.rankedItems.map((r) => r.itemId));
  const context = (itemId: string): ItemContext | null => proposal.context?.items[itemId] ?? null;
  const withSaving = proposal.rankedItems.map((r) => context(r.itemId)?.saving).filter((s) => !!s);
  const voted = new Set(proposal.votes.map((v) => v.userId));
  const notVoted = proposal.voters.filter((v) => !voted.has(v.id));
  const decided = proposal.status !== "open" && proposal.decidedAt;
  const slug = (s: string) => s.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  return {
    fileBase: slug(t("pack.fileName", { region: proposal.regionName, id: proposal.id })),
    lang: locale === "en" ? "en" : "nl-NL",
    title: `${t("pack.heading")} – ${proposal.agendaTitle}`,
    labels: {
      heading: t("pack.heading"),
      region: t("pack.region"),
      agenda: t("pack.agenda"),
      period: t("pack.period"),
      status: t("pack.status"),
      generatedOn: t("pack.generatedOn", { date: dateTime(now) }),
      rule: t("approvals.rule"),
      outcome: t("approvals.outcome"),
      priorities: t("pack.priorities"),
      savings: t("pack.savings"),
      rank: t("approvals.rank"),
      item: t("approvals.item"),
      hoursPerYear: t("pack.hoursPerYear"),
      fte: t("pack.fte"),
      evidence: t("pack.evidence"),
      barriers: t("approvals.context.barriers"),
      noBarriers: t("approvals.context.noBarriers"),
      basedOn: t("evidence.link.basedOn"),
      votes: t("pack.votes"),
      noVotes: t("approvals.noVotes"),
      voter: t("pack.voter"),
      vote: t("pack.vote"),
      at: t("pack.at"),
      allItems: t("pack.allItems"),
      why: t("pack.why"),
      plan: t("pack.plan"),
      lead: t("pack.lead"),
      reason: t("approvals.reasonLabel"),
      comment: t("approvals.commentLabel"),
      // Filled in by the renderer, which alone knows the page count.
      pageOf: t("pack.pageOf", { page: "%p", pages: "%n" }),
    },
    regionName: proposal.regionName,
    agendaTitle: proposal.agendaTitle,
    agendaPeriod: proposal.agendaPeriod,
    statusLine:
      proposal.status === "adopted" && proposal.adoptedAt
        ? t("approvals.adoptedOn", { date: date(proposal.adoptedAt) })
        : t(`approvals.status.${proposal.status}`),
    outcomeLines: decided
      ? [
          t("approvals.outcome.fell", {
            date: dateTime(proposal.decidedAt!),
            reason: proposal.decisionReason ? t(`approvals.reason.${proposal.decisionReason}` as MessageKey) : "",
          }),
          notVoted.length
            ? `${t("approvals.outcome.notVoted", { names: notVoted.map((v) => v.name).join(", ") })} ${t(
                proposal.decidedAt!.getTime() < proposal.deadline.getTime() ? "approvals.outcome.notVotedEarly" : "approvals.outcome.notVotedLate",
                { deadline: dateTime(proposal.deadline) },
              )}`
            : t("approvals.outcome.everyoneVoted"),
        ]
      : [],
    ruleText: t(`approvals.rule.${proposal.rule.kind}`, { ...ruleVars(proposal.rule, proposal.boardSize), deadline: dateTime(proposal.deadline) }),
    proposedLine: `${t("approvals.proposedBy", { name: proposal.proposerName, date: date(proposal.createdAt) })} · ${t("approvals.deadlineOn", { date: date(proposal.deadline) })}`,
    savingsIntro: proposal.context ? t("pack.savingsFrozen", { date: dateTime(new Date(proposal.context.takenAt)) }) : t("pack.savingsNotRecorded"),
    savingsRows: proposal.context
      ? proposal.rankedItems.map((r) => {
          const s = context(r.itemId)?.saving;
          return {
            rank: String(r.rank),
            title: frozen.get(r.itemId)?.title || r.title,
            hours: s ? range(s.hoursPerYear) : "–",
            fte: s ? range(s.fte) : "–",
            evidence: s ? String(s.evidenceLevel) : "–",
          };
        })
      : [],
    savingsNote: proposal.context && withSaving.length < proposal.rankedItems.length ? t("pack.savingsNone") : null,
    savingsTotal: withSaving.length
      ? t("pack.savingsTotal", {
          hours: range(sumRanges(withSaving.map((s) => s.hoursPerYear))),
          fte: range(sumRanges(withSaving.map((s) => s.fte))),
          level: Math.min(...withSaving.map((s) => s.evidenceLevel)),
        })
      : null,
    priorities: proposal.rankedItems.map((r) => {
      const item = frozen.get(r.itemId);
      const c = context(r.itemId);
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
        savingsLine: c?.saving
          ? `${t("savings.hoursPerYear", { range: range(c.saving.hoursPerYear) })} (${t("savings.fte", { range: range(c.saving.fte) })}) · ${t("evidence.levelShort", { level: c.saving.evidenceLevel })}`
          : null,
        // Where each figure comes from: the innovation and the ratings (source, level, unit) behind it.
        sources: (c?.links ?? [])
          .filter((l) => l.ratings.length)
          .map(
            (l) =>
              `${localName({ nameNl: l.innovationNameNl, nameEn: l.innovationNameEn }, locale)}: ${l.ratings
                .map((x) => `${x.source} (${t("evidence.levelShort", { level: x.evidenceLevel })}, ${t(`evidence.unit.${x.unit}` as MessageKey)})`)
                .join("; ")}`,
          ),
        barriers: c
          ? c.barriers.map((b) => `${localName({ nameNl: b.typeNl, nameEn: b.typeEn }, locale)} (${t(`barriers.severity.${b.severity}` as MessageKey)}): ${b.description}`)
          : null,
      };
    }),
    votes: proposal.votes.map((v) => ({
      name: v.name,
      value: t(`approvals.vote.${v.value}`),
      reason: v.reason ?? "",
      comment: v.comment ?? "",
      at: dateTime(v.updatedAt),
    })),
    otherItems: proposal.frozenItems.filter((i) => !ranked.has(i.id)).map((i) => ({ title: i.title, status: t(`status.${i.status}`) })),
  };
}

export function getBoardPackData({ db, proposalId, locale = "nl", now = new Date() }: { db: Db; proposalId: number; locale?: Locale; now?: Date }) {
  const proposal = getProposal({ db, proposalId, now });
  return proposal ? { proposal, data: buildBoardPack({ proposal, locale, now }) } : null;
}
