// Board approval of priorities: proposals, votes, decisions, adopted versions.
// Every decision is recorded by `settle`, which applies the pure decision rule, and only in a
// write's own transaction: the vote that decides it, the proposal that follows a due one, and the
// periodic sweep (server.ts, every minute) for a passed deadline. Reads show what it would decide
// (`decidedNow`, with the moment `decisionMoment` gives) without recording it: a GET never
// writes, and what a read shows is what the record will say (docs/decisions/022).
import * as Y from "yjs";
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db";
import {
  adoptedVersions,
  agendaItems,
  agendas,
  agendaVersions,
  memberships,
  priorityProposals,
  proposalVoters,
  regions,
  users,
  votes,
} from "../../db/schema";
import { projectAgenda, type ProjectedItem } from "../domain/agenda-doc";
import { diffAgenda } from "../domain/adoption-diff";
import {
  evaluateProposal,
  normaliseRule,
  type DecisionRule,
  type Outcome,
  type VoteValue,
} from "../domain/decision-rule";
import type { MessageKey } from "../i18n/messages";
import { can, type Principal } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { priorityContext } from "./proposal-context.server";
import type { ProposalContext } from "../domain/proposal-context";
import { NotAllowedError } from "./errors.server";
import { notify } from "./notifications.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Reader = Db | Tx;

export type RankedItem = { itemId: string; rank: number; title: string };
export type Failure = { ok: false; error: MessageKey };

/** Longest a proposal may stay open: a board pack older than this is stale. */
export const MAX_DEADLINE_DAYS = 90;

const contentKeys = [
  "id", "position", "title", "status", "mechanism", "actionLine", "leadOrganisation", "contact",
  "startDate", "endDate", "sectors", "professionalsInvolved", "professionalsHow", "why", "planText", "isPublic",
] as const satisfies ReadonlyArray<keyof ProjectedItem>;

function toProjected(row: typeof agendaItems.$inferSelect): ProjectedItem {
  return Object.fromEntries(contentKeys.map((k) => [k, row[k]])) as ProjectedItem;
}

export function regionBoard({ db, regionId }: { db: Reader; regionId: number }) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.regionId, regionId), eq(memberships.role, "board")))
    .orderBy(asc(users.name))
    .all()
    .filter(Boolean);
}

/** The region's workgroup (members and coordinators): who keep the items' text and write their progress notes. */
export function regionWorkgroup({ db, regionId }: { db: Reader; regionId: number }) {
  return db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.regionId, regionId), inArray(memberships.role, ["member", "coordinator"])))
    .all()
    .map((m) => m.id);
}

/** User ids of the region's members holding one of `roles`: who is told of a decision besides the voters. */
function regionMemberIdsInRoles({ db, regionId, roles }: { db: Reader; regionId: number; roles: Array<"board" | "coordinator"> }) {
  return db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.regionId, regionId), inArray(memberships.role, roles)))
    .all()
    .map((r) => r.id);
}

export function regionDecisionRule({ db, regionId }: { db: Reader; regionId: number }): DecisionRule {
  const row = db.select({ rule: regions.decisionRule }).from(regions).where(eq(regions.id, regionId)).get();
  return normaliseRule(row?.rule);
}

/**
 * The proposal's electorate: frozen when it was made (docs/decisions/011). A membership change
 * afterwards, by anyone, neither adds nor removes a voter.
 */
function electorate(db: Reader, proposalId: number): number[] {
  return db
    .select({ id: proposalVoters.userId })
    .from(proposalVoters)
    .where(eq(proposalVoters.proposalId, proposalId))
    .all()
    .map((r) => r.id);
}

/** May the actor vote on this proposal? Only if they were in its frozen electorate. */
export function isProposalVoter({ db, proposalId, actor }: { db: Reader; proposalId: number; actor: Principal }): boolean {
  return !!db
    .select({ id: proposalVoters.userId })
    .from(proposalVoters)
    .where(and(eq(proposalVoters.proposalId, proposalId), eq(proposalVoters.userId, actor.id)))
    .get();
}

/** Votes that count: those of the frozen electorate (a vote row of anyone else, e.g. from before the freeze, does not). */
function countedVotes(db: Reader, proposalId: number) {
  return db
    .select({ value: votes.value })
    .from(votes)
    .innerJoin(proposalVoters, and(eq(proposalVoters.proposalId, votes.proposalId), eq(proposalVoters.userId, votes.userId)))
    .where(eq(votes.proposalId, proposalId))
    .all();
}

