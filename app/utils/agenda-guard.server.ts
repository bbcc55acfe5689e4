import type { AppLoadContext } from "@remix-run/node";
import type { Action } from "~/domain/permissions";
import { getAgenda, parseId } from "~/models/agenda.server";
import { notFound, requireRegionPermission } from "./auth.server";

/** Loads the agenda named by the route and checks `action` in its region: 404 when unknown or not yours. */
export function requireAgendaPermission(
  args: { request: Request; context: AppLoadContext; params: { agendaId?: string } },
  action: Action,
) {
  const agendaId = parseId(args.params.agendaId);
  const agenda = agendaId ? getAgenda({ db: args.context.db, agendaId }) : null;
  if (!agenda) notFound();
  return { agenda, ...requireRegionPermission(args, agenda.regionId, action) };
}
