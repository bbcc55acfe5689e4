// Resource route of an agenda's passage comments (decision 036): the comment panels load from here and
// post here. Anyone who may read the agenda may comment, so both ask for `comment:agenda`.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type * as Y from "yjs";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { withLiveDoc } from "~/utils/live-change.server";
import { createCommentSchema, replyCommentSchema, resolveCommentSchema } from "~/forms/comments";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { commentPeople, createThread, listThreads, replyToThread, setThreadResolved } from "~/models/comments.server";

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "comment:agenda");
  const db = args.context.db;
  return {
    threads: allowedOr403(() => listThreads({ db, actor: user.principal, agendaId: agenda.id })),
    // Names only: the autocomplete offers them, the server finds the mentions in the text.
    people: commentPeople({ db, regionId: agenda.regionId }).map((p) => p.name),
  };
}

type Result = { ok: true; intent: string; id?: number } | { ok: false; intent: string; threadId?: number; errors: FieldErrors };

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "comment:agenda");
  const db = args.context.db;
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  // Every change is validated against the live document and its marker written there in one step.
  const live = <T,>(fn: (doc: Y.Doc) => T) => allowedOr403(() => withLiveDoc(args.context, { agendaId: agenda.id, actor: user.principal }, fn));
  const refuse = (errors: FieldErrors, threadId?: number) => data<Result>({ ok: false, intent, threadId, errors }, { status: 400 });
  switch (intent) {
    case "create": {
      const parsed = parseForm(createCommentSchema, form);
      if (!parsed.ok) return refuse(parsed.errors);
      const outcome = await live((doc) => createThread({ db, doc, agendaId: agenda.id, actor: user.principal, input: parsed.data }));
      return outcome.ok ? data<Result>({ ok: true, intent, id: outcome.value.id }) : refuse(outcome.errors);
    }
    case "reply": {
      const parsed = parseForm(replyCommentSchema, form);
      if (!parsed.ok) return refuse(parsed.errors, Number(form.get("threadId")) || undefined);
      const { threadId, body } = parsed.data;
      const outcome = await live((doc) => replyToThread({ db, doc, agendaId: agenda.id, threadId, actor: user.principal, body }));
      return outcome.ok ? data<Result>({ ok: true, intent, id: threadId }) : refuse(outcome.errors, threadId);
    }
    case "resolve":
    case "reopen": {
      const parsed = parseForm(resolveCommentSchema, form);
      if (!parsed.ok) return refuse(parsed.errors);
      const { threadId } = parsed.data;
      const outcome = await live((doc) => setThreadResolved({ db, doc, agendaId: agenda.id, threadId, actor: user.principal, resolved: intent === "resolve" }));
      return outcome.ok ? data<Result>({ ok: true, intent, id: threadId }) : refuse(outcome.errors, threadId);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}
