import type { AppLoadContext } from "@remix-run/node";
import { usersAffectedBy, type AccessChange } from "../models/access.server";

/**
 * Call after every write that changes who may read or edit an agenda (memberships, adviser
 * coverage, an organisation's region, a region's partner reading, a disabled account). The open
 * collaboration connections of everyone it touches close with MembershipChanged; their editors
 * reconnect and are authorized again under the new rights, so a right taken away ends at once.
 */
export function closeSocketsOfUsersWhoseAccessChanged(context: Pick<AppLoadContext, "db" | "collab">, ...changes: AccessChange[]) {
  const userIds = new Set(changes.flatMap((change) => usersAffectedBy({ db: context.db, change })));
  for (const userId of userIds) context.collab.closeUserConnections(userId);
  return userIds.size;
}
