// One schema for the whole product. Later issues extend it through new migrations
// (`npm run db:generate`), never by editing a committed migration.
import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  organisationKinds,
  userKinds,
  regionRoles,
  agendaStatuses,
  itemStatuses,
  mechanisms,
  savingUnits,
  ratingKinds,
  reportings,
  barrierStatuses,
  severities,
  solveLevels,
  proposalStatuses,
  voteValues,
  targetUnits,
  milestoneStates,
  progressRisks,
  measurementUnits,
  measurementKinds,
  measurementSources,
  measurementImportStatuses,
} from "../app/domain/vocabulary";
import { fundingRoutes, fundingStatuses, schoolTypes, trainingKinds, trainingStatuses } from "../app/domain/training";
import type { DecisionRule } from "../app/domain/decision-rule";
import { deliveries, mailKinds, outboxStatuses, type OutboxKind } from "../app/domain/mail";
import type { ProposalContext } from "../app/domain/proposal-context";
import type { ImportDraft, WordDocument } from "../app/domain/word-import";

// The vocabularies live in app/domain (the browser needs them without the database layer).
export * from "../app/domain/vocabulary";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const regions = sqliteTable("regions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  // Number of care-and-welfare workers, when known. Context only: no target is derived from it.
  careWorkers: integer("care_workers"),
  // The saving target the region itself set (its coordinator, with a source; decision 015), in people
  // or FTE as the region states it. Null: the region has set none, and nothing stands in for it.
  savingTarget: real("saving_target"),
  savingTargetUnit: text("saving_target_unit", { enum: targetUnits }),
  // What the figure rests on (a stuurgroep decision, a RAAT plan); null only for targets set before
  // sources were asked for.
  savingTargetSource: text("saving_target_source"),
  savingTargetSetAt: integer("saving_target_set_at", { mode: "timestamp_ms" }),
  // The user who set it; no foreign key, so that adding it does not rebuild this table (and drop the
  // triggers on it).
  savingTargetSetBy: integer("saving_target_set_by"),
  // Decision rule for board proposals, JSON (see app/domain/decision-rule.ts).
  decisionRule: text("decision_rule", { mode: "json" }).$type<DecisionRule>(),
  // Whether members of partner organisations without a membership may read the agenda.
  partnersMayRead: integer("partners_may_read", { mode: "boolean" }).notNull().default(false),
  /** Board members may propose changes to the agenda's text (suggestions an editor accepts; decision 035). */
  boardMaySuggest: integer("board_may_suggest", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

// Reference data (db/reference/regional-shortages.json, seeded on every start): a region's expected
// shortage of care-and-welfare staff as one published source states it, with its year and source.
// Only regions with such a figure have a row; none is estimated.
export const regionShortages = sqliteTable("region_shortages", {
  regionId: integer("region_id")
    .primaryKey()
    .references(() => regions.id, { onDelete: "cascade" }),
  shortage: real("shortage").notNull(),
  unit: text("unit", { enum: targetUnits }).notNull(),
  // The year the shortage is expected in, and the prognosis or publication it comes from.
  year: integer("year").notNull(),
  vintage: text("vintage").notNull(),
  quote: text("quote").notNull(),
  publisher: text("publisher").notNull(),
  sourceUrl: text("source_url").notNull(),
  reporting: text("reporting", { enum: reportings }).notNull(),
});

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: organisationKinds }).notNull(),
    // For care providers: the sector (ouderenzorg, ziekenhuis, ...).
    sector: text("sector"),
    // For schools: mbo, hbo or wo.
    schoolLevel: text("school_level", { enum: ["mbo", "hbo", "wo"] }),
    regionId: integer("region_id").references(() => regions.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisations_name_region").on(t.name, t.regionId)],
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  // Global kind: regional users get their rights from memberships; advisers from coverage.
  kind: text("kind", { enum: userKinds }).notNull().default("member"),
  organisationId: integer("organisation_id").references(() => organisations.id),
  locale: text("locale", { enum: ["nl", "en"] }).notNull().default("nl"),
  disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
  // Set when an administrator chose the password (or forced a reset): nothing but the password change works until then.
  mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie token: a stolen database does not yield live cookies.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    // The OIDC_PROVIDERS id the session was made through, so logging out can end the sign-in there
    // too (decision 038); null for a password login. No tokens are kept.
    oidcProvider: text("oidc_provider"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    // The nonce of a valid device cookie the attempt came with (a browser that logged in to this account before).
    device: text("device"),
  },
  (t) => [
    index("login_attempts_email_at").on(t.email, t.at),
    index("login_attempts_ip_at").on(t.ip, t.at),
    index("login_attempts_device").on(t.device),
  ],
);

