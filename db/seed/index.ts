// Demo data, created on first start and safe to run again: every insert is keyed on a natural key
// (slug, email, name+region, region+period) and skipped when the row exists.
import * as Y from "yjs";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { verify } from "@node-rs/argon2";
import type { Db } from "..";
import {
  adviserCoverage,
  agendas,
  barrierTypes,
  innovationRatings,
  innovations,
  itemInnovations,
  memberships,
  organisations,
  regions,
  users,
  ydocSnapshots,
  type OrganisationKind,
  type RegionRole,
  type UserKind,
} from "../schema";
import regionsJson from "../reference/regions.json" with { type: "json" };
import innovationsJson from "../reference/innovations.json" with { type: "json" };
import barrierTypesJson from "../reference/barrier-types.json" with { type: "json" };
import { addItem, getIntro, paragraphsToXml } from "../../app/domain/agenda-doc";
import { projectToReadModel } from "../../app/collab/projection.server";
import { hashPassword } from "../../app/models/user.server";
import { agendaRoom } from "../../app/domain/rooms";
import { demoAgendas } from "./demo-agendas";
import { demoInnovationDetails } from "./demo-innovations";
import { seedDemoBarriers } from "./demo-barriers";
import { demoPlanningQuarter, seedDemoExecution } from "./demo-execution";
import { periodStart } from "../../app/domain/periods";
import { seedDemoTraining } from "./demo-training";
import { seedDemoMeasurements } from "./demo-measurements";
import { seedDemoAdoption } from "./demo-adoption";
import { insertRegionalShortages } from "./regional-shortages";
import { insertBarrierSubTypes } from "./barrier-sub-types";
import { newSourcedInnovations, referenceRatingRow, referenceRatings } from "./reference-ratings";
import { recordAudit } from "../../app/models/audit.server";

export const DEMO_PASSWORD = "Agendawerk-demo-2026";

type DemoOrg = { region: string; name: string; kind: OrganisationKind; sector?: string; schoolLevel?: "mbo" | "hbo" | "wo" };
const demoOrganisations: DemoOrg[] = [
  { region: "amsterdam", name: "Zorggroep Amstelhof", kind: "care_provider", sector: "verpleeghuiszorg" },
  { region: "amsterdam", name: "Buurtzorg Amstel-Noord", kind: "care_provider", sector: "wijkverpleging" },
  { region: "amsterdam", name: "ROC Amstelland", kind: "school", schoolLevel: "mbo" },
  { region: "amsterdam", name: "Hogeschool Amstel", kind: "school", schoolLevel: "hbo" },
  { region: "amsterdam", name: "Gemeente Amsterdam", kind: "municipality" },
  { region: "amsterdam", name: "Werkgeversvereniging Zorg Amsterdam", kind: "employer_organisation" },
  { region: "amsterdam", name: "Zorgkantoor Amstelland", kind: "insurer" },
  { region: "twente", name: "Ziekenhuis Twente Oost", kind: "care_provider", sector: "ziekenhuis" },
  { region: "twente", name: "Carinthe Zorg", kind: "care_provider", sector: "verpleeghuiszorg" },
  { region: "twente", name: "Hogeschool Twentse Zorg", kind: "school", schoolLevel: "hbo" },
  { region: "twente", name: "Technische Universiteit Twente (zorgtechnologie)", kind: "knowledge_institute" },
  { region: "twente", name: "Gemeente Enschede", kind: "municipality" },
  { region: "zuid-limburg", name: "Thuiszorg Heuvelland", kind: "care_provider", sector: "wijkverpleging" },
  { region: "zuid-limburg", name: "GGD Zuid-Limburg", kind: "municipality" },
  { region: "zuid-limburg", name: "Universiteit Maastricht (zorgonderzoek)", kind: "school", schoolLevel: "wo" },
  { region: "zuid-limburg", name: "Zorgcentra Heuvelland", kind: "care_provider", sector: "verpleeghuiszorg" },
];

