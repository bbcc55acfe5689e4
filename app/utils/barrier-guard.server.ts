import type { AppLoadContext } from "@remix-run/node";
import { readBarrierAction, type Action } from "../domain/permissions";
import { parseId } from "../models/agenda.server";
import { getBarrier } from "../models/barriers.server";
import { notFound, requireRegionPermission } from "./auth.server";

/**
 * Loads the barrier named by the route and checks `action` in its agenda's region: 404 when the
 * barrier is unknown or the user has no role in that region, 403 when the role lacks the action.
 */
export function requireBarrierPermission(
  args: { request: Request; context: AppLoadContext; params: { barrierId?: string } },
  action: Action = readBarrierAction,
) {
  const barrierId = parseId(args.params.barrierId);
  const barrier = barrierId ? getBarrier({ db: args.context.db, barrierId }) : null;
  if (!barrier) notFound();
  return { barrier, ...requireRegionPermission(args, barrier.regionId, action) };
}