function proposalRow(db: Reader, proposalId: number) {
  return (
    db
      .select({ proposal: priorityProposals, regionId: agendas.regionId })
      .from(priorityProposals)
      .innerJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
      .where(eq(priorityProposals.id, proposalId))
      .get() ?? null
  );
}

/**
 * When a decided proposal was decided: at the vote that decided it, or at its deadline if that
 * passed first. Votes are refused from the deadline on, so a proposal still open then was decided
 * by the deadline; the sweep that records it later writes the same moment a read showed.
 */
export const decisionMoment = (deadline: Date, now: Date) => (now.getTime() < deadline.getTime() ? now : deadline);

/**
 * Applies the decision rule to an open proposal and, when it is decided, records the decision:
 * status, adopted version, notifications and audit, in the caller's (a write's) transaction.
 */
function settle(tx: Tx, proposalId: number, now: Date, actorId: number | null): Outcome | null {
  const row = proposalRow(tx, proposalId);
  if (!row || row.proposal.status !== "open") return null;
  const p = row.proposal;
  const cast = countedVotes(tx, p.id);
  const outcome = evaluateProposal({
    rule: normaliseRule(p.decisionRule),
    boardSize: p.boardSize,
    votes: cast,
    deadline: p.deadline,
    now,
  });
  if (outcome.status === "open") return outcome;
  // The sweep may race a vote in another process: only the first writer closes it.
  const closed = tx
    .update(priorityProposals)
    .set({ status: outcome.status, decidedAt: decisionMoment(p.deadline, now), decisionNote: outcome.reason })
    .where(and(eq(priorityProposals.id, p.id), eq(priorityProposals.status, "open")))
    .run();
  if (closed.changes === 0) return null;
  if (outcome.status === "adopted") {
    tx.insert(adoptedVersions).values({ agendaId: p.agendaId, proposalId: p.id, versionId: p.versionId, adoptedAt: decisionMoment(p.deadline, now) }).run();
  }
  notify({
    db: tx,
    userIds: [...new Set([...electorate(tx, p.id), ...regionMemberIdsInRoles({ db: tx, regionId: row.regionId, roles: ["board", "coordinator"] }), p.proposedBy])],
    kind: "decision",
    proposalId: p.id,
  });
  recordAudit({
    db: tx,
    actorId,
    action: `proposal.${outcome.status}`,
    entityType: "priority_proposal",
    entityId: p.id,
    regionId: row.regionId,
    data: { reason: outcome.reason, tally: outcome.tally, boardSize: p.boardSize, agendaId: p.agendaId },
  });
  return outcome;
}

/** Closes every open proposal whose deadline has passed. Call on server start and on an interval. */
export function closeDueProposals({ db, now = new Date() }: { db: Db; now?: Date }): number {
  const due = db
    .select({ id: priorityProposals.id })
    .from(priorityProposals)
    .where(and(eq(priorityProposals.status, "open"), lte(priorityProposals.deadline, now)))
    .all();
  let closed = 0;
  for (const { id } of due) {
    db.transaction((tx) => {
      if (settle(tx, id, now, null)) closed++;
    });
  }
  return closed;
}

/** What `settle` would decide now, without recording it; null while the proposal stays open. */
function decidedNow(db: Reader, p: typeof priorityProposals.$inferSelect, now: Date) {
  if (p.status !== "open") return null;
  const outcome = evaluateProposal({ rule: normaliseRule(p.decisionRule), boardSize: p.boardSize, votes: countedVotes(db, p.id), deadline: p.deadline, now });
  return outcome.status === "open" ? null : outcome;
}

/** The agenda's open proposal, if one is still open now (read only: one whose time has come is not). */
export function openProposalFor({ db, agendaId, now = new Date() }: { db: Db; agendaId: number; now?: Date }) {
  const open = db
    .select()
    .from(priorityProposals)
    .where(and(eq(priorityProposals.agendaId, agendaId), eq(priorityProposals.status, "open")))
    .all()
    .find((p) => !decidedNow(db, p, now));
  return open ? { id: open.id, deadline: open.deadline } : null;
}

