import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { requestLocale } from "~/root";
import { closeSocketsOfUsersWhoseAccessChanged } from "~/utils/access-change.server";
import { getRegionSettings, saveRegionSettings } from "~/models/admin.server";
import { regionSettingsSchema } from "~/forms/admin-regions";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { decisionRuleKinds } from "~/domain/decision-rule";
import { Field } from "~/components/field";
import { RouteError } from "~/components/route-error";
import { useLocale, useT } from "~/i18n";
import { formatForInput } from "~/domain/numbers";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.region.name, t("admin.regions"), t("nav.admin")]);

function loadRegion(db: Parameters<typeof getRegionSettings>[0]["db"], slug: string | undefined) {
  const region = slug ? getRegionSettings({ db, slug }) : null;
  if (!region) throw new Response("Deze regio bestaat niet.", { status: 404 });
  return region;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  return { region: loadRegion(context.db, params.slug) };
}

type ActionResult = { ok: boolean; errors: FieldErrors };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = requirePermission({ request, context }, "manage:platform");
  const region = loadRegion(context.db, params.slug);
  const form = await request.formData();
  if (form.get("intent") !== "save-region") throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(regionSettingsSchema, form, requestLocale(request, admin));
  if (!parsed.ok) return data<ActionResult>({ ok: false, errors: parsed.errors }, { status: 400 });
  const { partnersMayReadChanged, boardMaySuggestChanged } = allowedOr403(() => saveRegionSettings({ db: context.db, actor: admin.principal, regionId: region.id, input: parsed.data }));
  if (partnersMayReadChanged) closeSocketsOfUsersWhoseAccessChanged(context, { kind: "region-partners", regionId: region.id });
  if (boardMaySuggestChanged) closeSocketsOfUsersWhoseAccessChanged(context, { kind: "region-board", regionId: region.id });
  return data<ActionResult>({ ok: true, errors: {} });
}

const selectClass = "rounded border border-slate-400 px-3 py-2";

export default function AdminRegion() {
  const { region } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { errors, onSubmit } = useFormValidation(regionSettingsSchema, result?.ok === false ? result.errors : undefined);
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <Link to="/beheer/regios" className="text-sm text-brand-700 underline">{t("admin.region.backToList")}</Link>
      <h1 className="text-2xl font-semibold">{t("admin.region.editTitle", { region: region.name })}</h1>
      <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="save-region" />
        <Field
          label={t("admin.region.careWorkers")}
          name="careWorkers"
          inputMode="numeric"
          defaultValue={formatForInput(region.careWorkers, locale)}
          hint={t("admin.region.careWorkersHint")}
          error={errors.careWorkers}
        />
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 font-semibold">{t("admin.region.rule")}</legend>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("admin.region.ruleKind")}
            <select name="ruleKind" defaultValue={region.decisionRule.kind} className={selectClass}>
              {decisionRuleKinds.map((kind) => (
                <option key={kind} value={kind}>{t(`admin.region.rule.${kind}`)}</option>
              ))}
            </select>
          </label>
          <Field
            label={t("admin.region.quorum")}
            name="quorumPercent"
            inputMode="numeric"
            defaultValue={Math.round(region.decisionRule.quorum * 100)}
            hint={t("admin.region.ruleNote")}
            error={errors.quorumPercent}
          />
        </fieldset>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="partnersMayRead" defaultChecked={region.partnersMayRead} className="h-4 w-4" />
          {t("admin.region.partnersMayRead")}
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="boardMaySuggest" defaultChecked={region.boardMaySuggest} className="h-4 w-4" />
          {t("admin.region.boardMaySuggest")}
        </label>
        <div className="flex items-center gap-4">
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">{t("common.save")}</button>
          {result?.ok ? <p role="status" className="text-sm text-green-800">{t("admin.region.saved", { region: region.name })}</p> : null}
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
