// Learning across regions (issue 18, decision 039), for logged-in users: the same innovation on other
// regions' agendas ("Elders bewezen"), well-evidenced innovations other regions use for the same
// sectors ("Bewezen voor uw sectoren"), stopped items' lessons and solved barriers' way out, and a
// question to another region's lead. Another region shows only its public items: the mark
// "Zichtbaar voor iedereen (openbaar)" is the one consent to be seen outside the region.
import { and, desc, eq, gte, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../../db";
import {
  agendaItems,
  agendas,
  innovations,
  itemInnovations,
  itemQuestions,
  itemStatusChanges,
  memberships,
  notifications,
  organisations,
  regions,
  users,
} from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import type { MessageKey } from "../i18n/messages";
import { linkSavingsForItems } from "./savings.server";
import { realisedForItems } from "./realised-savings.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notifications.server";
import { regionNamesOfUsers } from "./user.server";
import { NotAllowedError } from "./errors.server";
import { PROVEN_LEVEL, QUESTION_LIMITS, QUESTIONS_PER_DAY } from "../domain/learning";
import { preparedFor } from "../utils/prepared.server";

type AgendaRef = { id: number; regionId: number; partnersMayRead?: boolean };


function allowRead(actor: Principal, agenda: AgendaRef) {
  if (!can(actor, "read:agenda", { regionId: agenda.regionId, partnersMayRead: agenda.partnersMayRead })) throw new NotAllowedError();
}

/** Public items on other regions' live agendas, with region, agenda and lead. */
function publicItemsElsewhere(db: Db, regionId: number, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, title: agendaItems.title, status: agendaItems.status, mechanism: agendaItems.mechanism, leadOrganisation: agendaItems.leadOrganisation, sectors: agendaItems.sectors, regionName: regions.name })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(and(inArray(agendaItems.id, [...itemIds]), eq(agendaItems.isPublic, true), ne(agendas.status, "gearchiveerd"), ne(agendas.regionId, regionId)))
    .orderBy(regions.name, agendaItems.title)
    .all();
}

/** The lesson of each stopped item: the latest stop's. */
function lessonsOf(db: Db, itemIds: readonly string[]) {
  if (!itemIds.length) return new Map<string, string>();
  const rows = db
    .select({ itemId: itemStatusChanges.itemId, lesson: itemStatusChanges.lessonLearned })
    .from(itemStatusChanges)
    .where(and(inArray(itemStatusChanges.itemId, [...itemIds]), eq(itemStatusChanges.status, "gestopt"), isNotNull(itemStatusChanges.lessonLearned)))
    .orderBy(desc(itemStatusChanges.changedAt))
    .all();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.itemId) && r.lesson) out.set(r.itemId, r.lesson);
  return out;
}

/** Per innovation linked to this item: the other regions' public items with it, their status, results, lead and lesson. */
export function provenElsewhere({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaRef; itemId: string }) {
  allowRead(actor, agenda);
  const own = db
    .select({ innovationId: itemInnovations.innovationId, slug: innovations.slug, nameNl: innovations.nameNl, nameEn: innovations.nameEn })
    .from(itemInnovations)
    .innerJoin(innovations, eq(innovations.id, itemInnovations.innovationId))
    .where(and(eq(itemInnovations.agendaId, agenda.id), eq(itemInnovations.itemId, itemId)))
    .all();
  if (!own.length) return [];
  const links = db
    .select({ itemId: itemInnovations.itemId, innovationId: itemInnovations.innovationId })
    .from(itemInnovations)
    .where(and(inArray(itemInnovations.innovationId, own.map((o) => o.innovationId)), ne(itemInnovations.agendaId, agenda.id)))
    .all();
  const items = publicItemsElsewhere(db, agenda.regionId, [...new Set(links.map((l) => l.itemId))]);
  const saved = linkSavingsForItems({ db, itemIds: items.map((i) => i.id) });
  const realised = realisedForItems({ db, items: items.map((i) => ({ itemId: i.id, mechanism: i.mechanism, links: saved.get(i.id) ?? [] })) });
  const lessons = lessonsOf(db, items.map((i) => i.id));
  return own.map((o) => ({
    innovation: { slug: o.slug, nameNl: o.nameNl, nameEn: o.nameEn },
    uses: items
      .filter((i) => links.some((l) => l.itemId === i.id && l.innovationId === o.innovationId))
      .map((i) => {
        const r = realised.get(i.id)!;
        return {
          itemId: i.id,
          regionName: i.regionName,
          title: i.title,
          status: i.status,
          leadOrganisation: i.leadOrganisation,
          projectedHours: r.projected?.hoursPerYear.expected ?? null,
          realised: r.realised.ok ? { hoursPerYear: r.realised.hoursPerYear, latestPeriod: r.realised.latestPeriod } : null,
          lesson: lessons.get(i.id) ?? null,
        };
      }),
  })).filter((o) => o.uses.length > 0);
}
export type ProvenElsewhere = ReturnType<typeof provenElsewhere>;