/** What the coordinator's proposal form needs. */
export function getProposalForm({ db, agendaId, regionId, now = new Date() }: { db: Db; agendaId: number; regionId: number; now?: Date }) {
  return {
    items: db
      .select({ id: agendaItems.id, title: agendaItems.title, status: agendaItems.status })
      .from(agendaItems)
      .where(eq(agendaItems.agendaId, agendaId))
      .orderBy(asc(agendaItems.position))
      .all(),
    board: regionBoard({ db, regionId }),
    rule: regionDecisionRule({ db, regionId }),
    openProposal: openProposalFor({ db, agendaId, now }),
  };
}

/**
 * Who will be asked to vote: the region's board members, never the proposer. One membership per
 * user and region means a coordinator is not on the board anyway; leaving the proposer out keeps
 * "nobody votes on their own proposal" true even if that ever changes.
 */
function voterIds({ db, regionId, proposerId }: { db: Reader; regionId: number; proposerId: number }): number[] {
  return regionBoard({ db, regionId })
    .map((b) => b.id)
    .filter((id) => id !== proposerId);
}

type CreateVersion = (args: { agendaId: number; kind: "before_proposal"; actor: Principal }) => Promise<number>;

/**
 * The coordinator puts ranked items to the board. The agenda is frozen first as a version of
 * the live document; the items stored with the proposal are projected from exactly that state,
 * so what the board reads is what it adopts.
 */
export async function createProposal({
  db,
  createVersion,
  agendaId,
  actor,
  rankedItemIds,
  deadline,
  now = new Date(),
}: {
  db: Db;
  createVersion: CreateVersion;
  agendaId: number;
  actor: Principal;
  rankedItemIds: string[];
  deadline: Date;
  now?: Date;
}): Promise<{ ok: true; proposalId: number } | Failure> {
  const agenda = db.select().from(agendas).where(eq(agendas.id, agendaId)).get();
  if (!agenda) return { ok: false, error: "approvals.error.notFound" };
  if (!can(actor, "propose:priority", { regionId: agenda.regionId })) throw new NotAllowedError();
  if (!rankedItemIds.length) return { ok: false, error: "approvals.error.noItems" };
  if (new Set(rankedItemIds).size !== rankedItemIds.length) return { ok: false, error: "approvals.error.duplicateRank" };
  if (deadline.getTime() <= now.getTime()) return { ok: false, error: "approvals.error.deadlinePast" };
  if (deadline.getTime() > now.getTime() + MAX_DEADLINE_DAYS * 86_400_000) return { ok: false, error: "approvals.error.deadlineTooFar" };
  const live = new Set(
    db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).all().map((r) => r.id),
  );
  if (rankedItemIds.some((id) => !live.has(id))) return { ok: false, error: "approvals.error.unknownItem" };
  if (!voterIds({ db, regionId: agenda.regionId, proposerId: actor.id }).length) return { ok: false, error: "approvals.error.noBoard" };
  if (openProposalFor({ db, agendaId, now })) return { ok: false, error: "approvals.error.alreadyOpen" };

  const versionId = await createVersion({ agendaId, kind: "before_proposal", actor });
  const version = db
    .select({ state: agendaVersions.state })
    .from(agendaVersions)
    .where(and(eq(agendaVersions.id, versionId), eq(agendaVersions.agendaId, agendaId)))
    .get();
  if (!version) throw new Error(`version ${versionId} of agenda ${agendaId} was not stored`);
  const doc = new Y.Doc();
  let frozen: ProjectedItem[];
  try {
    Y.applyUpdate(doc, version.state);
    frozen = projectAgenda(doc).items;
  } finally {
    doc.destroy();
  }
  const byId = new Map(frozen.map((i) => [i.id, i]));
  // An item deleted in the editor between the form and the snapshot.
  if (rankedItemIds.some((id) => !byId.has(id))) return { ok: false, error: "approvals.error.unknownItem" };
  const rankedItems: RankedItem[] = rankedItemIds.map((itemId, i) => ({ itemId, rank: i + 1, title: byId.get(itemId)!.title }));
  const rule = regionDecisionRule({ db, regionId: agenda.regionId });
  // Read synchronously right before the write: the figures and barriers the board will be shown.
  const context = priorityContext({ db, agendaId, itemIds: rankedItemIds, now });

  return db.transaction((tx) => {
    // Re-checked inside the transaction: a second coordinator may have proposed while we awaited.
    // One whose deadline passed unrecorded is recorded here, so the new proposal follows a decided one.
    const other = tx
      .select({ id: priorityProposals.id })
      .from(priorityProposals)
      .where(and(eq(priorityProposals.agendaId, agendaId), eq(priorityProposals.status, "open")))
      .get();
    if (other && settle(tx, other.id, now, null)?.status === "open") return { ok: false, error: "approvals.error.alreadyOpen" } as const;
    // The electorate is read here, in the transaction that stores it, so it is exactly the board
    // at the moment the proposal exists; the board size and the quorum follow from it.
    const voters = voterIds({ db: tx, regionId: agenda.regionId, proposerId: actor.id });
    if (!voters.length) return { ok: false, error: "approvals.error.noBoard" } as const;
    const { id } = tx
      .insert(priorityProposals)
      .values({
        agendaId,
        proposedBy: actor.id,
        versionId,
        rankedItems,
        frozenItems: frozen,
        context,
        decisionRule: rule,
        boardSize: voters.length,
        deadline,
        createdAt: now,
      })
      .returning({ id: priorityProposals.id })
      .get();
    tx.insert(proposalVoters).values(voters.map((voterId) => ({ proposalId: id, userId: voterId }))).run();
    notify({ db: tx, userIds: voters, kind: "proposal", proposalId: id });
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: "proposal.created",
      entityType: "priority_proposal",
      entityId: id,
      regionId: agenda.regionId,
      data: { agendaId, versionId, rankedItems, deadline: deadline.toISOString(), rule, boardSize: voters.length, voterIds: voters },
    });
    return { ok: true, proposalId: id } as const;
  });
}