type DemoUser = {
  email: string;
  name: string;
  kind: UserKind;
  org?: string;
  memberships?: Array<{ region: string; role: RegionRole }>;
  covers?: string[];
};
export const demoUsers: DemoUser[] = [
  { email: "werkgroep@demo.agendawerk.nl", name: "Fatima El Amrani", kind: "member", org: "ROC Amstelland", memberships: [{ region: "amsterdam", role: "member" }] },
  { email: "coordinator@demo.agendawerk.nl", name: "Joost de Vries", kind: "member", org: "Zorggroep Amstelhof", memberships: [{ region: "amsterdam", role: "coordinator" }] },
  { email: "bestuurder@demo.agendawerk.nl", name: "Marieke Jansen", kind: "member", org: "Zorggroep Amstelhof", memberships: [{ region: "amsterdam", role: "board" }] },
  { email: "bestuurder2@demo.agendawerk.nl", name: "Henk Bos", kind: "member", org: "Gemeente Amsterdam", memberships: [{ region: "amsterdam", role: "board" }] },
  { email: "adviseur@demo.agendawerk.nl", name: "Sanne Bakker", kind: "adviser", covers: ["amsterdam", "twente", "zuid-limburg", "haaglanden"] },
  { email: "beheer@demo.agendawerk.nl", name: "Pieter Visser", kind: "admin" },
  { email: "werkgroep.twente@demo.agendawerk.nl", name: "Ruben Kamphuis", kind: "member", org: "Ziekenhuis Twente Oost", memberships: [{ region: "twente", role: "member" }] },
  { email: "coordinator.twente@demo.agendawerk.nl", name: "Anouk Smit", kind: "member", org: "Carinthe Zorg", memberships: [{ region: "twente", role: "coordinator" }] },
  // Twente's board: lets the approval end-to-end test own a region of its own.
  { email: "bestuurder.twente@demo.agendawerk.nl", name: "Gerrit Nijhuis", kind: "member", org: "Ziekenhuis Twente Oost", memberships: [{ region: "twente", role: "board" }] },
  { email: "bestuurder2.twente@demo.agendawerk.nl", name: "Esther Wolters", kind: "member", org: "Gemeente Enschede", memberships: [{ region: "twente", role: "board" }] },
  { email: "werkgroep.limburg@demo.agendawerk.nl", name: "Mieke Claessens", kind: "member", org: "Thuiszorg Heuvelland", memberships: [{ region: "zuid-limburg", role: "member" }] },
  // Zuid-Limburg's coordinator and board adopted its agenda (db/seed/demo-adoption.ts): the public page's demo.
  { email: "coordinator.limburg@demo.agendawerk.nl", name: "Ingrid Lemmens", kind: "member", org: "Zorgcentra Heuvelland", memberships: [{ region: "zuid-limburg", role: "coordinator" }] },
  { email: "bestuurder.limburg@demo.agendawerk.nl", name: "Jos Hermans", kind: "member", org: "GGD Zuid-Limburg", memberships: [{ region: "zuid-limburg", role: "board" }] },
  { email: "bestuurder2.limburg@demo.agendawerk.nl", name: "Anke Vroemen", kind: "member", org: "Zorgcentra Heuvelland", memberships: [{ region: "zuid-limburg", role: "board" }] },
];

/** What every installation needs, production too: the regions, barrier types and innovation catalogue. */
export function seedReferenceData({ db }: { db: Db }) {
  db.transaction((tx) => insertReferenceData(tx as unknown as Db));
}

function insertReferenceData(tx: Db) {
  for (const r of regionsJson.regions) {
    tx.insert(regions).values({ slug: r.slug, name: r.name }).onConflictDoNothing().run();
  }
  insertRegionalShortages(tx);
  for (const t of barrierTypesJson.types) {
    tx.insert(barrierTypes)
      .values({ key: t.key, nameNl: t.nl, nameEn: t.en, scopeHint: t.scope_hint as "national", origin: t.from })
      .onConflictDoNothing()
      .run();
  }
  insertBarrierSubTypes(tx);

  for (const inn of innovationsJson.innovations) {
    const details = demoInnovationDetails[inn.slug];
    tx.insert(innovations)
      .values({
        slug: inn.slug,
        nameNl: inn.name.nl,
        nameEn: inn.name.en,
        descriptionNl: details?.description ?? "",
        kind: inn.kind as "technological" | "social",
        mechanism: inn.mechanism as "prevention",
        sectors: inn.sectors,
        costIndication: details?.cost ?? null,
        sources: [inn.source],
      })
      .onConflictDoNothing()
      .run();
  }
  for (const inn of newSourcedInnovations) {
    tx.insert(innovations)
      .values({
        slug: inn.slug,
        nameNl: inn.name.nl,
        nameEn: inn.name.en,
        descriptionNl: demoInnovationDetails[inn.slug]?.description ?? "",
        kind: inn.kind as "technological" | "social",
        mechanism: inn.mechanism as "prevention",
        sectors: inn.sectors,
        costIndication: demoInnovationDetails[inn.slug]?.cost ?? null,
        sources: [...new Set(inn.evidence.map((e) => e.sourceUrl).filter(Boolean))],
      })
      .onConflictDoNothing()
      .run();
  }
  syncReferenceRatings(tx);
}

