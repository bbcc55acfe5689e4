// Resource route where an editor of the agenda accepts or rejects suggestions (decision 035). The
// change reaches every open editor through the live document; the panel posts here with a fetcher.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { settleSuggestionSchema } from "~/forms/suggestions";
import { settleSuggestion } from "~/models/suggestions.server";

type Result = { ok: true; settled: number } | { ok: false; errors: FieldErrors };

// Only the panel's posts come here: a GET is refused as a method this address does not serve.
export function loader() {
  throw new Response("Alleen POST", { status: 405, headers: { Allow: "POST" } });
}

export async function action(args: ActionFunctionArgs) {
  const parsed = parseForm(settleSuggestionSchema, await args.request.formData());
  const { agenda, user, scope } = requireAgendaPermission(args, "edit:agenda");
  if (!parsed.ok) return data<Result>({ ok: false, errors: parsed.errors }, { status: 400 });
  const { intent, id, author } = parsed.data;
  const actor = user.principal;
  const settled = await allowedOr403(() =>
    settleSuggestion({
      db: args.context.db,
      actor,
      agenda: { id: agenda.id, scope },
      which: id !== undefined ? { id } : { author: author! },
      verdict: intent,
      changeAgenda: (change) => args.context.collab.changeAgenda({ agendaId: agenda.id, actor, change }),
    }),
  );
  return data<Result>({ ok: true, settled });
}