/** A proposal with its votes, shown decided if its time has come (the sweep records it, with the same moment); null when it does not exist. */
export function getProposal({ db, proposalId, now = new Date() }: { db: Db; proposalId: number; now?: Date }) {
  const row = db
    .select({
      proposal: priorityProposals,
      agendaTitle: agendas.title,
      agendaPeriod: agendas.period,
      regionId: regions.id,
      regionName: regions.name,
      regionSlug: regions.slug,
      proposerName: users.name,
    })
    .from(priorityProposals)
    .innerJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .innerJoin(users, eq(users.id, priorityProposals.proposedBy))
    .where(eq(priorityProposals.id, proposalId))
    .get();
  if (!row) return null;
  const p = row.proposal;
  // Decided by its deadline but not recorded yet: shown as decided; the sweep records it.
  const decided = decidedNow(db, p, now);
  const adopted = db.select().from(adoptedVersions).where(eq(adoptedVersions.proposalId, p.id)).get() ?? null;
  return {
    id: p.id,
    agendaId: p.agendaId,
    agendaTitle: row.agendaTitle,
    agendaPeriod: row.agendaPeriod,
    regionId: row.regionId,
    regionName: row.regionName,
    regionSlug: row.regionSlug,
    proposedBy: p.proposedBy,
    proposerName: row.proposerName,
    createdAt: p.createdAt,
    deadline: p.deadline,
    status: decided?.status ?? p.status,
    decidedAt: p.decidedAt ?? (decided ? decisionMoment(p.deadline, now) : null),
    decisionReason: p.decisionNote ?? decided?.reason ?? null,
    rule: normaliseRule(p.decisionRule),
    boardSize: p.boardSize,
    rankedItems: p.rankedItems as RankedItem[],
    frozenItems: p.frozenItems as ProjectedItem[],
    /** The priorities' savings and barriers when proposed; null for a proposal from before they were stored. */
    context: (p.context as ProposalContext | null) ?? null,
    versionId: p.versionId,
    adoptedAt: adopted?.adoptedAt ?? null,
    votes: listVotes(db, p.id),
    voters: listVoters(db, p.id),
  };
}
export type ProposalView = NonNullable<ReturnType<typeof getProposal>>;

function listVoters(db: Reader, proposalId: number) {
  return db
    .select({ id: users.id, name: users.name })
    .from(proposalVoters)
    .innerJoin(users, eq(users.id, proposalVoters.userId))
    .where(eq(proposalVoters.proposalId, proposalId))
    .orderBy(asc(users.name))
    .all();
}

