import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { allowedOr403, requirePermission, requireUser } from "~/utils/auth.server";
import { createInnovation, listInnovations, type CatalogueFilter } from "~/models/catalogue.server";
import { innovationSchema } from "~/forms/catalogue";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { can } from "~/domain/permissions";
import { ASSUMPTIONS, HOURS_PER_FTE_YEAR, formatExact, mechanisms, type Mechanism } from "~/domain/savings";
import { FilterSelect } from "~/components/filter-select";
import { useLocale, useT } from "~/i18n";
import { innovationName } from "~/i18n/names";
import { CatalogueSummary, InnovationForm } from "~/components/catalogue";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("catalogue.title")]);

function filterFrom(url: URL): CatalogueFilter {
  const p = url.searchParams;
  const mechanism = p.get("mechanism");
  const evidence = Number(p.get("evidence"));
  const rated = p.get("rated");
  return {
    q: (p.get("q") ?? "").slice(0, 200),
    mechanism: (mechanisms as readonly string[]).includes(mechanism ?? "") ? (mechanism as Mechanism) : null,
    sector: p.get("sector") || null,
    evidence: evidence >= 1 && evidence <= 4 ? evidence : null,
    rated: rated === "yes" || rated === "no" ? rated : null,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  return {
    ...listInnovations({ db: context.db, filter: filterFrom(new URL(request.url)) }),
    canManage: can(user.principal, "manage:catalogue"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission({ request, context }, "manage:catalogue");
  const parsed = parseForm(innovationSchema, await request.formData());
  if (!parsed.ok || parsed.data.intent !== "create-innovation") {
    return data({ errors: parsed.ok ? ({ form: "catalogue.error.form" } as FieldErrors) : parsed.errors }, { status: 400 });
  }
  const { slug } = allowedOr403(() => createInnovation({ db: context.db, actor: user.principal, input: parsed.data }));
  return redirect(`/innovaties/${slug}?nieuw=1`);
}

export default function Catalogue() {
  const { items, sectors, total, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("catalogue.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("catalogue.intro")}</p>
      </div>
      <Form method="get" role="search" aria-label={t("catalogue.filter")} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("catalogue.search")}
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} className="rounded border border-slate-400 px-3 py-2" />
        </label>
        <FilterSelect name="mechanism" value={params.get("mechanism")} label={t("catalogue.filter.mechanism")} options={mechanisms.map((m) => [m, t(`mechanism.${m}`)])} />
        <FilterSelect name="sector" value={params.get("sector")} label={t("catalogue.filter.sector")} options={sectors.map((x) => [x, x])} />
        <FilterSelect
          name="evidence" value={params.get("evidence")}
          label={t("catalogue.filter.evidence")}
          options={([1, 2, 3, 4] as const).map((l) => [String(l), t(`evidence.level.${l}`)])}
        />
        <FilterSelect
          name="rated" value={params.get("rated")}
          label={t("catalogue.filter.rated")}
          options={[
            ["yes", t("catalogue.filter.ratedYes")],
            ["no", t("catalogue.filter.ratedNo")],
          ]}
        />
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("catalogue.filter.apply")}
        </button>
        <Link to="/innovaties" className="py-2 text-sm text-brand-700 underline">
          {t("catalogue.filter.reset")}
        </Link>
      </Form>
      <p role="status" className="text-sm text-slate-700">
        {t("catalogue.count", { shown: items.length, total })}
      </p>
      {items.length ? (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="catalogue-list">
          {items.map((i) => (
            <li key={i.id} className="flex flex-col gap-1 rounded border border-slate-200 bg-white p-4" data-testid="catalogue-item">
              <h2 className="text-lg font-semibold">
                <Link to={`/innovaties/${i.slug}`} className="text-brand-700 hover:underline">
                  {innovationName(i, locale)}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                {t(`innovation.kind.${i.kind}`)} · {t(`mechanism.${i.mechanism}`)}
                {i.sectors.length ? ` · ${i.sectors.join(", ")}` : ""}
                {i.costIndication ? ` · ${t("innovation.cost")}: ${t(`innovation.cost.${i.costIndication as "laag"}`)}` : ""}
              </p>
              <CatalogueSummary summary={i.summary} ratingCount={i.ratingCount} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("catalogue.none")}</p>
      )}
      {canManage ? (
        <details className="rounded border border-slate-200 bg-white p-4" open={!!actionData}>
          <summary className="cursor-pointer text-lg font-semibold text-brand-700">{t("catalogue.new")}</summary>
          <InnovationForm intent="create-innovation" serverErrors={actionData?.errors} />
        </details>
      ) : null}
      <section id="aannames" aria-labelledby="aannames-title" className="rounded border border-slate-200 bg-white p-4 text-sm">
        <h2 id="aannames-title" className="text-lg font-semibold">{t("assumptions.title")}</h2>
        <ul className="mt-2 list-disc pl-5">
          <li>{t("assumptions.fte", { hours: formatExact(HOURS_PER_FTE_YEAR, locale), week: ASSUMPTIONS.fteHoursPerWeek, weeks: ASSUMPTIONS.workingWeeksPerYear })}</li>
          <li>{t("assumptions.client", { weeks: ASSUMPTIONS.clientWeeksPerYear })}</li>
          <li>{t("evidence.assumptions.levels")}</li>
          <li>{t("evidence.assumptions.aggregate")}</li>
          <li>{t("evidence.assumptions.units")}</li>
          <li>{t("evidence.assumptions.kinds")}</li>
          <li>{t("assumptions.basis")}</li>
          <li>{t("assumptions.mechanism")}</li>
          <li>{t("assumptions.target")}</li>
          <li>{t("assumptions.rounding")}</li>
        </ul>
      </section>
    </div>
  );
}
