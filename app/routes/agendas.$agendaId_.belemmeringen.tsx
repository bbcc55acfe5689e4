// Resource route of an agenda's barriers: the per-item panels load from here, advisers post new
// barriers here. The page itself stays the lead's; this keeps the barrier feature in its own module.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { can, canReadBarriers } from "~/domain/permissions";
import { createBarrierSchema } from "~/forms/barriers";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { withLiveDoc } from "~/utils/live-change.server";
import { createBarrier, forClient, listBarrierTypes, listBarriers, regionMembers } from "~/models/barriers.server";

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const db = args.context.db;
  // Partners may read the agenda but not the ministry's signals about it.
  if (!canReadBarriers(user.principal, scope)) {
    return { barriers: [], types: [], people: [], canAnnotate: false, canComment: false };
  }
  const canAnnotate = can(user.principal, "annotate:barrier", scope);
  return {
    barriers: listBarriers({ db, regionIds: [agenda.regionId], agendaId: agenda.id }).map(forClient),
    types: canAnnotate ? listBarrierTypes({ db }).map((t) => ({ key: t.key, nameNl: t.nameNl, nameEn: t.nameEn, scopeHint: t.scopeHint, subTypes: t.subTypes })) : [],
    // Assignees are region members: people who work the barrier off in the region.
    people: canAnnotate ? regionMembers({ db, regionId: agenda.regionId }) : [],
    canAnnotate,
    canComment: true,
  };
}

type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "annotate:barrier");
  const form = await args.request.formData();
  if (form.get("intent") !== "create") throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(createBarrierSchema, form);
  if (!parsed.ok) return data<Result>({ ok: false, errors: parsed.errors }, { status: 400 });

  // Validated against the live document and stored in one step: the anchors are checked against
  // exactly the state the marker is written into.
  const outcome = await withLiveDoc(args.context, { agendaId: agenda.id, actor: user.principal }, (doc) =>
    createBarrier({ db: args.context.db, doc, agenda, actor: user.principal, input: parsed.data }),
  );
  if (!outcome.ok) return data<Result>({ ok: false, errors: outcome.errors }, { status: 400 });
  return data<Result>({ ok: true, id: outcome.value.id });
}
