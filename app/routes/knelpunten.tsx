// The national overview for the ministry's regional team: all 28 regions with their counts per
// severity (worst first), national bottlenecks on top, a filterable list (GET parameters,
// bookmarkable), CSV export, and dismissing a flag with a reason, for oneself or for the whole team;
// how many flags are hidden for the viewer, and by whom, is always said. Advisers only.
import { useId, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { dismissFlag, getNationalOverview } from "~/models/flags.server";
import { ageOptions, filterQuery, parseFlagFilter } from "~/domain/flags/filter";
import { dutchCalendarDayAfter } from "~/domain/dutch-time";
import { flagRules, flagSeverities, type Flag } from "~/domain/flags/types";
import { dismissFlagSchema } from "~/forms/flags";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { FilterSelect } from "~/components/filter-select";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { FlagCard, HiddenNote, SeverityCounts } from "~/components/flags";
import { RouteError } from "~/components/route-error";

const PAGE = 100;

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("flags.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  const params = new URL(args.request.url).searchParams;
  const filter = parseFlagFilter(params);
  // A page of thousands of cards helps nobody; the list grows on request and the CSV has everything.
  const requested = Number(params.get("toon"));
  const limit = Number.isInteger(requested) && requested > PAGE ? Math.min(requested, 5000) : PAGE;
  return { filter, ...getNationalOverview({ db: args.context.db, actor: user.principal, filter, limit }), limit };
}

type ActionData = { ok: true; flagKey: string } | { ok: false; flagKey: string | null; errors: FieldErrors; formError?: MessageKey };

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  const form = await args.request.formData();
  const flagKey = typeof form.get("flagKey") === "string" ? (form.get("flagKey") as string) : null;
  switch (form.get("intent")) {
    case "dismiss-flag": {
      const parsed = parseForm(dismissFlagSchema, form);
      if (!parsed.ok) return data<ActionData>({ ok: false, flagKey, errors: parsed.errors }, { status: 400 });
      const result = allowedOr403(() => dismissFlag({ db: args.context.db, actor: user.principal, input: parsed.data }));
      if (!result.ok) return data<ActionData>({ ok: false, flagKey, errors: {}, formError: result.error }, { status: 409 });
      return data<ActionData>({ ok: true, flagKey: parsed.data.flagKey });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

function DismissForm({ flag }: { flag: Flag }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const result = fetcher.data && fetcher.data.flagKey === flag.key && !fetcher.data.ok ? fetcher.data : null;
  const { errors, onSubmit } = useFormValidation(dismissFlagSchema, result?.errors);
  const [kind, setKind] = useState<"acknowledge" | "snooze">("acknowledge");
  const [scope, setScope] = useState<"personal" | "team">("personal");
  const id = useId();
  const tomorrow = dutchCalendarDayAfter(Date.now(), 1);
  const err = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="text-sm text-red-700">
        {t(errors[field]!)}
      </p>
    ) : null;
  return (
    <details className="mt-1" data-testid="dismiss">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">{t("flags.dismiss")}</summary>
      <fetcher.Form method="post" onSubmit={onSubmit} noValidate className="mt-2 flex max-w-xl flex-col gap-3 rounded border border-slate-200 p-3">
        <input type="hidden" name="intent" value="dismiss-flag" />
        <input type="hidden" name="flagKey" value={flag.key} />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reason`} className="text-sm font-medium">
            {t("flags.dismissReason")}
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            className="rounded border border-slate-400 px-3 py-2"
          />
          {err("reason")}
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("flags.dismissScope")}</legend>
          {(["personal", "team"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="scope"
                value={k}
                checked={scope === k}
                onChange={() => {
                  setScope(k);
                  // Only an acknowledgement is shared with the team.
                  if (k === "team") setKind("acknowledge");
                }}
              />
              {t(`flags.dismissScope.${k}`)}
            </label>
          ))}
          {err("scope")}
        </fieldset>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("flags.dismissKind")}</legend>
          {(["acknowledge", "snooze"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={k} checked={kind === k} disabled={k === "snooze" && scope === "team"} onChange={() => setKind(k)} />
              {t(`flags.dismissKind.${k}`)}
            </label>
          ))}
          {err("kind")}
        </fieldset>
        {kind === "snooze" ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-until`} className="text-sm font-medium">
              {t("flags.dismissUntil")}
            </label>
            <input
              id={`${id}-until`}
              type="date"
              name="until"
              min={tomorrow}
              aria-invalid={errors.until ? true : undefined}
              aria-describedby={errors.until ? `${id}-until-error` : undefined}
              className="w-48 rounded border border-slate-400 px-3 py-2"
            />
            {err("until")}
          </div>
        ) : null}
        <p className="text-sm text-slate-700">{t("flags.dismissHint")}</p>
        {result?.formError ? (
          <p role="alert" className="text-sm text-red-700">
            {t(result.formError)}
          </p>
        ) : null}
        <button type="submit" disabled={fetcher.state !== "idle"} className="self-start rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          {t("flags.dismissSubmit")}
        </button>
      </fetcher.Form>
    </details>
  );
}

