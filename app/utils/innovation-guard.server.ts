import type { AppLoadContext } from "@remix-run/node";
import { can, type Action } from "../domain/permissions";
import { getInnovationBySlug } from "../models/catalogue.server";
import { forbidden, notFound, requireUser } from "./auth.server";

/**
 * Loads the innovation named by the route's slug: any signed-in user reads the catalogue; `action`
 * (a platform action such as manage:catalogue), when given, must be allowed too, else 403.
 */
export function requireInnovation(args: { request: Request; context: AppLoadContext; params: { slug?: string } }, action?: Action) {
  const user = requireUser(args);
  const found = getInnovationBySlug({ db: args.context.db, slug: args.params.slug ?? "" });
  if (!found) notFound();
  if (action && !can(user.principal, action)) forbidden();
  return { found, user };
}