// One-time links to set a password (first administrator, forced reset): only the token's hash is stored.
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["setup", "reset"] }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("password_tokens_user").on(t.userId)],
);

// Secrets the server makes itself on first use (e.g. the device-cookie signing key), so none lives in code or config.
export const serverSecrets = sqliteTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    role: text("role", { enum: regionRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] })],
);

export const adviserCoverage = sqliteTable(
  "adviser_coverage",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] })],
);

export const agendas = sqliteTable(
  "agendas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id),
    title: text("title").notNull(),
    period: text("period").notNull(),
    status: text("status", { enum: agendaStatuses }).notNull().default("concept"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agendas_region_period").on(t.regionId, t.period)],
);

// A number per agenda that moves whenever anything its page derives (first paint, savings) reads
// changes, so that data is cached per version (app/utils/cache.server.ts). Kept by triggers (migration
// 0012), never by app code; agenda 0 stands for the catalogue every agenda reads (innovations, ratings).
export const agendaContentVersions = sqliteTable("agenda_content_versions", {
  agendaId: integer("agenda_id").primaryKey(),
  n: integer("n").notNull(),
});

// Read model of the live Yjs document: written only by the projection of the collaboration server.
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    position: real("position").notNull(),
    title: text("title").notNull().default(""),
    status: text("status", { enum: itemStatuses }).notNull().default("idee"),
    mechanism: text("mechanism", { enum: mechanisms }),
    actionLine: text("action_line").notNull().default(""),
    leadOrganisation: text("lead_organisation").notNull().default(""),
    contact: text("contact").notNull().default(""),
    startDate: text("start_date"),
    endDate: text("end_date"),
    sectors: text("sectors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    professionalsInvolved: text("professionals_involved", { enum: ["ja", "deels", "nee"] }),
    professionalsHow: text("professionals_how").notNull().default(""),
    why: text("why").notNull().default(""),
    planText: text("plan_text").notNull().default(""),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    // Parts of the item the projection could not read from the live document (stored before the
    // schema was enforced): the page shows them as damaged, with a way to restore them.
    damaged: text("damaged", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Last time the projection saw this item's content change.
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
    // Last time the item progressed: its status changed (set by the projection). Not any edit: a
    // typo fix is no progress (decision 017). Milestones and progress notes move it too (decision 028).
    progressAt: integer("progress_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("agenda_items_agenda").on(t.agendaId, t.position)],
);

export const innovations = sqliteTable("innovations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  nameNl: text("name_nl").notNull(),
  nameEn: text("name_en").notNull(),
  descriptionNl: text("description_nl").notNull().default(""),
  kind: text("kind", { enum: ["technological", "social"] }).notNull(),
  mechanism: text("mechanism", { enum: mechanisms }).notNull(),
  sectors: text("sectors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  costIndication: text("cost_indication"),
  sources: text("sources", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  createdAt: createdAt(),
});

export const innovationRatings = sqliteTable(
  "innovation_ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    innovationId: integer("innovation_id")
      .notNull()
      .references(() => innovations.id, { onDelete: "cascade" }),
    unit: text("unit", { enum: savingUnits }).notNull(),
    // For pct_task_time: the task and its hours per week per FTE that the percentage applies to.
    taskName: text("task_name"),
    taskHoursPerWeek: real("task_hours_per_week"),
    low: real("low").notNull(),
    expected: real("expected").notNull(),
    high: real("high").notNull(),
    evidenceLevel: integer("evidence_level").notNull(),
    source: text("source").notNull(),
    claim: text("claim"),
    ratedBy: integer("rated_by").references(() => users.id),
    createdAt: createdAt(),
    // Only labour_saved adds up to a saving; the other kinds are shown apart (app/domain/vocabulary.ts).
    kind: text("kind", { enum: ratingKinds }).notNull().default("labour_saved"),
    // False when the source gives a range without a most likely value: expected is then not a figure
    // anyone stated, is never shown and never summed (only labour_saved sums, and it must state one).
    expectedStated: integer("expected_stated", { mode: "boolean" }).notNull().default(true),
    // The source's own words (Dutch, as published) and where to read them.
    quote: text("quote"),
    sourceUrl: text("source_url"),
    reporting: text("reporting", { enum: reportings }),
    // How the stored figure follows from the stated one when it is not verbatim, e.g. "(122 − 34) / 122".
    derivation: text("derivation"),
    // task_shifting: from which professions to which.
    professions: text("professions", { mode: "json" }).$type<{ from: string[]; to: string[] }>(),
    // Key of a reference rating (db/reference/innovations-sourced.json evidence id): lets a later
    // release replace its own reference ratings and never touch one a person entered.
    ref: text("ref"),
  },
  (t) => [index("innovation_ratings_innovation").on(t.innovationId)],
);

export const itemInnovations = sqliteTable(
  "item_innovations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    // No foreign key: the item lives in the Yjs document; the read model row may be rebuilt.
    itemId: text("item_id").notNull(),
    innovationId: integer("innovation_id")
      .notNull()
      .references(() => innovations.id),
    reach: real("reach").notNull(),
    reachUnit: text("reach_unit", { enum: ["clients", "fte"] }).notNull(),
    reachOrganisations: text("reach_organisations").notNull().default(""),
    reachBy: text("reach_by"),
    // What the region states for ratings that need it: hours per FTE per week spent on the task a
    // percentage is a share of, and how often the rated event happens per unit of reach per week.
    taskHoursPerWeek: real("task_hours_per_week"),
    eventsPerWeek: real("events_per_week"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("item_innovations_item").on(t.itemId)],
);

export const barrierTypes = sqliteTable("barrier_types", {
  key: text("key").primaryKey(),
  nameNl: text("name_nl").notNull(),
  nameEn: text("name_en").notNull(),
  scopeHint: text("scope_hint", { enum: ["organisation", "region", "national"] }).notNull(),
  origin: text("origin").notNull(),
});

// Finer kinds within a broad barrier type where one type dominates (financing: Wlz, Zvw, Wmo, ...):
// the national-bottleneck signal groups by sub-type when a barrier has one (decision 017).
export const barrierSubTypes = sqliteTable("barrier_sub_types", {
  key: text("key").primaryKey(),
  typeKey: text("type_key")
    .notNull()
    .references(() => barrierTypes.key),
  nameNl: text("name_nl").notNull(),
  nameEn: text("name_en").notNull(),
});

export const barriers = sqliteTable(
  "barriers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    typeKey: text("type_key")
      .notNull()
      .references(() => barrierTypes.key),
    // Optional: a sub-type of `typeKey` (barrier_sub_types); checked by the model, not a foreign key,
    // so adding it did not rebuild the table and its triggers.
    subTypeKey: text("sub_type_key"),
    severity: text("severity", { enum: severities }).notNull(),
    level: text("level", { enum: solveLevels }).notNull(),
    description: text("description").notNull(),
    assigneeId: integer("assignee_id").references(() => users.id),
    status: text("status", { enum: barrierStatuses }).notNull().default("open"),
    // Yjs relative positions (encoded) into the item's plan, plus the quoted text as fallback.
    anchorStart: blob("anchor_start", { mode: "buffer" }),
    anchorEnd: blob("anchor_end", { mode: "buffer" }),
    quote: text("quote").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }),
    // How a solved barrier was solved: shown to regions with the same barrier type (issue 18).
    resolution: text("resolution"),
  },
  (t) => [index("barriers_agenda").on(t.agendaId), index("barriers_status").on(t.status)],
);