const ratingColumns = (r: typeof innovationRatings.$inferSelect) => ({
  ...r,
  id: undefined,
  createdAt: undefined,
  innovationId: r.innovationId,
});

/**
 * Brings the reference ratings (db/seed/reference-ratings.ts) to what this release ships, on a new
 * database and an existing one alike, with an audit entry per rating added or removed. Only rows
 * without a rater are touched: a rating a person entered is never changed. The ratings of earlier
 * releases had neither a rater nor a reference key; they are removed (issue 12: a blend of category
 * errors), their full row kept in the audit log.
 */
function syncReferenceRatings(tx: Db) {
  const innovationIds = new Map(tx.select({ id: innovations.id, slug: innovations.slug }).from(innovations).all().map((r) => [r.slug, r.id]));
  const remove = (row: typeof innovationRatings.$inferSelect, reason: string) => {
    tx.delete(innovationRatings).where(eq(innovationRatings.id, row.id)).run();
    recordAudit({ db: tx, actorId: null, action: "rating.reference_remove", entityType: "innovation_rating", entityId: row.id, data: { reason, row } });
  };
  for (const row of tx.select().from(innovationRatings).where(and(isNull(innovationRatings.ratedBy), isNull(innovationRatings.ref))).all()) {
    remove(row, "demo rating without a source quote, replaced by the reference ratings");
  }
  const existing = new Map(
    tx
      .select()
      .from(innovationRatings)
      .where(and(isNull(innovationRatings.ratedBy), isNotNull(innovationRatings.ref)))
      .all()
      .map((r) => [r.ref!, r]),
  );
  const shipped = new Set<string>();
  for (const r of referenceRatings) {
    const innovationId = innovationIds.get(r.innovation);
    if (!innovationId) continue;
    shipped.add(r.ref);
    const values = { ...referenceRatingRow(r), innovationId };
    const have = existing.get(r.ref);
    if (have) {
      const stored = ratingColumns(have);
      if (Object.entries(values).every(([k, v]) => JSON.stringify(stored[k as keyof typeof stored] ?? null) === JSON.stringify(v ?? null))) continue;
      remove(have, "reference rating changed in this release");
    }
    const row = tx.insert(innovationRatings).values(values).returning({ id: innovationRatings.id }).get();
    recordAudit({ db: tx, actorId: null, action: "rating.reference_add", entityType: "innovation_rating", entityId: row.id, data: values });
  }
  for (const [ref, row] of existing) if (!shipped.has(ref)) remove(row, "reference rating withdrawn in this release");
}

