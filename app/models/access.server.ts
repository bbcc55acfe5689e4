// Who is touched when the rights to read or edit agendas change. The answer is needed wherever
// such a change is made (members page, user administration, organisations, region settings), so
// that open collaboration connections never outlive the right they were opened with.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { memberships, organisations, users } from "../../db/schema";
import { roleInRegion } from "../domain/permissions";
import { loadPrincipal } from "./session.server";

export type AccessChange =
  /** One user's memberships, coverage or account (disabled) changed. */
  | { kind: "user"; userId: number }
  /** An organisation moved to another region (or left one): its staff's partner reading moved with it. */
  | { kind: "organisation"; organisationId: number }
  /** A region's partnersMayRead changed: the staff of its organisations who read there as partners. */
  | { kind: "region-partners"; regionId: number }
  /** A region's boardMaySuggest changed: its board members may (no longer) propose changes. */
  | { kind: "region-board"; regionId: number };

export function usersAffectedBy({ db, change }: { db: Db; change: AccessChange }): number[] {
  switch (change.kind) {
    case "user":
      return [change.userId];
    case "organisation":
      return db.select({ id: users.id }).from(users).where(eq(users.organisationId, change.organisationId)).all().map((u) => u.id);
    case "region-partners": {
      const orgIds = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.regionId, change.regionId)).all().map((o) => o.id);
      if (!orgIds.length) return [];
      const staff = db.select({ id: users.id }).from(users).where(inArray(users.organisationId, orgIds)).all();
      // Only those whose role there is (or would be) the partner's: members and advisers keep theirs.
      const scope = { regionId: change.regionId, partnersMayRead: true };
      return staff
        .map((u) => loadPrincipal({ db, userId: u.id }))
        .filter((p) => p !== null && roleInRegion(p, scope) === "partner")
        .map((p) => p!.id);
    }
    case "region-board":
      return db
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.regionId, change.regionId), eq(memberships.role, "board")))
        .all()
        .map((m) => m.id);
  }
}