export const barrierComments = sqliteTable(
  "barrier_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    barrierId: integer("barrier_id")
      .notNull()
      .references(() => barriers.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    statusFrom: text("status_from", { enum: barrierStatuses }),
    statusTo: text("status_to", { enum: barrierStatuses }),
    createdAt: createdAt(),
  },
  (t) => [index("barrier_comments_barrier").on(t.barrierId)],
);

export const barrierFollowers = sqliteTable(
  "barrier_followers",
  {
    barrierId: integer("barrier_id")
      .notNull()
      .references(() => barriers.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.barrierId, t.userId] })],
);

// Comments on a passage of the introduction or an item's plan: a conversation, apart from the
// ministry's typed barriers (decision 036). The thread holds the anchor like a barrier (decision 004);
// its entries are the conversation. `itemId` null means the introduction.
export const commentThreads = sqliteTable(
  "comment_threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id"),
    anchorStart: blob("anchor_start", { mode: "buffer" }).notNull(),
    anchorEnd: blob("anchor_end", { mode: "buffer" }).notNull(),
    quote: text("quote").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedBy: integer("resolved_by").references(() => users.id),
  },
  (t) => [index("comment_threads_agenda").on(t.agendaId)],
);

export const threadComments = sqliteTable(
  "thread_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => commentThreads.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("thread_comments_thread").on(t.threadId)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", {
      enum: ["mention", "assigned", "reply", "proposal", "decision", "report", "comment", "comment_mention", "comment_reply", "question", "progress_request"],
    }).notNull(),
    barrierId: integer("barrier_id").references(() => barriers.id, { onDelete: "cascade" }),
    reportId: integer("report_id").references(() => progressReports.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id").references(() => priorityProposals.id, {
      onDelete: "cascade",
    }),
    commentId: integer("comment_id").references(() => barrierComments.id, { onDelete: "cascade" }),
    // A passage comment (decision 036); its thread and agenda are reached through it.
    threadCommentId: integer("thread_comment_id").references(() => threadComments.id, { onDelete: "cascade" }),
    // A question from another region about an item (issue 18, decision 039).
    questionId: integer("question_id").references(() => itemQuestions.id, { onDelete: "cascade" }),
    // A coordinator's request for the quarter's progress (issue 17): the region's period it asks for.
    regionPeriodId: integer("region_period_id").references(() => regionPeriodAdvice.id, { onDelete: "cascade" }),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user").on(t.userId, t.readAt)],
);