function listVotes(db: Reader, proposalId: number) {
  return db
    .select({
      userId: votes.userId,
      name: users.name,
      value: votes.value,
      reason: votes.reason,
      comment: votes.comment,
      createdAt: votes.createdAt,
      updatedAt: votes.updatedAt,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.userId))
    // Only the electorate's votes are shown, as only they are counted.
    .innerJoin(proposalVoters, and(eq(proposalVoters.proposalId, votes.proposalId), eq(proposalVoters.userId, votes.userId)))
    .where(eq(votes.proposalId, proposalId))
    .orderBy(asc(votes.createdAt), asc(votes.id))
    .all();
}

const clean = (s: string | null | undefined) => {
  const t = (s ?? "").trim();
  return t === "" ? null : t;
};

/**
 * A board member's vote, with a reason for any choice (required for an objection); voting again
 * changes it while the proposal is open, also when only the reason or the comment changed. An
 * identical resubmission (a double click, a retried request) changes nothing and writes nothing.
 */
export function castVote({
  db,
  proposalId,
  actor,
  value,
  reason,
  comment,
  now = new Date(),
}: {
  db: Db;
  proposalId: number;
  actor: Principal;
  value: VoteValue;
  reason?: string | null;
  comment?: string | null;
  now?: Date;
}): { ok: true; changed: boolean; first: boolean; status: Outcome["status"] } | Failure {
  const r = clean(reason);
  const c = clean(comment);
  if (value === "bezwaar" && !r) return { ok: false, error: "approvals.error.reasonRequired" };
  return db.transaction((tx) => {
    const row = proposalRow(tx, proposalId);
    if (!row) return { ok: false, error: "approvals.error.notFound" } as const;
    // Decided already, recorded or not (a deadline passed before the sweep came): the vote is too late.
    if (row.proposal.status !== "open" || decidedNow(tx, row.proposal, now)) return { ok: false, error: "approvals.error.closed" } as const;
    // The frozen electorate decides, not today's role: joining the board later gives no vote,
    // leaving it does not take one away (docs/decisions/011).
    if (!isProposalVoter({ db: tx, proposalId, actor })) return { ok: false, error: "approvals.error.notVoter" } as const;
    const existing = tx.select().from(votes).where(and(eq(votes.proposalId, proposalId), eq(votes.userId, actor.id))).get();
    if (existing && existing.value === value && existing.reason === r && existing.comment === c) {
      return { ok: true, changed: false, first: false, status: "open" } as const;
    }
    if (existing) {
      tx.update(votes).set({ value, reason: r, comment: c, updatedAt: now }).where(eq(votes.id, existing.id)).run();
    } else {
      tx.insert(votes).values({ proposalId, userId: actor.id, value, reason: r, comment: c, createdAt: now, updatedAt: now }).run();
    }
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: existing ? "vote.changed" : "vote.cast",
      entityType: "priority_proposal",
      entityId: proposalId,
      regionId: row.regionId,
      data: {
        value,
        reason: r,
        comment: c,
        ...(existing ? { previous: { value: existing.value, reason: existing.reason, comment: existing.comment } } : {}),
      },
    });
    const outcome = settle(tx, proposalId, now, actor.id);
    return { ok: true, changed: true, first: !existing, status: outcome?.status ?? "open" } as const;
  });
}

/** All proposals of a region's agendas, newest first, with their votes: the decision history. */
export function listRegionDecisions({ db, regionId, now = new Date() }: { db: Db; regionId: number; now?: Date }) {
  const agendaIds = db.select({ id: agendas.id }).from(agendas).where(eq(agendas.regionId, regionId)).all().map((a) => a.id);
  if (!agendaIds.length) return [];
  const rows = db
    .select({ id: priorityProposals.id })
    .from(priorityProposals)
    .where(inArray(priorityProposals.agendaId, agendaIds))
    .orderBy(desc(priorityProposals.createdAt), desc(priorityProposals.id))
    .all();
  return rows.map((r) => getProposal({ db, proposalId: r.id, now })!);
}

/**
 * The agenda's latest proposal when the board did not adopt it (returned or expired, recorded or
 * due) and nothing was adopted after it: what the workgroup has to act on, with the objections.
 */
