import type { AppLoadContext } from "@remix-run/node";
import type { Action } from "../domain/permissions";
import { getRegionBySlug } from "../models/region.server";
import { notFound, requireRoleFor, requireUser } from "./auth.server";

/** Loads the region named by the route's slug and checks `action` in it: 404 when unknown or not yours, 403 without the right. */
export function requireRegion(args: { request: Request; context: AppLoadContext; params: { slug?: string } }, action: Action) {
  const user = requireUser(args);
  const region = getRegionBySlug({ db: args.context.db, slug: args.params.slug ?? "" });
  if (!region) notFound();
  const scope = { regionId: region.id, partnersMayRead: region.partnersMayRead };
  return { region, user, scope, role: requireRoleFor(user, scope, action) };
}