export const priorityProposals = sqliteTable(
  "priority_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    proposedBy: integer("proposed_by")
      .notNull()
      .references(() => users.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => agendaVersions.id),
    // Ranked item ids with the item as it was when proposed (frozen read model).
    rankedItems: text("ranked_items", { mode: "json" })
      .$type<Array<{ itemId: string; rank: number; title: string }>>()
      .notNull(),
    frozenItems: text("frozen_items", { mode: "json" }).$type<unknown[]>().notNull(),
    // The priorities' projected savings and open barriers as the board was shown them (decision 026);
    // null for proposals made before it was stored: those were never recorded and are not made up.
    context: text("context", { mode: "json" }).$type<ProposalContext>(),
    decisionRule: text("decision_rule", { mode: "json" })
      .$type<DecisionRule>()
      .notNull(),
    boardSize: integer("board_size").notNull(),
    deadline: integer("deadline", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: proposalStatuses }).notNull().default("open"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionNote: text("decision_note"),
    createdAt: createdAt(),
  },
  (t) => [index("priority_proposals_agenda").on(t.agendaId)],
);

export const votes = sqliteTable(
  "votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => priorityProposals.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    value: text("value", { enum: voteValues }).notNull(),
    reason: text("reason"),
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("votes_proposal_user").on(t.proposalId, t.userId)],
);

