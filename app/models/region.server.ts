import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, barriers, memberships, organisations, regions, users } from "../../db/schema";
import { highlightedStatuses } from "../domain/barrier-anchors";
import { canReadBarriers, roleInRegion, type Principal } from "../domain/permissions";
import { getAgendaState } from "./approvals.server";
import { getWorstRegionFlag } from "./flags.server";

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
    partnersMayRead: r.partnersMayRead,
    role: roleInRegion(actor, { regionId: r.id, partnersMayRead: r.partnersMayRead }),
  }));
  const own = (r: (typeof withRole)[number]) => r.role !== null && r.role !== "admin";
  return { mine: withRole.filter(own), others: withRole.filter((r) => !own(r)) };
}

/**
 * The region list as a start page: the regions the actor works in (an adviser's covered regions, a
 * member's own) with what needs attention there (open barriers, signals, each agenda's state with
 * the board), and the other regions by name only. Signals come one region at a time, from the
 * runner's one-region path, so the page never evaluates the 24 regions it does not show.
 */
export function regionOverview({ db, actor, now = new Date() }: { db: Db; actor: Principal; now?: Date }) {
  const { mine, others } = listRegionsFor({ db, actor });
  const ids = mine.map((r) => r.id);
  const regionAgendas = ids.length
    ? db.select({ id: agendas.id, regionId: agendas.regionId, title: agendas.title }).from(agendas).where(inArray(agendas.regionId, ids)).orderBy(asc(agendas.period)).all()
    : [];
  const openBarriers = new Map(
    ids.length
      ? db
          .select({ regionId: agendas.regionId, n: count() })
          .from(barriers)
          .innerJoin(agendas, eq(agendas.id, barriers.agendaId))
          .where(and(inArray(agendas.regionId, ids), inArray(barriers.status, [...highlightedStatuses])))
          .groupBy(agendas.regionId)
          .all()
          .map((r) => [r.regionId, r.n])
      : [],
  );
  return {
    mine: mine.map((r) => {
      const region = { regionId: r.id, partnersMayRead: r.partnersMayRead };
      return {
        ...r,
        // A partner reads the agenda but not its barriers: no count for them (nor through a signal).
        openBarriers: canReadBarriers(actor, region) ? (openBarriers.get(r.id) ?? 0) : null,
        signals: getWorstRegionFlag({ db, actor, region, now }).count,
        agendas: regionAgendas.filter((a) => a.regionId === r.id).map((a) => ({ id: a.id, title: a.title, state: getAgendaState({ db, agendaId: a.id, now }) })),
      };
    }),
    others: others.map((r) => ({ id: r.id, slug: r.slug, name: r.name, role: r.role })),
  };
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