function latestUnadopted(db: Db, agendaId: number, now: Date) {
  const last = db
    .select({ id: priorityProposals.id })
    .from(priorityProposals)
    .where(eq(priorityProposals.agendaId, agendaId))
    .orderBy(desc(priorityProposals.createdAt), desc(priorityProposals.id))
    .get();
  const p = last ? getProposal({ db, proposalId: last.id, now }) : null;
  if (!p || (p.status !== "returned" && p.status !== "expired") || !p.decidedAt) return null;
  return {
    proposalId: p.id,
    status: p.status,
    decidedAt: p.decidedAt,
    reason: p.decisionReason,
    objections: p.votes.filter((v) => v.value === "bezwaar").map((v) => ({ name: v.name, reason: v.reason ?? "" })),
  };
}

export type AgendaState =
  | { kind: "concept" }
  | { kind: "voorgelegd"; proposalId: number; deadline: Date }
  | { kind: "vastgesteld"; at: Date }
  | { kind: "teruggestuurd" | "verlopen"; proposalId: number; at: Date };

/** Where an agenda stands with its board, for a one-line summary: before, during or after a proposal. */
export function getAgendaState({ db, agendaId, now = new Date() }: { db: Db; agendaId: number; now?: Date }): AgendaState {
  const open = openProposalFor({ db, agendaId, now });
  if (open) return { kind: "voorgelegd", proposalId: open.id, deadline: open.deadline };
  // The latest proposal, when the board did not adopt it, is later than any adoption.
  const last = latestUnadopted(db, agendaId, now);
  if (last) return { kind: last.status === "returned" ? "teruggestuurd" : "verlopen", proposalId: last.proposalId, at: last.decidedAt };
  const adopted = latestAdoption(db, agendaId);
  return adopted ? { kind: "vastgesteld", at: adopted.adoptedAt } : { kind: "concept" };
}

/** The latest adopted version of an agenda, which live items differ from it, and a later proposal the board did not adopt. */
export function getAdoptionStatus({ db, agendaId, now = new Date() }: { db: Db; agendaId: number; now?: Date }) {
  const adopted = latestAdoption(db, agendaId);
  const notAdopted = latestUnadopted(db, agendaId, now);
  if (!adopted) return { adopted: null, notAdopted, changedItemIds: [] as string[], addedItemIds: [] as string[], removedItemIds: [] as string[] };
  const live = db.select().from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).all().map(toProjected);
  const diff = diffAgenda(adopted.frozenItems, live);
  return {
    adopted: { id: adopted.id, adoptedAt: adopted.adoptedAt, proposalId: adopted.proposalId },
    notAdopted,
    changedItemIds: diff.changed.map((c) => c.id),
    addedItemIds: diff.addedIds,
    removedItemIds: diff.removedIds,
  };
}
export type AdoptionStatus = ReturnType<typeof getAdoptionStatus>;

function latestAdoption(db: Db, agendaId: number) {
  const row = db
    .select({ adopted: adoptedVersions, frozenItems: priorityProposals.frozenItems, rankedItems: priorityProposals.rankedItems })
    .from(adoptedVersions)
    .innerJoin(priorityProposals, eq(priorityProposals.id, adoptedVersions.proposalId))
    .where(eq(adoptedVersions.agendaId, agendaId))
    .orderBy(desc(adoptedVersions.adoptedAt), desc(adoptedVersions.id))
    .get();
  if (!row) return null;
  return {
    ...row.adopted,
    frozenItems: row.frozenItems as ProjectedItem[],
    rankedItems: row.rankedItems as RankedItem[],
  };
}

/** The adopted agenda exactly as approved, with the field-level changes made since. */
export function getAdoptedAgenda({ db, agendaId }: { db: Db; agendaId: number }) {
  const adopted = latestAdoption(db, agendaId);
  if (!adopted) return null;
  const live = db.select().from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).all().map(toProjected);
  const diff = diffAgenda(adopted.frozenItems, live);
  const liveById = new Map(live.map((i) => [i.id, i]));
  return {
    id: adopted.id,
    proposalId: adopted.proposalId,
    adoptedAt: adopted.adoptedAt,
    rankedItems: adopted.rankedItems,
    items: adopted.frozenItems,
    changes: Object.fromEntries(diff.changed.map((c) => [c.id, c.changes])),
    removedIds: diff.removedIds,
    added: diff.addedIds.map((id) => ({ id, title: liveById.get(id)!.title })),
  };
}