// Who may vote on a proposal: the region's board when it was put to the board, minus the
// proposer. Frozen with the proposal so that no membership change while it is open (not even
// by the coordinator who proposed) adds or removes a voter (docs/decisions/011).
export const proposalVoters = sqliteTable(
  "proposal_voters",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => priorityProposals.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const adoptedVersions = sqliteTable("adopted_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agendaId: integer("agenda_id")
    .notNull()
    .references(() => agendas.id, { onDelete: "cascade" }),
  proposalId: integer("proposal_id")
    .notNull()
    .unique()
    .references(() => priorityProposals.id),
  versionId: integer("version_id")
    .notNull()
    .references(() => agendaVersions.id),
  adoptedAt: integer("adopted_at", { mode: "timestamp_ms" }).notNull(),
});

// Append-only: triggers in the migration refuse UPDATE and DELETE.
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    regionId: integer("region_id").references(() => regions.id),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_region").on(t.regionId, t.at), index("audit_log_entity").on(t.entityType, t.entityId)],
);

// The collaboration server's durable log: every accepted update, appended before it is relayed.
export const ydocUpdates = sqliteTable(
  "ydoc_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    room: text("room").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    userId: integer("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("ydoc_updates_room").on(t.room, t.id)],
);

// Which user a Yjs client id belongs to in a room: the first user who sent content under it.
// Nobody else may add content under that id: Yjs would take it for the owner's own, and the
// owner's real edits at those positions would then be dropped as already known.
export const ydocClients = sqliteTable(
  "ydoc_clients",
  {
    room: text("room").notNull(),
    clientId: integer("client_id").notNull(),
    userId: integer("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.room, t.clientId] })],
);

// Compacted state of a room: the merged state of every update up to and including `upToUpdateId`.
export const ydocSnapshots = sqliteTable("ydoc_snapshots", {
  room: text("room").primaryKey(),
  state: blob("state", { mode: "buffer" }).notNull(),
  upToUpdateId: integer("up_to_update_id").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// Version history: full document states, kept for viewing and restoring.
export const agendaVersions = sqliteTable(
  "agenda_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["daily", "named", "before_proposal", "before_restore"] }).notNull(),
    name: text("name"),
    state: blob("state", { mode: "buffer" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("agenda_versions_agenda").on(t.agendaId, t.createdAt)],
);

export const flagDismissals = sqliteTable(
  "flag_dismissals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    flagKey: text("flag_key").notNull(),
    kind: text("kind", { enum: ["acknowledge", "snooze"] }).notNull(),
    // personal: hidden for the adviser who dismissed it only; team: for the whole regional team
    // (an acknowledgement with a reason). Rows from before scopes hid the flag for everyone: team.
    scope: text("scope", { enum: ["personal", "team"] }).notNull().default("team"),
    reason: text("reason").notNull(),
    until: integer("until", { mode: "timestamp_ms" }),
    // The flag's severity score and data fingerprint when dismissed: worse or changed data brings it back.
    score: real("score").notNull(),
    fingerprint: text("fingerprint").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("flag_dismissals_key").on(t.flagKey)],
);

// Execution records (issue 15, decision 028): what happened to an item after it was planned. Records
// with history, not co-edited text; every write is audited. `item_id` has no foreign key: an item's
// row in agenda_items goes when it leaves the document (a version restore can bring it back), its
// history must not.

// The item's status history; the latest row is the status the document and agenda_items carry.
export const itemStatusChanges = sqliteTable(
  "item_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    fromStatus: text("from_status", { enum: itemStatuses }),
    status: text("status", { enum: itemStatuses }).notNull(),
    // Why, in a sentence; required when stopping (the lesson learned).
    note: text("note").notNull().default(""),
    lessonLearned: text("lesson_learned"),
    changedBy: integer("changed_by").references(() => users.id),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("item_status_changes_item").on(t.itemId, t.changedAt)],
);

export const itemMilestones = sqliteTable(
  "item_milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    title: text("title").notNull(),
    dueDate: text("due_date").notNull(),
    state: text("state", { enum: milestoneStates }).notNull().default("open"),
    // The Dutch day it was reached or dropped.
    doneDate: text("done_date"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("item_milestones_item").on(t.itemId, t.dueDate)],
);

// One note per item per period; a second one for the same period replaces the first (the audit log
// keeps what it said).
export const progressNotes = sqliteTable(
  "progress_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    period: text("period").notNull(),
    happened: text("happened").notNull(),
    progressPct: integer("progress_pct").notNull(),
    nextStep: text("next_step").notNull().default(""),
    risk: text("risk", { enum: progressRisks }).notNull().default("laag"),
    riskNote: text("risk_note").notNull().default(""),
    authorId: integer("author_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("progress_notes_item_period").on(t.itemId, t.period), index("progress_notes_agenda").on(t.agendaId, t.period)],
);

// A region's period: the coordinator's progress request and the regioadviseur's advice in one
// record, which the progress report carries.
export const regionPeriodAdvice = sqliteTable(
  "region_period_advice",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    requestMessage: text("request_message"),
    requestDueDate: text("request_due_date"),
    requestedBy: integer("requested_by").references(() => users.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }),
    advice: text("advice"),
    adviceBy: integer("advice_by").references(() => users.id),
    adviceAt: integer("advice_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("region_period_advice_region_period").on(t.regionId, t.period)],
);

// The periodic progress report per region and quarter (issue 15, decision 032): drafted from the
// execution records whenever it is read, until the coordinator sends it to the stuurgroep; then
// `snapshot` holds its content as sent (language-neutral data, the foreword with it) and never changes.
export const progressReports = sqliteTable(
  "progress_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    foreword: text("foreword").notNull().default(""),
    forewordBy: integer("foreword_by").references(() => users.id),
    forewordAt: integer("foreword_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    sentBy: integer("sent_by").references(() => users.id),
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>(),
  },
  (t) => [uniqueIndex("progress_reports_region_period").on(t.regionId, t.period)],
);

// Measured savings (issue 15, decision 029): per item a baseline and measurements over time, by hand or
// from an uploaded roster/HR export. `item_id` has no foreign key, as with the execution records above.
// `hours_per_week` is `value` converted at write time (app/domain/measurements.ts, docs/savings.md), so
// totals add up in SQL; `value` and `unit` keep what was entered.
export const measurements = sqliteTable(
  "measurements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    kind: text("kind", { enum: measurementKinds }).notNull(),
    value: real("value").notNull(),
    unit: text("unit", { enum: measurementUnits }).notNull(),
    // Only for minutes per client: how many clients a week the minutes apply to.
    clientsPerWeek: real("clients_per_week"),
    hoursPerWeek: real("hours_per_week").notNull(),
    // Who the figure is about: a profession (functie) and/or a team; empty when it covers the whole item.
    profession: text("profession").notNull().default(""),
    team: text("team").notNull().default(""),
    // The quarter it counts in ("2026-Q4"); with a date range, the quarter of its first day.
    period: text("period").notNull(),
    startDate: text("start_date"),
    endDate: text("end_date"),
    source: text("source", { enum: measurementSources }).notNull(),
    importId: integer("import_id").references(() => measurementImports.id),
    sourceFile: text("source_file"),
    sourceRow: integer("source_row"),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("measurements_item").on(t.itemId, t.period),
    index("measurements_agenda").on(t.agendaId, t.period),
    // The national results' one ordered scan per kind (decision 033): series order, covering.
    index("measurements_series").on(t.kind, t.itemId, t.profession, t.team, t.unit, t.period, t.createdAt, t.id, t.hoursPerWeek),
  ],
);

// The national results' summary (decision 033): what an item adds to a group of the overview (region,
// way of saving, innovation, evidence level) as changes per quarter, so a quarter's total is the sum of
// the changes up to it. Groups use '' and 0 for "none" (they are keys). Written only by
// app/models/national-summary.server.ts; triggers (migration 0025) list the items whose sources changed.
const nationalSummaryColumns = () => ({
  kind: text("kind", { enum: ["projected", "realised"] }).notNull(),
  regionId: integer("region_id").notNull(),
  mechanism: text("mechanism").notNull(),
  innovationId: integer("innovation_id").notNull(),
  level: integer("level").notNull(),
  period: text("period").notNull(),
  low: real("low").notNull().default(0),
  expected: real("expected").notNull().default(0),
  high: real("high").notNull().default(0),
  links: integer("links").notNull().default(0),
  realised: real("realised").notNull().default(0),
  projectedOfMeasured: real("projected_of_measured").notNull().default(0),
  measuredItems: integer("measured_items").notNull().default(0),
});
export const nationalSummaryItems = sqliteTable(
  "national_summary_items",
  { itemId: text("item_id").notNull(), ...nationalSummaryColumns() },
  (t) => [
    primaryKey({ columns: [t.itemId, t.kind, t.regionId, t.mechanism, t.innovationId, t.level, t.period] }),
    index("national_summary_items_group").on(t.kind, t.regionId, t.mechanism, t.innovationId, t.level, t.period),
  ],
);
export const nationalSummary = sqliteTable("national_summary", nationalSummaryColumns(), (t) => [
  primaryKey({ columns: [t.kind, t.regionId, t.mechanism, t.innovationId, t.level, t.period] }),
]);
// Items whose rows in national_summary_items do not yet follow their sources; the read recomputes them.
export const nationalSummaryStale = sqliteTable("national_summary_stale", { itemId: text("item_id").primaryKey() });

// An uploaded file between upload and confirmation: its parsed rows (with each row's verdict) stay on
// the server, so what is stored is what was previewed, never what a client sends back.
export const measurementImports = sqliteTable(
  "measurement_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    kind: text("kind", { enum: measurementKinds }).notNull(),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    status: text("status", { enum: measurementImportStatuses }).notNull().default("preview"),
    headers: text("headers", { mode: "json" }).$type<string[]>().notNull(),
    // The file's cells as read (strings), header excluded; the mapping is applied on every preview.
    cells: text("cells", { mode: "json" }).$type<string[][]>().notNull(),
    mapping: text("mapping", { mode: "json" }).$type<Record<string, number | null>>().notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("measurement_imports_item").on(t.itemId, t.createdAt)],
);

// Training and funding per item (issue 15, decision 030). Like the execution records, `item_id` has no
// foreign key: the lines outlive an item's stay in the document.

// Who must be trained for the item (kind "opleiding") and other one-off hours it costs ("implementatie",
// e.g. project time): people × hours per person, which the net saving subtracts.
export const trainingNeeds = sqliteTable(
  "training_needs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    kind: text("kind", { enum: trainingKinds }).notNull().default("opleiding"),
    // The role or profession (verzorgende IG, wijkverpleegkundige); for implementation, who spends the hours.
    role: text("role").notNull(),
    people: integer("people").notNull(),
    hoursPerPerson: real("hours_per_person").notNull(),
    // The school or provider by name; "" while nobody has been asked (the schools' signal).
    provider: text("provider").notNull().default(""),
    schoolType: text("school_type", { enum: schoolTypes }),
    skillsLab: integer("skills_lab", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: trainingStatuses }).notNull().default("gepland"),
    // The quarter the training is planned in ("2026-Q4"), for the schools' view; null: not yet planned.
    period: text("period"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("training_needs_item").on(t.itemId), index("training_needs_agenda").on(t.agendaId)],
);

// The money behind an item: one line per route applied for, in whole euro cents (no float rounding in sums).
export const itemFunding = sqliteTable(
  "item_funding",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    route: text("route", { enum: fundingRoutes }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: fundingStatuses }).notNull().default("aangevraagd"),
    // The Dutch day of the status (applied, granted, refused or spent), YYYY-MM-DD.
    date: text("date").notNull(),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("item_funding_item").on(t.itemId), index("item_funding_agenda").on(t.agendaId)],
);