/** The reference data plus demo organisations, accounts (password DEMO_PASSWORD), agendas and barriers. */
export async function seedDemoData({ db }: { db: Db }) {
  // Hash outside the transaction: argon2 is async and better-sqlite3 transactions are synchronous.
  const missingUsers = demoUsers.filter(
    (u) => !db.select({ id: users.id }).from(users).where(eq(users.email, u.email)).get(),
  );
  const passwordHash = missingUsers.length ? await hashPassword(DEMO_PASSWORD) : "";

  db.transaction((tx) => {
    insertReferenceData(tx as unknown as Db);
    const regionId = (slug: string) =>
      tx.select({ id: regions.id }).from(regions).where(eq(regions.slug, slug)).get()!.id;

    for (const o of demoOrganisations) {
      tx.insert(organisations)
        .values({ name: o.name, kind: o.kind, sector: o.sector ?? null, schoolLevel: o.schoolLevel ?? null, regionId: regionId(o.region) })
        .onConflictDoNothing()
        .run();
    }

    for (const u of missingUsers) {
      const org = u.org ? tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, u.org)).get() : undefined;
      const { id } = tx
        .insert(users)
        .values({ email: u.email, name: u.name, kind: u.kind, passwordHash, organisationId: org?.id ?? null })
        .returning({ id: users.id })
        .get();
      for (const m of u.memberships ?? []) {
        tx.insert(memberships).values({ userId: id, regionId: regionId(m.region), role: m.role }).onConflictDoNothing().run();
      }
      for (const slug of u.covers ?? []) {
        tx.insert(adviserCoverage).values({ userId: id, regionId: regionId(slug) }).onConflictDoNothing().run();
      }
    }

    // As the agendas were drawn up, before the stuurgroep set their priorities (demo-execution.ts).
    const linkedAt = new Date(periodStart(demoPlanningQuarter(new Date())) + 5 * 24 * 60 * 60 * 1000);
    for (const a of demoAgendas) {
      const rid = regionId(a.region);
      const exists = tx
        .select({ id: agendas.id })
        .from(agendas)
        .where(and(eq(agendas.regionId, rid), eq(agendas.period, a.period)))
        .get();
      if (exists) continue;
      const { id } = tx
        .insert(agendas)
        .values({ regionId: rid, title: a.title, period: a.period, status: a.status })
        .returning({ id: agendas.id })
        .get();
      const doc = new Y.Doc();
      paragraphsToXml(getIntro(doc), a.intro);
      for (const { links, ...item } of a.items) {
        const itemId = addItem(doc, item);
        for (const link of links ?? []) {
          const innovation = tx.select({ id: innovations.id }).from(innovations).where(eq(innovations.slug, link.innovation)).get()!;
          tx.insert(itemInnovations)
            .values({
              agendaId: id,
              itemId,
              innovationId: innovation.id,
              reach: link.reach,
              reachUnit: link.unit,
              reachOrganisations: link.organisations,
              reachBy: link.by,
              taskHoursPerWeek: link.taskHoursPerWeek ?? null,
              eventsPerWeek: link.eventsPerWeek ?? null,
              createdAt: linkedAt,
            })
            .run();
        }
      }
      tx.insert(ydocSnapshots)
        .values({ room: agendaRoom(id), state: Buffer.from(Y.encodeStateAsUpdate(doc)), upToUpdateId: 0, updatedAt: new Date() })
        .run();
      // The server's own projection, on the seed's connection inside its transaction.
      projectToReadModel(db, id, doc, new Date(), console);
    }
    seedDemoBarriers({ tx: tx as unknown as Db });
    seedDemoExecution({ tx: tx as unknown as Db });
    seedDemoTraining({ tx: tx as unknown as Db });
    seedDemoMeasurements({ tx: tx as unknown as Db });
  });
  // After the transaction: a proposal freezes the agenda asynchronously, as the board's path does.
  await seedDemoAdoption({ db });
}

/**
 * Emails of the accounts whose password is the published DEMO_PASSWORD. Hashes are salted, so
 * each distinct stored hash is verified (about 5 ms each on the argon2 thread pool; the demo
 * accounts of one seed share one hash). A production start refuses to run while any exist.
 */
export async function accountsWithDemoPassword({ db }: { db: Db }): Promise<string[]> {
  const rows = db.select({ email: users.email, hash: users.passwordHash }).from(users).where(isNotNull(users.passwordHash)).all();
  const emailsByHash = new Map<string, string[]>();
  for (const { email, hash } of rows) emailsByHash.set(hash!, [...(emailsByHash.get(hash!) ?? []), email]);
  const hashes = [...emailsByHash.keys()];
  const found: string[] = [];
  let next = 0;
  // Four at a time: libuv's pool size, and 19 MiB of argon2 memory each.
  const worker = async () => {
    while (next < hashes.length) {
      const hash = hashes[next++];
      // A hash that is not argon2 (an unusable placeholder) opens nothing.
      if (await verify(hash, DEMO_PASSWORD).catch(() => false)) found.push(...emailsByHash.get(hash)!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, hashes.length) }, worker));
  return found.sort();
}
