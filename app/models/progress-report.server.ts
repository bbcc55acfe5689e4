// The periodic progress report per region and quarter (voortgangsrapportage, decision 032): drafted
// from the execution records each time it is read, until the coordinator sends it to the stuurgroep.
// Sending stores the content as sent (with the foreword) and never changes it again. The content is
// language-neutral data (keys, numbers, instants); app/progress-report/document.ts lays it out in
// the reader's language.
import { and, asc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db";
import { agendaItems, agendas, itemMilestones, itemStatusChanges, progressNotes, progressReports, users } from "../../db/schema";
import { REPORTING_STATUSES } from "../domain/execution";
import { can, type Principal } from "../domain/permissions";
import { comparePeriods, periodEnd, periodFirstDay, periodLastDay, periodStart } from "../domain/periods";
import type { Range } from "../domain/savings";
import type { FundingRoute, FundingStatus } from "../domain/training";
import type { ItemStatus, MilestoneState } from "../domain/vocabulary";
import { getAdoptedAgenda, regionBoard } from "./approvals.server";
import { recordAudit } from "./audit.server";
import { listBarriers, listComments } from "./barriers.server";
import { NotAllowedError } from "./errors.server";
import { getRegionPeriod } from "./execution.server";
import { notify } from "./notifications.server";
import { realisedForItems } from "./realised-savings.server";
import { linkSavingsForItems } from "./savings.server";
import { itemTrainingAndFunding } from "./training.server";

type RegionRef = { id: number; slug: string; name: string; partnersMayRead?: boolean };

export type ReportPriority = {
  itemId: string;
  agendaId: number;
  rank: number;
  title: string;
  /** At the period's end: the last change up to then, else today's. */
  status: ItemStatus;
  statusChanges: Array<{ from: ItemStatus | null; to: ItemStatus; at: number; by: string | null; note: string; lessonLearned: string | null }>;
  note: { happened: string; progressPct: number; nextStep: string; risk: string; riskNote: string; by: string | null } | null;
  /** Due or done in the period, or still open and due before its end. */
  milestones: Array<{ title: string; dueDate: string; state: MilestoneState; doneDate: string | null }>;
  projected: { hoursPerYear: Range; fte: Range; evidenceLevel: number; sources: string[] } | null;
  /** `files`: the imported roster or HR exports; `byHand`: some figures were typed in. */
  measured: { hoursPerYear: number; fte: number; share: number | null; periods: number; latestPeriod: string; evidenceLevel: number; files: string[]; byHand: boolean } | null;
  training: Array<{ kind: string; role: string; people: number; hoursPerPerson: number; provider: string; schoolType: string | null; skillsLab: boolean; status: string }>;
  funding: Array<{ route: FundingRoute; amountCents: number; status: FundingStatus; date: string; note: string }>;
  barriers: Array<{ typeNl: string; typeEn: string; severity: string; status: string; description: string; answer: { body: string; by: string; at: number } | null }>;
};

export type ReportContent = {
  version: 1;
  region: { id: number; slug: string; name: string };
  period: string;
  draftedAt: number;
  /** `adoptedAt` null: the board has not adopted the agenda; its priorities are the items in a reporting status. */
  agendas: Array<{ id: number; title: string; adoptedAt: number | null; priorities: ReportPriority[] }>;
  /** Items that should have reported for the period and did not. */
  notReported: Array<{ title: string; lead: string }>;
  advice: { text: string; by: string | null; at: number | null } | null;
  foreword: { text: string; by: string | null; at: number | null } | null;
};

const forewordAuthor = alias(users, "foreword_author");
const sender = alias(users, "sender");

function allow(actor: Principal, action: "read:agenda" | "send:report", region: RegionRef) {
  if (!can(actor, action, { regionId: region.id, partnersMayRead: region.partnersMayRead })) throw new NotAllowedError();
}

function reportRow(db: Db, regionId: number, period: string) {
  return (
    db
      .select({
        id: progressReports.id,
        foreword: progressReports.foreword,
        forewordAt: progressReports.forewordAt,
        forewordBy: forewordAuthor.name,
        sentAt: progressReports.sentAt,
        sentBy: sender.name,
        snapshot: progressReports.snapshot,
      })
      .from(progressReports)
      .leftJoin(forewordAuthor, eq(forewordAuthor.id, progressReports.forewordBy))
      .leftJoin(sender, eq(sender.id, progressReports.sentBy))
      .where(and(eq(progressReports.regionId, regionId), eq(progressReports.period, period)))
      .get() ?? null
  );
}

const inPeriod = (at: number, period: string) => at >= periodStart(period) && at <= periodEnd(period).getTime();
const dayInPeriod = (day: string | null, period: string) => !!day && day >= periodFirstDay(period) && day <= periodLastDay(period);

/** The report's content drafted from today's records. */
function draftContent({ db, actor, region, period, now }: { db: Db; actor: Principal; region: RegionRef; period: string; now: Date }): ReportContent {
  const regionPeriod = getRegionPeriod({ db, actor, region, period });
  const end = periodEnd(period).getTime();
  const live = db.select({ id: agendas.id, title: agendas.title }).from(agendas).where(and(eq(agendas.regionId, region.id), ne(agendas.status, "gearchiveerd"))).orderBy(asc(agendas.id)).all();
  const barriers = listBarriers({ db, regionIds: [region.id] });
  const out: ReportContent["agendas"] = [];
  for (const agenda of live) {
    const adopted = getAdoptedAgenda({ db, agendaId: agenda.id });
    const rows = db.select().from(agendaItems).where(eq(agendaItems.agendaId, agenda.id)).orderBy(asc(agendaItems.position)).all();
    const items = new Map(rows.map((i) => [i.id, i]));
    // The adopted ranking, without items removed since; an agenda not (yet) adopted reports the
    // items its workgroup treats as priorities, in the agenda's order.
    const ranked = adopted
      ? [...adopted.rankedItems].sort((a, b) => a.rank - b.rank).filter((r) => items.has(r.itemId))
      : rows.filter((i) => REPORTING_STATUSES.has(i.status)).map((i, n) => ({ itemId: i.id, rank: n + 1, title: i.title }));
    if (!ranked.length) continue;
    const ids = ranked.map((r) => r.itemId);
    const links = linkSavingsForItems({ db, itemIds: ids });
    const realised = realisedForItems({ db, items: ids.map((itemId) => ({ itemId, mechanism: items.get(itemId)!.mechanism, links: links.get(itemId) ?? [] })) });
    const scope = { id: agenda.id, regionId: region.id, partnersMayRead: region.partnersMayRead };
    const priorities = ranked.map((r): ReportPriority => {
      const item = items.get(r.itemId)!;
      const changes = db
        .select({ from: itemStatusChanges.fromStatus, to: itemStatusChanges.status, at: itemStatusChanges.changedAt, by: users.name, note: itemStatusChanges.note, lessonLearned: itemStatusChanges.lessonLearned })
        .from(itemStatusChanges)
        .leftJoin(users, eq(users.id, itemStatusChanges.changedBy))
        .where(and(eq(itemStatusChanges.agendaId, agenda.id), eq(itemStatusChanges.itemId, r.itemId)))
        .orderBy(asc(itemStatusChanges.changedAt), asc(itemStatusChanges.id))
        .all()
        .map((c) => ({ ...c, at: c.at.getTime() }));
      const upToEnd = changes.filter((c) => c.at <= end);
      const note = db
        .select({ happened: progressNotes.happened, progressPct: progressNotes.progressPct, nextStep: progressNotes.nextStep, risk: progressNotes.risk, riskNote: progressNotes.riskNote, by: users.name })
        .from(progressNotes)
        .leftJoin(users, eq(users.id, progressNotes.authorId))
        .where(and(eq(progressNotes.itemId, r.itemId), eq(progressNotes.agendaId, agenda.id), eq(progressNotes.period, period)))
        .get();
      const milestones = db
        .select({ title: itemMilestones.title, dueDate: itemMilestones.dueDate, state: itemMilestones.state, doneDate: itemMilestones.doneDate })
        .from(itemMilestones)
        .where(and(eq(itemMilestones.agendaId, agenda.id), eq(itemMilestones.itemId, r.itemId)))
        .orderBy(asc(itemMilestones.dueDate), asc(itemMilestones.id))
        .all()
        .filter((m) => dayInPeriod(m.dueDate, period) || dayInPeriod(m.doneDate, period) || (m.state === "open" && m.dueDate <= periodLastDay(period)));
      const saving = realised.get(r.itemId)!;
      const itemLinks = links.get(r.itemId) ?? [];
      const sourcesOf = (xs: Array<string | null | undefined>) => [...new Set(xs.map((x) => x?.trim() ?? "").filter(Boolean))];
      const money = itemTrainingAndFunding({ db, actor, agenda: scope, itemId: r.itemId });
      return {
        itemId: r.itemId,
        agendaId: agenda.id,
        rank: r.rank,
        title: item.title || r.title,
        status: upToEnd.at(-1)?.to ?? item.status,
        statusChanges: changes.filter((c) => inPeriod(c.at, period)),
        note: note ?? null,
        milestones,
        projected: saving.projected
          ? { hoursPerYear: saving.projected.hoursPerYear, fte: saving.projected.fte, evidenceLevel: saving.projected.evidence.weakest, sources: sourcesOf(itemLinks.flatMap((l) => l.basis.map((b) => b.source))) }
          : null,
        measured: saving.realised.ok
          ? {
              hoursPerYear: saving.realised.hoursPerYear,
              fte: saving.realised.fte,
              share: saving.share,
              periods: saving.realised.periods,
              latestPeriod: saving.realised.latestPeriod,
              evidenceLevel: saving.realised.evidenceLevel,
              files: sourcesOf(saving.measurements.map((m) => m.sourceFile)),
              byHand: saving.measurements.some((m) => m.source === "hand"),
            }
          : null,
        training: (money?.training.lines ?? []).map(({ kind, role, people, hoursPerPerson, provider, schoolType, skillsLab, status }) => ({ kind, role, people, hoursPerPerson, provider, schoolType, skillsLab, status })),
        funding: (money?.funding ?? []).map(({ route, amountCents, status, date, note }) => ({ route, amountCents, status, date, note })),
        barriers: barriers
          .filter((b) => b.agendaId === agenda.id && b.itemId === r.itemId)
          .map((b) => {
            const last = listComments({ db, barrierId: b.id }).filter((c) => c.body.trim()).at(-1);
            return {
              typeNl: b.typeNameNl,
              typeEn: b.typeNameEn,
              severity: b.severity,
              status: b.status,
              description: b.description,
              answer: last ? { body: last.body, by: last.authorName, at: last.createdAt.getTime() } : null,
            };
          }),
      };
    });
    out.push({ id: agenda.id, title: agenda.title, adoptedAt: adopted?.adoptedAt.getTime() ?? null, priorities });
  }
  const record = regionPeriod.record;
  return {
    version: 1,
    region: { id: region.id, slug: region.slug, name: region.name },
    period,
    draftedAt: now.getTime(),
    agendas: out,
    notReported: regionPeriod.notReported.map((i) => ({ title: i.title, lead: [i.leadOrganisation.trim(), i.contact.trim()].filter(Boolean).join(" · ") })),
    advice: record?.advice ? { text: record.advice, by: record.adviceBy, at: record.adviceAt?.getTime() ?? null } : null,
    foreword: null,
  };
}

export type ProgressReportView = {
  content: ReportContent;
  foreword: string;
  sent: { at: number; by: string | null } | null;
  mayWrite: boolean;
};

/** The report for a period: as sent when it was, else the draft with the foreword written so far. */
export function getProgressReport({ db, actor, region, period, now = new Date() }: { db: Db; actor: Principal; region: RegionRef; period: string; now?: Date }): ProgressReportView {
  allow(actor, "read:agenda", region);
  const row = reportRow(db, region.id, period);
  const mayWrite = can(actor, "send:report", { regionId: region.id });
  if (row?.sentAt && row.snapshot) return { content: row.snapshot as ReportContent, foreword: row.foreword, sent: { at: row.sentAt.getTime(), by: row.sentBy }, mayWrite };
  const content = draftContent({ db, actor, region, period, now });
  if (row?.foreword) content.foreword = { text: row.foreword, by: row.forewordBy, at: row.forewordAt?.getTime() ?? null };
  return { content, foreword: row?.foreword ?? "", sent: null, mayWrite };
}

/** The periods with a report record (foreword written or sent), newest first. */
export function listProgressReports({ db, actor, region }: { db: Db; actor: Principal; region: RegionRef }) {
  allow(actor, "read:agenda", region);
  return db
    .select({ period: progressReports.period, sentAt: progressReports.sentAt, forewordAt: progressReports.forewordAt })
    .from(progressReports)
    .where(eq(progressReports.regionId, region.id))
    .all()
    .sort((a, b) => comparePeriods(b.period, a.period));
}

export type ReportWriteResult = { ok: true } | { ok: false; error: "report.error.sent" };

export function saveForeword({ db, actor, region, period, foreword, now = new Date() }: { db: Db; actor: Principal; region: RegionRef; period: string; foreword: string; now?: Date }): ReportWriteResult {
  allow(actor, "send:report", region);
  return db.transaction((tx) => {
    const old = tx.select({ id: progressReports.id, sentAt: progressReports.sentAt, foreword: progressReports.foreword }).from(progressReports).where(and(eq(progressReports.regionId, region.id), eq(progressReports.period, period))).get();
    if (old?.sentAt) return { ok: false as const, error: "report.error.sent" as const };
    const set = { foreword, forewordBy: actor.id, forewordAt: now };
    const row = tx.insert(progressReports).values({ regionId: region.id, period, ...set }).onConflictDoUpdate({ target: [progressReports.regionId, progressReports.period], set }).returning({ id: progressReports.id }).get();
    recordAudit({ db: tx, actorId: actor.id, action: "report.foreword", entityType: "progress_report", entityId: row.id, regionId: region.id, data: { period, before: old?.foreword ?? null, foreword } });
    return { ok: true as const };
  });
}

/**
 * Sends the report to the stuurgroep: its content as drafted now, with the foreword, is stored and
 * frozen; the board members are told in their inbox. Once only per region and period.
 */
export function sendReport({ db, actor, region, period, now = new Date() }: { db: Db; actor: Principal; region: RegionRef; period: string; now?: Date }): ReportWriteResult {
  allow(actor, "send:report", region);
  const view = getProgressReport({ db, actor, region, period, now });
  if (view.sent) return { ok: false, error: "report.error.sent" };
  const sentBy = db.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get()?.name ?? null;
  const snapshot: ReportContent = { ...view.content, foreword: view.foreword ? { text: view.foreword, by: view.content.foreword?.by ?? sentBy, at: view.content.foreword?.at ?? now.getTime() } : null };
  return db.transaction((tx) => {
    const existing = tx.select({ sentAt: progressReports.sentAt }).from(progressReports).where(and(eq(progressReports.regionId, region.id), eq(progressReports.period, period))).get();
    if (existing?.sentAt) return { ok: false as const, error: "report.error.sent" as const };
    const set = { sentAt: now, sentBy: actor.id, snapshot };
    const row = tx.insert(progressReports).values({ regionId: region.id, period, ...set }).onConflictDoUpdate({ target: [progressReports.regionId, progressReports.period], set }).returning({ id: progressReports.id }).get();
    const board = regionBoard({ db: tx, regionId: region.id }).map((b) => b.id);
    recordAudit({ db: tx, actorId: actor.id, action: "report.send", entityType: "progress_report", entityId: row.id, regionId: region.id, data: { period, boardMembers: board, priorities: snapshot.agendas.reduce((n, a) => n + a.priorities.length, 0) } });
    notify({ db: tx, userIds: board, kind: "report", reportId: row.id, exceptUserId: actor.id });
    return { ok: true as const };
  });
}
