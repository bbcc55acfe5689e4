import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { adviserCoverage, memberships, organisations, regions, users } from "../../db/schema";

export function listUsersWithRoles({ db }: { db: Db }) {
  const all = db
    .select({ id: users.id, name: users.name, email: users.email, kind: users.kind, organisation: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.name))
    .all();
  const ms = db
    .select({ userId: memberships.userId, role: memberships.role, region: regions.name })
    .from(memberships)
    .innerJoin(regions, eq(regions.id, memberships.regionId))
    .all();
  const cov = db
    .select({ userId: adviserCoverage.userId, region: regions.name })
    .from(adviserCoverage)
    .innerJoin(regions, eq(regions.id, adviserCoverage.regionId))
    .all();
  return all.map((u) => ({
    ...u,
    memberships: ms.filter((m) => m.userId === u.id).map(({ role, region }) => ({ role, region })),
    covers: cov.filter((c) => c.userId === u.id).map((c) => c.region),
  }));
}

export function listRegionsAndOrganisations({ db }: { db: Db }) {
  return {
    regions: db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name)).all(),
    organisations: db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all(),
  };
}