/** Item `i` of agenda `a` is another region's public item on a live agenda (as publicItemsElsewhere). */
const publicElsewhere = "i.is_public = 1 AND a.status <> 'gearchiveerd' AND a.region_id <> @regionId";

// The agenda page asks both on every view; as single prepared statements they cost a fraction of
// the drizzle queries they replace, whose id lists grew with every public item in the country.
const ownSectorsQuery = preparedFor((db) => db.$client.prepare("SELECT DISTINCT s.value FROM agenda_items i, json_each(i.sectors) s WHERE i.agenda_id = ?").pluck());

/** Other regions' public items on live agendas that use an innovation rated PROVEN_LEVEL or better which this agenda does not link. */
const provenUsesQuery = preparedFor((db) =>
  db.$client.prepare(`
    SELECT best.innovation_id AS innovationId, best.level, inn.slug, inn.name_nl AS nameNl, inn.name_en AS nameEn, i.sectors, r.name AS regionName
    FROM (SELECT innovation_id, max(evidence_level) AS level FROM innovation_ratings WHERE evidence_level >= @proven GROUP BY innovation_id) best
    JOIN innovations inn ON inn.id = best.innovation_id
    JOIN item_innovations ii ON ii.innovation_id = best.innovation_id
    JOIN agenda_items i ON i.id = ii.item_id AND i.agenda_id = ii.agenda_id
    JOIN agendas a ON a.id = i.agenda_id
    JOIN regions r ON r.id = a.region_id
    WHERE ${publicElsewhere}
      AND best.innovation_id NOT IN (SELECT innovation_id FROM item_innovations WHERE agenda_id = @agendaId)`),
);

type ProvenUse = { innovationId: number; level: number; slug: string; nameNl: string; nameEn: string; sectors: string; regionName: string };

/**
 * Innovations with a rating of level 3 or 4 that other regions use on public items for a sector of
 * this agenda, and this agenda does not link: what the region could take over.
 */
export function provenForSectors({ db, actor, agenda }: { db: Db; actor: Principal; agenda: AgendaRef }) {
  allowRead(actor, agenda);
  const sectors = new Set(ownSectorsQuery(db).all(agenda.id) as string[]);
  if (!sectors.size) return [];
  const uses = provenUsesQuery(db).all({ proven: PROVEN_LEVEL, regionId: agenda.regionId, agendaId: agenda.id }) as ProvenUse[];
  const out = new Map<number, { innovation: { slug: string; nameNl: string; nameEn: string }; level: number; sectors: Set<string>; regions: Set<string> }>();
  for (const use of uses) {
    const shared = (JSON.parse(use.sectors) as string[]).filter((s) => sectors.has(s));
    if (!shared.length) continue;
    let entry = out.get(use.innovationId);
    if (!entry) out.set(use.innovationId, (entry = { innovation: { slug: use.slug, nameNl: use.nameNl, nameEn: use.nameEn }, level: use.level, sectors: new Set(), regions: new Set() }));
    shared.forEach((s) => entry.sectors.add(s));
    entry.regions.add(use.regionName);
  }
  return [...out.values()]
    .map((e) => ({ ...e, sectors: [...e.sectors].sort(), regions: [...e.regions].sort() }))
    .sort((a, b) => b.level - a.level || a.innovation.nameNl.localeCompare(b.innovation.nameNl));
}

/** Solved barriers, with how, on other regions' public items of live agendas, of a type this agenda has open. */
const solvedElsewhereQuery = preparedFor((db) =>
  db.$client.prepare(`
    SELECT b.id, b.type_key AS typeKey, r.name AS regionName, i.title AS itemTitle, b.resolution
    FROM barriers b
    JOIN agenda_items i ON i.id = b.item_id
    JOIN agendas a ON a.id = i.agenda_id
    JOIN regions r ON r.id = a.region_id
    WHERE b.status = 'opgelost' AND b.resolution IS NOT NULL AND b.resolution <> '' AND b.agenda_id <> @agendaId
      AND b.type_key IN (SELECT type_key FROM barriers WHERE agenda_id = @agendaId AND status <> 'opgelost')
      AND ${publicElsewhere}
    ORDER BY b.id`),
);