// E-mail (decision 037). The outbox: every message is rendered and inserted in the transaction of the
// change it is about, and only the worker (server.ts) sends it. Message-ID is fixed per row, so a
// retry after a crash between send and mark is recognisable as the same message.
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    kind: text("kind").$type<OutboxKind>().notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    // The exact thing the message is about, for the digest's list.
    link: text("link"),
    // RFC 8058 one-click unsubscribe address; null for account messages.
    unsubscribeUrl: text("unsubscribe_url"),
    // Sent as Reply-To: a question's asker, so answering the message reaches them (issue 18).
    replyTo: text("reply_to"),
    messageId: text("message_id").notNull().unique(),
    // held: waits for the user's digest; bundled: went out in digest `digestId`.
    status: text("status", { enum: outboxStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    digestId: integer("digest_id"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt), index("outbox_user_status").on(t.userId, t.status)],
);

// A user's choice per kind; no row: at once.
export const emailPreferences = sqliteTable(
  "email_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: mailKinds }).notNull(),
    delivery: text("delivery", { enum: deliveries }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

// "Wachtwoord vergeten?" requests, counted per address and per IP like login attempts.
export const passwordResetRequests = sqliteTable(
  "password_reset_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("password_reset_requests_email_at").on(t.email, t.at), index("password_reset_requests_ip_at").on(t.ip, t.at)],
);

// A proposal's reminder went out (once per proposal).
export const proposalReminders = sqliteTable("proposal_reminders", {
  proposalId: integer("proposal_id")
    .primaryKey()
    .references(() => priorityProposals.id, { onDelete: "cascade" }),
  sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
});

// A progress request's reminder went out (once per request: a new due date is a new request).
export const progressRequestReminders = sqliteTable(
  "progress_request_reminders",
  {
    regionPeriodId: integer("region_period_id")
      .notNull()
      .references(() => regionPeriodAdvice.id, { onDelete: "cascade" }),
    dueDate: text("due_date").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionPeriodId, t.dueDate] })],
);

// A Word agenda between upload and confirmation (issue 16, decision 034): the document as converted
// (blocks of rich text the agenda allows) and the items the user edits; the confirmation writes the
// stored draft, never what a client sends back, and `version_id` is the version made just before it.
export const agendaImports = sqliteTable(
  "agenda_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    status: text("status", { enum: ["preview", "confirmed"] }).notNull().default("preview"),
    content: text("content", { mode: "json" }).$type<WordDocument>().notNull(),
    draft: text("draft", { mode: "json" }).$type<ImportDraft>().notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    versionId: integer("version_id").references(() => agendaVersions.id),
  },
  (t) => [index("agenda_imports_agenda").on(t.agendaId, t.createdAt)],
);

// A question to the lead of an item in another region (issue 18, "Elders bewezen", decision 039):
// the asker's words travel through Agendawerk to the inbox of the lead organisation's people.
export const itemQuestions = sqliteTable(
  "item_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    askedBy: integer("asked_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    agendaId: integer("agenda_id")
      .notNull()
      .references(() => agendas.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("item_questions_asker").on(t.askedBy, t.createdAt)],
);
