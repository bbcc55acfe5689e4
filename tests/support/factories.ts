// Small, composable builders of test data on a real temp SQLite, so each test shows the data it
// needs instead of depending on the demo content (which is tested once, in demo-data.test.ts).
// The reference data (the 28 regions, barrier types, the catalogue with its reference ratings) is
// what every installation has, so tests pick from it rather than invent their own.
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import * as s from "../../db/schema";
import { seedReferenceData } from "../../db/seed";
import { addItem, getIntro, paragraphsToXml, type ItemInit } from "../../app/domain/agenda-doc";
import { projectToReadModel } from "../../app/collab/projection.server";
import { agendaRoom } from "../../app/domain/rooms";
import { hashPassword } from "../../app/models/user.server";
import { loadPrincipal } from "../../app/models/session.server";
import type { Principal } from "../../app/domain/permissions";
import type { agendaStatuses, barrierStatuses, OrganisationKind, RegionRole, UserKind } from "../../app/domain/vocabulary";
import { silentLogger } from "../../collab-server/types";
import { tempDatabase } from "./temp-db";

type AgendaStatus = (typeof agendaStatuses)[number];
type BarrierStatus = (typeof barrierStatuses)[number];

export type Region = { id: number; slug: string; name: string };
export type TestUser = { id: number; email: string; name: string; principal: () => Principal };
export type TestAgenda = { id: number; regionId: number; room: string; itemIds: string[] };

/** A temp database with the reference data only, and factories bound to it. */
export function factoryDatabase() {
  const ctx = tempDatabase();
  seedReferenceData({ db: ctx.db });
  return { ...ctx, make: factories(ctx.db) };
}

