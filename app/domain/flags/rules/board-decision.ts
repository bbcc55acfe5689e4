// Decisions of the region's stuurgroep that do not come: an agenda without adopted priorities, and a
// proposal that waits too long for a decision.
import { daysBetween } from "../dates";
import { dutchCalendarDay } from "../../dutch-time";
import { agendaHref, proposalHref } from "../links";
import { ageStep, DAY_MS } from "../thresholds";
import type { FlagHit } from "../types";
import { nextAgeStep, raw, text, type RegionRule } from "./rule";

/** A month: a stuurgroep meets at least monthly, so a proposal older than that has missed a meeting. */
export const PROPOSAL_WAITING_DAYS = 30;

export const boardDecision: RegionRule = {
  rule: "board-decision",
  evaluate({ view, now, wake }) {
    const regionId = view.rows.region.id;
    const adopted = new Set(view.rows.adoptedAgendaIds);
    const hits: FlagHit[] = [];
    for (const a of view.agendas.values()) {
      if (adopted.has(a.id)) continue;
      const active = a.status === "actief";
      hits.push({
        key: `board-decision:agenda-${a.id}`,
        rule: "board-decision",
        severity: active ? "middel" : "laag",
        score: active ? 2 : 1,
        regionId,
        regionIds: [regionId],
        agendaId: a.id,
        since: a.createdAt,
        basis: () => `board-decision|${a.id}|${a.status}`,
        describe: () => ({
          subject: raw(a.title),
          explanation: text(`flags.explain.board-decision.agenda.${a.status}`, {
            agenda: a.title,
          }),
          figures: [
            {
              label: "flags.figure.agendaStatus",
              value: text("agenda.status." + a.status),
            },
          ],
          threshold: text("flags.threshold.board-decision.agenda"),
          links: [
            {
              href: agendaHref(a.id),
              label: text("flags.link.agenda"),
              regionId,
            },
          ],
        }),
      });
    }
    for (const p of view.rows.proposals) {
      const agenda = view.rows.agendas.find((a) => a.id === p.agendaId);
      if (!agenda) continue;
      if (!(now - p.createdAt > PROPOSAL_WAITING_DAYS * DAY_MS)) {
        wake(p.createdAt + PROPOSAL_WAITING_DAYS * DAY_MS + 1);
        continue;
      }
      wake(nextAgeStep(p.createdAt, now));
      hits.push({
        key: `board-decision:proposal-${p.id}`,
        rule: "board-decision",
        severity: "middel",
        score: ageStep(daysBetween(p.createdAt, now)),
        regionId,
        regionIds: [regionId],
        agendaId: p.agendaId,
        since: p.createdAt,
        basis: () => `board-decision|proposal|${p.id}|${p.deadline}`,
        describe: (now) => {
          const days = daysBetween(p.createdAt, now);
          return {
            subject: text("flags.subject.proposal", { agenda: agenda.title }),
            explanation: text("flags.explain.board-decision.proposal", {
              agenda: agenda.title,
              days,
              threshold: PROPOSAL_WAITING_DAYS,
              deadline: dutchCalendarDay(p.deadline),
            }),
            figures: [
              { label: "flags.figure.daysWaiting", value: days },
              { label: "flags.figure.deadline", value: dutchCalendarDay(p.deadline) },
            ],
            threshold: text("flags.threshold.board-decision.proposal", {
              days: PROPOSAL_WAITING_DAYS,
            }),
            links: [
              {
                href: proposalHref(p.agendaId, p.id),
                label: text("flags.link.proposal"),
                regionId,
              },
            ],
          };
        },
      });
    }
    return hits;
  },
};
