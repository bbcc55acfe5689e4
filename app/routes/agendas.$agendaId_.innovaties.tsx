// Resource route for an agenda's savings: GET returns the figures (getAgendaSavings); POST links or
// unlinks an innovation on an item (edit:agenda) or sets the region's target (propose:priority).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { allowedOr403, requireRegionPermission, notFound } from "~/utils/auth.server";
import { getAgenda, parseId } from "~/models/agenda.server";
import { addLink, getAgendaSavings, removeLink } from "~/models/savings.server";
import { setRegionTarget } from "~/models/region-target.server";
import { linkSchema, unlinkSchema } from "~/forms/catalogue";
import { targetSchema } from "~/forms/region-target";
import { requestLocale } from "~/root";
import { parseForm, type FieldErrors } from "~/forms/validation";
import type { MessageKey } from "~/i18n/messages";

function agendaFrom(args: LoaderFunctionArgs) {
  const agendaId = parseId(args.params.agendaId);
  const agenda = agendaId ? getAgenda({ db: args.context.db, agendaId }) : null;
  if (!agenda) notFound();
  return agenda;
}

export async function loader(args: LoaderFunctionArgs) {
  const agenda = agendaFrom(args);
  requireRegionPermission(args, agenda.regionId, "read:agenda");
  return getAgendaSavings({ db: args.context.db, agendaId: agenda.id });
}

type Result = { intent: string; errors: FieldErrors; message?: MessageKey };

export async function action(args: ActionFunctionArgs) {
  const agenda = agendaFrom(args);
  // No role in the region: 404 before anything else, whatever the intent.
  requireRegionPermission(args, agenda.regionId, "read:agenda");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const db = args.context.db;
  const fail = (errors: FieldErrors) => data<Result>({ intent, errors }, { status: 400 });
  switch (intent) {
    case "add-link": {
      const { user } = requireRegionPermission(args, agenda.regionId, "edit:agenda");
      const parsed = parseForm(linkSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      const res = allowedOr403(() => addLink({ db, actor: user.principal, agendaId: agenda.id, input: parsed.data }));
      if (!res.ok) {
        const field = res.error === "catalogue.error.item" ? "itemId" : res.error === "catalogue.error.choose" ? "innovationId" : "reachUnit";
        return fail({ [field]: res.error });
      }
      return data<Result>({ intent, errors: {}, message: "savings.linked" });
    }
    case "remove-link": {
      const { user } = requireRegionPermission(args, agenda.regionId, "edit:agenda");
      const parsed = parseForm(unlinkSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      if (!allowedOr403(() => removeLink({ db, actor: user.principal, agendaId: agenda.id, linkId: parsed.data.linkId }))) notFound();
      return data<Result>({ intent, errors: {}, message: "savings.removed" });
    }
    case "set-target": {
      const { user } = requireRegionPermission(args, agenda.regionId, "propose:priority");
      const parsed = parseForm(targetSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      allowedOr403(() => setRegionTarget({ db, actor: user.principal, regionId: agenda.regionId, input: parsed.data.target }));
      return data<Result>({ intent, errors: {}, message: parsed.data.target ? "targets.form.saved" : "targets.form.cleared" });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}