export function factories(db: Db) {
  let serial = 0;
  const next = () => ++serial;

  /** One of the 28 reference regions. */
  function region(slug = "amsterdam"): Region {
    const row = db.select({ id: s.regions.id, slug: s.regions.slug, name: s.regions.name }).from(s.regions).where(eq(s.regions.slug, slug)).get();
    if (!row) throw new Error(`no reference region ${slug}`);
    return row;
  }

  function organisation({ region: r, name = `Organisatie ${next()}`, kind = "care_provider" }: { region: Region; name?: string; kind?: OrganisationKind }) {
    return db.insert(s.organisations).values({ name, kind, regionId: r.id }).returning({ id: s.organisations.id, name: s.organisations.name }).get();
  }

  /**
   * A user; `roles` gives memberships, `covers` an adviser's regions. No password unless asked
   * (hashing is the slow part of a test): pass `password` to `withPassword`.
   */
  function user({
    kind = "member",
    roles = [],
    covers = [],
    organisationId = null,
    email,
    name,
  }: {
    kind?: UserKind;
    roles?: Array<{ region: Region; role: RegionRole }>;
    covers?: Region[];
    organisationId?: number | null;
    email?: string;
    name?: string;
  } = {}): TestUser {
    const n = next();
    const row = db
      .insert(s.users)
      .values({ email: email ?? `${kind}-${n}@test.agendawerk.nl`, name: name ?? `Testpersoon ${n}`, kind, organisationId })
      .returning({ id: s.users.id, email: s.users.email, name: s.users.name })
      .get();
    for (const { region: r, role } of roles) db.insert(s.memberships).values({ userId: row.id, regionId: r.id, role }).run();
    for (const r of covers) db.insert(s.adviserCoverage).values({ userId: row.id, regionId: r.id }).run();
    return { ...row, principal: () => loadPrincipal({ db, userId: row.id })! };
  }

  /** A member of one region with the given role, working at an organisation in that region. */
  const member = (r: Region, role: RegionRole = "member", extra: { email?: string; name?: string } = {}) =>
    user({ roles: [{ region: r, role }], organisationId: organisation({ region: r }).id, ...extra });
  const adviser = (covers: Region[], extra: { email?: string; name?: string } = {}) => user({ kind: "adviser", covers, ...extra });
  /** The ministry's administrator (beheer). */
  const admin = (extra: { email?: string; name?: string } = {}) => user({ kind: "admin", ...extra });

  async function withPassword<U extends { id: number }>(u: U, password: string): Promise<U> {
    db.update(s.users).set({ passwordHash: await hashPassword(password) }).where(eq(s.users.id, u.id)).run();
    return u;
  }

  /**
   * An agenda whose document and read model agree, as the app writes them: the items go into a
   * Yjs document (stored as the room's snapshot) and agenda_items is its projection.
   */
  function agenda({
    region: r,
    title = `Agenda ${next()}`,
    period = `2026-${next()}`,
    status = "actief",
    intro = [],
    items = [],
  }: {
    region: Region;
    title?: string;
    period?: string;
    status?: AgendaStatus;
    intro?: string[];
    items?: ItemInit[];
  }): TestAgenda {
    const { id } = db.insert(s.agendas).values({ regionId: r.id, title, period, status }).returning({ id: s.agendas.id }).get();
    const doc = new Y.Doc();
    paragraphsToXml(getIntro(doc), intro);
    const itemIds = items.map((item) => addItem(doc, item));
    const room = agendaRoom(id);
    db.insert(s.ydocSnapshots).values({ room, state: Buffer.from(Y.encodeStateAsUpdate(doc)), upToUpdateId: 0, updatedAt: new Date() }).run();
    projectToReadModel(db, id, doc, new Date(), silentLogger);
    return { id, regionId: r.id, room, itemIds };
  }

  /** A reference innovation, by slug. */
  function innovation(slug: string) {
    const row = db.select().from(s.innovations).where(eq(s.innovations.slug, slug)).get();
    if (!row) throw new Error(`no reference innovation ${slug}`);
    return row;
  }

  /** An innovation linked to an item with a reach (the row addLink writes, without its checks). */
  function link({
    agenda: a,
    itemId,
    innovation: slug,
    reach = 10,
    reachUnit = "fte",
    taskHoursPerWeek = null,
    eventsPerWeek = null,
    createdBy = null,
  }: {
    agenda: TestAgenda;
    itemId: string;
    innovation: string;
    reach?: number;
    reachUnit?: "clients" | "fte";
    taskHoursPerWeek?: number | null;
    eventsPerWeek?: number | null;
    createdBy?: number | null;
  }) {
    return db
      .insert(s.itemInnovations)
      .values({ agendaId: a.id, itemId, innovationId: innovation(slug).id, reach, reachUnit, taskHoursPerWeek, eventsPerWeek, createdBy })
      .returning({ id: s.itemInnovations.id })
      .get().id;
  }

  /**
   * A barrier on an item, quoting a passage but without anchors into the document (as after the
   * passage was deleted); `followers` get its thread's notifications.
   */
  function barrier({
    agenda: a,
    itemId,
    createdBy,
    typeKey = "financing",
    subTypeKey = null,
    severity = "middel",
    level = "regio",
    status = "open",
    description = `Belemmering ${next()}`,
    quote = "",
    assigneeId = null,
    followers = [],
    createdAt,
  }: {
    agenda: TestAgenda;
    itemId: string;
    createdBy: number;
    typeKey?: string;
    subTypeKey?: string | null;
    severity?: "laag" | "middel" | "hoog";
    level?: "organisatie" | "regio" | "landelijk";
    status?: BarrierStatus;
    description?: string;
    quote?: string;
    assigneeId?: number | null;
    followers?: number[];
    createdAt?: Date;
  }) {
    const { id } = db
      .insert(s.barriers)
      .values({ agendaId: a.id, itemId, typeKey, subTypeKey, severity, level, status, description, quote, assigneeId, createdBy, ...(createdAt ? { createdAt } : {}) })
      .returning({ id: s.barriers.id })
      .get();
    for (const userId of followers) db.insert(s.barrierFollowers).values({ barrierId: id, userId }).run();
    return id;
  }

  return { region, organisation, user, member, adviser, admin, withPassword, agenda, innovation, link, barrier };
}

export type Factories = ReturnType<typeof factories>;