/** Barriers of the types this agenda has open that other regions solved on public items, with how. */
export function solvedElsewhere({ db, actor, agenda }: { db: Db; actor: Principal; agenda: AgendaRef }) {
  allowRead(actor, agenda);
  return solvedElsewhereQuery(db).all({ agendaId: agenda.id, regionId: agenda.regionId }) as Array<{ id: number; typeKey: string; regionName: string; itemTitle: string; resolution: string }>;
}

/**
 * Who answers for an item: the region's people of its lead organisation, else its coordinators
 * (a lead organisation with nobody on Agendawerk still gets an answer through the region).
 */
function leadsOf(db: Db, regionId: number, leadOrganisation: string) {
  const lead = leadOrganisation.trim().toLowerCase();
  const people = db
    .select({ id: users.id, role: memberships.role, organisation: organisations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(memberships.regionId, regionId))
    .all();
  const ofLead = lead ? people.filter((p) => p.organisation?.trim().toLowerCase() === lead) : [];
  return (ofLead.length ? ofLead : people.filter((p) => p.role === "coordinator")).map((p) => p.id);
}

export type AskResult = { ok: true; recipients: number } | { ok: false; error: MessageKey };

/**
 * Sends a question about another region's public item to its lead's inbox and, as each lead chose
 * for the mail kind "question", by e-mail with Reply-To the asker (queued by `notify`, decision 037).
 */
export function askLead({ db, actor, itemId, body, now = new Date() }: { db: Db; actor: Principal; itemId: string; body: string; now?: Date }): AskResult {
  const text = body.trim();
  if (text.length < QUESTION_LIMITS.min || text.length > QUESTION_LIMITS.max) return { ok: false, error: "learning.error.length" };
  const target = db
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, leadOrganisation: agendaItems.leadOrganisation, regionId: agendas.regionId })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.isPublic, true), ne(agendas.status, "gearchiveerd")))
    .get();
  if (!target) return { ok: false, error: "learning.error.notPublic" };
  // Learning is for people who work on an agenda somewhere; a platform account has no region to learn for.
  if (!actor.memberships.length) throw new NotAllowedError();
  return db.transaction((tx) => {
    const recent = tx.select({ id: itemQuestions.id }).from(itemQuestions).where(and(eq(itemQuestions.askedBy, actor.id), gte(itemQuestions.createdAt, new Date(now.getTime() - 86_400_000)))).all().length;
    if (recent >= QUESTIONS_PER_DAY) return { ok: false, error: "learning.error.rateLimited" } as const;
    const recipients = leadsOf(tx as unknown as Db, target.regionId, target.leadOrganisation).filter((id) => id !== actor.id);
    if (!recipients.length) return { ok: false, error: "learning.error.noLead" } as const;
    const { id } = tx.insert(itemQuestions).values({ askedBy: actor.id, agendaId: target.agendaId, itemId: target.id, body: text, createdAt: now }).returning({ id: itemQuestions.id }).get();
    notify({ db: tx, userIds: recipients, kind: "question", questionId: id });
    recordAudit({ db: tx, actorId: actor.id, action: "question.asked", entityType: "item_question", entityId: id, regionId: target.regionId, data: { itemId: target.id, recipients, length: text.length } });
    return { ok: true, recipients: recipients.length } as const;
  });
}

/** What an inbox line about a question shows: who asked, from which region, about which item, and the question. */
export function questionNotificationDetails({ db, notificationIds }: { db: Db; notificationIds: number[] }) {
  if (!notificationIds.length) return [];
  const rows = db
    .select({ id: notifications.id, body: itemQuestions.body, askerId: users.id, askerName: users.name, askerEmail: users.email, itemTitle: agendaItems.title, agendaId: itemQuestions.agendaId, itemId: itemQuestions.itemId })
    .from(notifications)
    .innerJoin(itemQuestions, eq(itemQuestions.id, notifications.questionId))
    .innerJoin(users, eq(users.id, itemQuestions.askedBy))
    .leftJoin(agendaItems, eq(agendaItems.id, itemQuestions.itemId))
    .where(inArray(notifications.id, notificationIds))
    .all();
  const askerRegions = regionNamesOfUsers({ db, userIds: rows.map((r) => r.askerId) });
  return rows.map((r) => [r.id, { ...r, askerRegion: askerRegions.get(r.askerId) ?? "" }] as const);
}
export type ProvenForSectors = ReturnType<typeof provenForSectors>;
export type SolvedElsewhere = ReturnType<typeof solvedElsewhere>;
