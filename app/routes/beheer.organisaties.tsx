import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { closeSocketsOfUsersWhoseAccessChanged } from "~/utils/access-change.server";
import { listOrganisations, listRegionsAndOrganisations, saveOrganisation } from "~/models/admin.server";
import { organisationSchema } from "~/forms/admin-regions";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { organisationKinds } from "~/domain/vocabulary";
import { Field, FormError } from "~/components/field";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("admin.organisations"), t("nav.admin")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  const organisations = listOrganisations({ db: context.db });
  // ?wijzig=<id> opens the form on that organisation; an unknown id falls back to adding one.
  const editId = Number(new URL(request.url).searchParams.get("wijzig"));
  return {
    organisations,
    regions: listRegionsAndOrganisations({ db: context.db }).regions,
    editing: organisations.find((o) => o.id === editId) ?? null,
  };
}

type ActionResult = { ok: true; name: string; created: boolean } | { ok: false; errors: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission({ request, context }, "manage:platform");
  const form = await request.formData();
  if (form.get("intent") !== "save-organisation") throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(organisationSchema, form);
  if (!parsed.ok) return data<ActionResult>({ ok: false, errors: parsed.errors }, { status: 400 });
  const saved = allowedOr403(() => saveOrganisation({ db: context.db, actor: admin.principal, input: parsed.data }));
  if (!saved.ok) {
    const errors: FieldErrors = saved.error === "duplicate" ? { name: "admin.org.duplicate" } : { form: "admin.org.notFound" };
    return data<ActionResult>({ ok: false, errors }, { status: saved.error === "duplicate" ? 409 : 404 });
  }
  if (saved.movedRegion) closeSocketsOfUsersWhoseAccessChanged(context, { kind: "organisation", organisationId: saved.id });
  return data<ActionResult>({ ok: true, name: parsed.data.name, created: saved.created });
}

const selectClass = "rounded border border-slate-400 px-3 py-2";

export default function AdminOrganisations() {
  const { organisations, regions, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(organisationSchema, result?.ok === false ? result.errors : undefined);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("admin.organisations")}</h1>
      <section aria-labelledby="org-form" className="max-w-3xl rounded border border-slate-200 bg-white p-4">
        <h2 id="org-form" className="mb-3 text-lg font-semibold">{editing ? t("admin.org.edit") : t("admin.org.new")}</h2>
        {/* The key resets the uncontrolled fields when switching between organisations. */}
        <Form key={editing?.id ?? (result?.ok ? `added-${result.name}` : "new")} method="post" noValidate onSubmit={onSubmit} className="grid gap-3 md:grid-cols-2">
          <input type="hidden" name="intent" value="save-organisation" />
          {editing ? <input type="hidden" name="organisationId" value={editing.id} /> : null}
          <Field label={t("admin.org.name")} name="name" defaultValue={editing?.name ?? ""} error={errors.name} required />
          <Select label={t("admin.org.kind")} name="kind" defaultValue={editing?.kind ?? "care_provider"} error={errors.kind}>
            {organisationKinds.map((kind) => <option key={kind} value={kind}>{t(`orgkind.${kind}`)}</option>)}
          </Select>
          <Field label={t("admin.org.sector")} name="sector" defaultValue={editing?.sector ?? ""} error={errors.sector} />
          <Select label={t("admin.org.schoolLevel")} name="schoolLevel" defaultValue={editing?.schoolLevel ?? ""} error={errors.schoolLevel}>
            <option value="">{t("admin.org.none")}</option>
            <option value="mbo">mbo</option>
            <option value="hbo">hbo</option>
            <option value="wo">wo</option>
          </Select>
          <Select label={t("admin.org.region")} name="regionId" defaultValue={editing?.regionId ?? ""} error={errors.regionId}>
            <option value="">{t("admin.org.noRegion")}</option>
            {regions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </Select>
          <div className="flex items-end gap-4">
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">{t("admin.org.save")}</button>
            {editing ? <Link to="/beheer/organisaties" className="text-brand-700 underline">{t("common.cancel")}</Link> : null}
          </div>
          <div className="md:col-span-2">
            {result?.ok ? (
              <p role="status" className="text-sm text-green-800">{t(result.created ? "admin.org.created" : "admin.org.saved", { name: result.name })}</p>
            ) : (
              <FormError message={errors.form ? t(errors.form) : null} />
            )}
          </div>
        </Form>
      </section>
      <section aria-labelledby="org-list">
        <h2 id="org-list" className="mb-3 text-lg font-semibold">{t("admin.organisations")}</h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="p-2">{t("admin.org.name")}</th>
                <th scope="col" className="p-2">{t("admin.org.kind")}</th>
                <th scope="col" className="p-2">{t("admin.org.region")}</th>
                <th scope="col" className="p-2 text-right">{t("admin.org.users")}</th>
                <td className="p-2" />
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id} className="border-b">
                  <th scope="row" className="p-2 text-left font-medium">{o.name}</th>
                  <td className="p-2">
                    {t(`orgkind.${o.kind}`)}
                    {o.sector ? ` · ${o.sector}` : ""}
                    {o.schoolLevel ? ` · ${o.schoolLevel}` : ""}
                  </td>
                  <td className="p-2">{o.region ?? t("admin.org.noRegion")}</td>
                  <td className="p-2 text-right">{o.users}</td>
                  <td className="p-2">
                    <Link to={`?wijzig=${o.id}`} className="text-brand-700 underline" aria-label={`${t("admin.org.editLink")}: ${o.name}`}>
                      {t("admin.org.editLink")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function Select({ label, name, defaultValue, error, children }: { label: string; name: string; defaultValue: string | number; error?: MessageKey; children: React.ReactNode }) {
  const t = useT();
  const errorId = useId();
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <select name={name} defaultValue={defaultValue} className={selectClass} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
        {children}
      </select>
      {error ? <span id={errorId} className="text-sm text-red-700">{t(error)}</span> : null}
    </label>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
