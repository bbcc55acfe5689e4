import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, memberships, organisations, regions, users } from "../../db/schema";
import { roleInRegion, type Principal } from "../domain/permissions";

/** All 28 regions with the viewer's role in each; the viewer's own regions first. */
export function listRegionsFor({ db, actor }: { db: Db; actor: Principal }) {
  const agendaCounts = new Map(
    db
      .select({ regionId: agendas.regionId, n: count() })
      .from(agendas)
      .groupBy(agendas.regionId)
      .all()
      .map((r) => [r.regionId, r.n]),
  );
  const rows = db.select().from(regions).orderBy(asc(regions.name)).all();
  const withRole = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    agendaCount: agendaCounts.get(r.id) ?? 0,
    role: roleInRegion(actor, { regionId: r.id, partnersMayRead: r.partnersMayRead }),
  }));
  const own = (r: (typeof withRole)[number]) => r.role !== null && r.role !== "admin";
  return { mine: withRole.filter(own), others: withRole.filter((r) => !own(r)) };
}

export function getRegionBySlug({ db, slug }: { db: Db; slug: string }) {
  return db.select().from(regions).where(eq(regions.slug, slug)).get() ?? null;
}

export function getRegionDetail({ db, regionId }: { db: Db; regionId: number }) {
  const regionAgendas = db
    .select()
    .from(agendas)
    .where(eq(agendas.regionId, regionId))
    .orderBy(asc(agendas.period))
    .all();
  const itemCounts = new Map(
    regionAgendas.length
      ? db
          .select({ agendaId: agendaItems.agendaId, n: count() })
          .from(agendaItems)
          .where(inArray(agendaItems.agendaId, regionAgendas.map((a) => a.id)))
          .groupBy(agendaItems.agendaId)
          .all()
          .map((r) => [r.agendaId, r.n])
      : [],
  );
  return {
    agendas: regionAgendas.map((a) => ({ ...a, itemCount: itemCounts.get(a.id) ?? 0 })),
    organisations: db
      .select()
      .from(organisations)
      .where(eq(organisations.regionId, regionId))
      .orderBy(asc(organisations.name))
      .all(),
    members: db
      .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, organisation: organisations.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(memberships.regionId, regionId))
      .orderBy(asc(users.name))
      .all(),
  };
}

/** Where a user lands after login: the agenda of their region, or the region list. */
export function landingPath({ db, actor }: { db: Db; actor: Principal }): string {
  if (actor.kind === "admin") return "/beheer/gebruikers";
  if (actor.kind === "adviser") return "/regios";
  const first = actor.memberships[0];
  if (!first) return "/regios";
  const agenda = db
    .select({ id: agendas.id })
    .from(agendas)
    .where(eq(agendas.regionId, first.regionId))
    .orderBy(asc(agendas.period))
    .get();
  if (agenda) return `/agendas/${agenda.id}`;
  const region = db.select({ slug: regions.slug }).from(regions).where(eq(regions.id, first.regionId)).get();
  return region ? `/regios/${region.slug}` : "/regios";
}
