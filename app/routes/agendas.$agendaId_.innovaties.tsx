// Resource route for an agenda's savings: GET returns the figures (getAgendaSavings); POST links or
// unlinks an innovation on an item (edit:agenda) or sets the region's target (propose:priority).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { allowedOr403, notFound } from "~/utils/auth.server";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import type { Action } from "~/domain/permissions";
import { addLink, getAgendaSavings, removeLink } from "~/models/savings.server";
import { setRegionTarget } from "~/models/region-target.server";
import { linkSchema, unlinkSchema } from "~/forms/catalogue";
import { targetSchema } from "~/forms/region-target";
import { requestLocale } from "~/root";
import { parseForm, type FieldErrors } from "~/forms/validation";
import type { MessageKey } from "~/i18n/messages";

export async function loader(args: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission(args, "read:agenda");
  return getAgendaSavings({ db: args.context.db, agendaId: agenda.id });
}

type Result = { intent: string; errors: FieldErrors; message?: MessageKey };

const rightFor: Record<string, Action> = { "add-link": "edit:agenda", "remove-link": "edit:agenda", "set-target": "propose:priority" };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  // No role in the region: 404 whatever the intent; a role without the intent's right: 403.
  const { agenda, user } = requireAgendaPermission(args, rightFor[intent] ?? "read:agenda");
  const db = args.context.db;
  const fail = (errors: FieldErrors) => data<Result>({ intent, errors }, { status: 400 });
  switch (intent) {
    case "add-link": {
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
      const parsed = parseForm(unlinkSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      if (!allowedOr403(() => removeLink({ db, actor: user.principal, agendaId: agenda.id, linkId: parsed.data.linkId }))) notFound();
      return data<Result>({ intent, errors: {}, message: "savings.removed" });
    }
    case "set-target": {
      const parsed = parseForm(targetSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      allowedOr403(() => setRegionTarget({ db, actor: user.principal, regionId: agenda.regionId, input: parsed.data.target }));
      return data<Result>({ intent, errors: {}, message: parsed.data.target ? "targets.form.saved" : "targets.form.cleared" });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}
