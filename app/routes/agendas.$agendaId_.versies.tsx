import { useEffect, useRef } from "react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { listVersions } from "~/models/version.server";
import { can } from "~/domain/permissions";
import { namedVersionSchema, restoreVersionSchema } from "~/forms/versions";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { formatDutchDate } from "~/domain/dutch-time";
import { parseId } from "~/models/agenda.server";
import { useVersionLabel } from "~/components/versions/comparison";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("versions.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const versions = listVersions({ db: args.context.db, agendaId: agenda.id });
  // After a restore (the action's redirect): which version came back, and the one that undoes it.
  const params = new URL(args.request.url).searchParams;
  const find = (param: string) => versions.find((v) => v.id === parseId(params.get(param))) ?? null;
  const restored = find("teruggezet");
  return {
    agenda,
    versions,
    canEdit: can(user.principal, "edit:agenda", scope),
    restored: restored ? { version: restored, undo: find("vorige") } : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "edit:agenda");
  const form = await args.request.formData();
  switch (form.get("intent")) {
    case "create": {
      const parsed = parseForm(namedVersionSchema, form);
      if (!parsed.ok) return data<{ errors: FieldErrors }>({ errors: parsed.errors }, { status: 400 });
      await args.context.collab.createVersion({ agendaId: agenda.id, kind: "named", name: parsed.data.name, actor: user.principal });
      return redirect(`/agendas/${agenda.id}/versies`);
    }
    case "restore": {
      const parsed = parseForm(restoreVersionSchema, form);
      if (!parsed.ok) return data<{ errors: FieldErrors }>({ errors: parsed.errors }, { status: 400 });
      let undoId: number;
      try {
        undoId = await args.context.collab.restoreVersion({ agendaId: agenda.id, versionId: parsed.data.versionId, actor: user.principal });
      } catch {
        throw new Response("Versie niet gevonden", { status: 404 });
      }
      return redirect(`/agendas/${agenda.id}/versies?teruggezet=${parsed.data.versionId}&vorige=${undoId}`);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function Versions() {
  const { agenda, versions, canEdit, restored } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const label = useVersionLabel();
  const { errors, onSubmit } = useFormValidation(namedVersionSchema, actionData?.errors);
  const format = (at: Date | string | number) => formatDutchDate(at, locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/agendas/${agenda.id}`} className="text-sm text-brand-700 underline">{t("versions.backToLive")}</Link>
        <h1 className="break-words text-2xl font-semibold">{t("versions.title")}: {agenda.title}</h1>
      </div>
      {/* Always there, so the message is announced when it appears; takes no gap while empty. */}
      <div role="status" aria-live="polite" className="empty:-mt-6">
        {restored ? <RestoreDone key={`${restored.version.id}-${restored.undo?.id}`} agendaId={agenda.id} restored={restored} /> : null}
      </div>
      {canEdit ? (
        <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="create" />
          <Field label={t("versions.name")} name="name" error={errors.name} maxLength={120} />
          <button type="submit" disabled={navigation.state !== "idle"} className="rounded bg-brand-700 px-4 py-2 text-white">{t("versions.save")}</button>
        </Form>
      ) : null}
      {versions.length ? (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">{t("versions.version")}</th>
              <th scope="col" className="p-2">{t("versions.savedAt")}</th>
              <th scope="col" className="p-2"><span className="sr-only">{t("versions.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className="border-b align-top" data-testid="version-row">
                <td className="break-words p-2">{v.name ?? t(`versions.kind.${v.kind}`)}{v.author ? ` · ${v.author}` : ""}</td>
                <td className="p-2"><time dateTime={new Date(v.createdAt).toISOString()}>{format(v.createdAt)}</time></td>
                <td className="p-2">
                  <div className="flex flex-wrap gap-x-3 gap-y-1">
                    <Link to={`/agendas/${agenda.id}/versies/${v.id}`} className="text-brand-700 underline">
                      {t("versions.viewCompare")}<span className="sr-only">: {label(v)}</span>
                    </Link>
                    {canEdit ? (
                      <Link to={`/agendas/${agenda.id}/versies/${v.id}#terugzetten`} className="text-brand-700 underline">
                        {t("versions.restoreStep")}<span className="sr-only"> {label(v)}</span>
                      </Link>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("versions.none")}</p>
      )}
    </div>
  );
}

type Restored = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["restored"]>;

/** The confirmation after a restore, with the way back; focused, so keyboard and screen-reader users land on it. */
function RestoreDone({ agendaId, restored }: { agendaId: number; restored: Restored }) {
  const t = useT();
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { version, undo } = restored;
  const date = formatDutchDate(version.createdAt, locale, { dateStyle: "long", timeStyle: "short" });
  return (
    <div ref={ref} tabIndex={-1} data-testid="restore-done" className="flex flex-col gap-2 rounded border border-green-300 bg-green-50 p-4 text-green-950">
      <p className="font-medium">{version.name ? t("versions.restoredDoneNamed", { name: version.name, date }) : t("versions.restoredDone", { date })}</p>
      {undo ? (
        <>
          <p>{t("versions.restoredUndoHint")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="versionId" value={undo.id} />
              <button type="submit" className="rounded border border-brand-700 bg-white px-3 py-1.5 text-brand-700">{t("versions.undo")}</button>
            </Form>
            <Link to={`/agendas/${agendaId}`} className="text-brand-700 underline">{t("versions.backToLive")}</Link>
          </div>
        </>
      ) : null}
    </div>
  );
}
