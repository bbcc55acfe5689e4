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

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("versions.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  return {
    agenda,
    versions: listVersions({ db: args.context.db, agendaId: agenda.id }),
    canEdit: can(user.principal, "edit:agenda", scope),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "edit:agenda");
  const form = await args.request.formData();
  switch (form.get("intent")) {
    case "create": {
      const parsed = parseForm(namedVersionSchema, form);
      if (!parsed.ok) return data<{ errors: FieldErrors }>({ errors: parsed.errors }, { status: 400 });
      await args.context.collab.createVersion({ agendaId: agenda.id, kind: "named", name: parsed.data.name, userId: user.id });
      return redirect(`/agendas/${agenda.id}/versies`);
    }
    case "restore": {
      const parsed = parseForm(restoreVersionSchema, form);
      if (!parsed.ok) return data<{ errors: FieldErrors }>({ errors: parsed.errors }, { status: 400 });
      try {
        await args.context.collab.restoreVersion({ agendaId: agenda.id, versionId: parsed.data.versionId, userId: user.id });
      } catch {
        throw new Response("Versie niet gevonden", { status: 404 });
      }
      return redirect(`/agendas/${agenda.id}?hersteld=1`);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function Versions() {
  const { agenda, versions, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { errors, onSubmit } = useFormValidation(namedVersionSchema, actionData?.errors);
  const format = (at: Date | string | number) => formatDutchDate(at, locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/agendas/${agenda.id}`} className="text-sm text-brand-700 underline">{t("versions.backToLive")}</Link>
        <h1 className="text-2xl font-semibold">{t("versions.title")}: {agenda.title}</h1>
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
              <th scope="col" className="p-2">{t("versions.name")}</th>
              <th scope="col" className="p-2">{t("field.startDate")}</th>
              <th scope="col" className="p-2"><span className="sr-only">{t("versions.view")}</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className="border-b" data-testid="version-row">
                <td className="p-2">{v.name ?? t(`versions.kind.${v.kind}`)}{v.author ? ` · ${v.author}` : ""}</td>
                <td className="p-2"><time dateTime={new Date(v.createdAt).toISOString()}>{format(v.createdAt)}</time></td>
                <td className="flex gap-2 p-2">
                  <Link to={`/agendas/${agenda.id}/versies/${v.id}`} className="text-brand-700 underline">{t("versions.view")}</Link>
                  {canEdit ? (
                    <Form method="post" onSubmit={(e) => { if (!window.confirm(t("versions.restoreConfirm"))) e.preventDefault(); }}>
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="versionId" value={v.id} />
                      <button type="submit" className="text-brand-700 underline">{t("versions.restore")}</button>
                    </Form>
                  ) : null}
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