export default function Bottlenecks() {
  const { filter, tiles, national, flags, total, limit, regions, regionNames, nationalBottleneckRegions, hidden, hiddenNational } = useLoaderData<typeof loader>();
  const query = filterQuery(filter);
  const showHidden = `/knelpunten${filterQuery({ ...filter, includeDismissed: true })}#lijst`;
  const maxCount = Math.max(1, ...tiles.map((r) => r.count));
  const t = useT();
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("flags.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("flags.intro")}</p>
        <HiddenNote hidden={hidden} showHref={filter.includeDismissed ? undefined : showHidden} />
      </div>

      <section aria-labelledby="national" data-testid="national-bottlenecks">
        <h2 id="national" className="mb-3 text-lg font-semibold">
          {t("flags.national")}
        </h2>
        {national.length ? (
          <div className="flex flex-col gap-2">
            {national.map((f) => (
              <FlagCard key={f.key} flag={f}>
                <DismissForm flag={f} />
              </FlagCard>
            ))}
          </div>
        ) : hiddenNational ? (
          <p data-testid="national-hidden">{t("flags.nationalHiddenOnly", { count: hiddenNational })}</p>
        ) : (
          <p>{t("flags.nationalNone", { count: nationalBottleneckRegions })}</p>
        )}
      </section>

      <section aria-labelledby="grid">
        <h2 id="grid" className="mb-3 text-lg font-semibold">
          {t("flags.grid")}
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("flags.gridIntro")}</p>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7" data-testid="region-grid">
          {tiles.map((r) => (
            <li key={r.id}>
              <Link
                to={`/knelpunten?regio=${r.slug}#lijst`}
                className={`flex h-full flex-col gap-1 rounded border bg-white p-2 text-sm text-slate-900 hover:underline ${
                  r.bySeverity.hoog ? "border-2 border-red-700" : "border-slate-300"
                }`}
                data-testid="region-tile"
                data-region={r.slug}
                data-worst={r.worst ?? "none"}
              >
                <span className="font-semibold">{r.name}</span>
                <span>{r.count ? t("flags.gridCount", { count: r.count }) : t("flags.gridNone")}</span>
                {r.count ? <SeverityCounts counts={r.bySeverity} max={maxCount} /> : null}
                {r.national ? <span className="italic">{t("flags.gridNational")}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="lijst" className="flex flex-col gap-3">
        <h2 id="lijst" className="text-lg font-semibold">
          {t("flags.list")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label={t("flags.filter")}>
          <FilterSelect label={t("flags.filter.rule")} name="regel" value={filter.rule} options={flagRules.map((r) => [r, t(`flags.rule.${r}`)])} />
          <FilterSelect label={t("flags.filter.region")} name="regio" value={filter.region} options={regions.map((r) => [r.slug, r.name])} />
          <FilterSelect label={t("flags.filter.severity")} name="ernst" value={filter.severity} options={flagSeverities.map((v) => [v, t(`flags.severity.${v}`)])} />
          <FilterSelect
            label={t("flags.filter.age")}
            name="ouderdan"
            value={filter.minAgeDays ? String(filter.minAgeDays) : null}
            options={ageOptions.map((d) => [String(d), t("flags.filter.ageDays", { days: d })])}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="weggezet" value="1" defaultChecked={filter.includeDismissed} />
            {t("flags.filter.dismissed")}
          </label>
          <button type="submit" className="rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white">
            {t("flags.filter.apply")}
          </button>
          <Link to="/knelpunten" className="py-2 text-sm text-brand-700 underline">
            {t("flags.filter.reset")}
          </Link>
        </Form>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p role="status" data-testid="flag-count">
            {t("flags.count", { total })}
            {total > flags.length ? ` ${t("flags.showing", { shown: flags.length })}` : null}
          </p>
          <p className="text-sm">
            <a href={`/knelpunten.csv${query}`} download className="text-brand-700 underline" data-testid="csv-link">
              {t("flags.csv")}
            </a>{" "}
            <span className="text-slate-700">{t("flags.csvHint")}</span>
          </p>
        </div>
        {flags.length ? (
          <div className="flex flex-col gap-2" data-testid="flag-list">
            {flags.map((f) => (
              <FlagCard key={f.key} flag={f} regionName={f.regionId !== null ? regionNames[f.regionId] : undefined}>
                {f.dismissal ? null : <DismissForm flag={f} />}
              </FlagCard>
            ))}
          </div>
        ) : (
          <p>{t("flags.none")}</p>
        )}
        {total > flags.length ? (
          <Link to={`/knelpunten${query ? `${query}&` : "?"}toon=${limit + PAGE}#lijst`} preventScrollReset className="self-start text-brand-700 underline">
            {t("flags.showMore")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
