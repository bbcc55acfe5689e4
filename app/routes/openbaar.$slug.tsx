// A region's public page (issue 18, decision 039): its latest adopted agenda as adopted, only the
// items it published, with savings (each figure with the ratings, units, levels and sources behind
// it, inline: the catalogue needs a login) and progress since. No login; indexable; printable.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublicAgenda, type PublicItem } from "~/models/public-agenda.server";
import { OPEN_DATA_LICENCE } from "~/domain/open-data";
import { publicMeta } from "~/components/public/meta";
import { useFormatDate } from "~/components/approvals/format";
import { formatNumber, formatRange } from "~/domain/savings";
import { ratingTaskText, ratingValueText } from "~/components/evidence";
import { useLocale, useT } from "~/i18n";
import { innovationName } from "~/i18n/names";
import { translate } from "~/i18n/messages";
import { formatDutchDate } from "~/domain/dutch-time";
import { RouteError } from "~/components/route-error";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  publicMeta(matches, data ? { title: data.region.name, url: data.url, description: (locale) => translate(locale, "public.regionDescription", { region: data.region.name, date: formatDutchDate(data.decision.adoptedAt, locale, { dateStyle: "long" }), count: data.items.length }) } : null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const agenda = getPublicAgenda({ db: context.db, slug: params.slug ?? "", origin });
  if (!agenda) throw new Response("Not found", { status: 404 });
  const { lastModified: _, ...page } = agenda;
  return page;
}

export default function PublicAgendaPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  const { decision } = data;
  return (
    <article className="public-page flex max-w-4xl flex-col gap-6" data-testid="public-agenda">
      <p className="text-sm print:hidden">
        <Link to="/openbaar" className="text-brand-700 underline">{t("public.toAll")}</Link>
      </p>
      <header className="flex flex-col gap-2">
        <p className="text-sm font-medium text-slate-700">{data.region.name}</p>
        <h1 className="text-2xl font-semibold">{data.agenda.title} <span className="text-base font-normal text-slate-700">({data.agenda.period})</span></h1>
        <p className="font-medium text-green-900" data-testid="public-adopted-on">{t("public.adoptedOn", { date: date(decision.adoptedAt) })}</p>
      </header>
      <section aria-labelledby="besluit" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="besluit" className="mb-1 text-lg font-semibold">{t("public.decision")}</h2>
        <p data-testid="public-decision">
          {t("public.decisionText", { rule: t(decision.rule.kind === "majority" ? "public.rule.majority" : "public.rule.consent"), boardSize: decision.boardSize, ...decision.votes })}
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("public.published", { published: decision.itemsPublished, adopted: decision.itemsAdopted })}</p>
        <p className="mt-1 text-sm text-slate-700">{t("public.asAdopted")}</p>
      </section>
      <ol className="flex flex-col gap-4" data-testid="public-items">
        {data.items.map((item) => <PublicItemCard key={item.id} item={item} />)}
      </ol>
      <section aria-labelledby="open-data" className="print:hidden">
        <h2 id="open-data" className="mb-1 text-lg font-semibold">{t("public.openData")}</h2>
        <p className="text-sm">{t("public.openDataIntro", { licence: OPEN_DATA_LICENCE.name })}</p>
        <ul className="mt-1 flex flex-wrap gap-4 text-sm">
          <li><a className="text-brand-700 underline" href={`/openbaar/${data.region.slug}.json`}>JSON</a></li>
          <li><a className="text-brand-700 underline" href={`/openbaar/${data.region.slug}.csv`}>CSV</a></li>
          <li><a className="text-brand-700 underline" href="/open-data.schema.json">JSON Schema</a></li>
        </ul>
      </section>
    </article>
  );
}

function PublicItemCard({ item }: { item: PublicItem }) {
  const t = useT();
  const locale = useLocale();
  const date = useFormatDate();
  const hours = (r: { low: number; expected: number; high: number }) => formatRange(r, locale);
  const { savings, progress } = item;
  const headingId = `punt-${item.id}-titel`;
  return (
    <li id={`punt-${item.id}`} className="public-item rounded-lg border border-slate-200 bg-white p-4" data-testid="public-item" aria-labelledby={headingId}>
      {item.rank !== null ? <p className="text-sm font-medium text-brand-800">{t("public.rank", { rank: item.rank })}</p> : null}
      <h2 id={headingId} className="text-lg font-semibold">{item.title}</h2>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("public.statusAdopted")}</dt>
        <dd>{t(`status.${item.statusAdopted}`)}</dd>
        <dt className="font-medium">{t("public.statusNow")}</dt>
        <dd data-testid="public-status-now">{t(`status.${item.statusNow}`)}</dd>
        {item.leadOrganisation ? (<><dt className="font-medium">{t("public.lead")}</dt><dd>{item.leadOrganisation}</dd></>) : null}
        {item.sectors.length ? (<><dt className="font-medium">{t("public.sectors")}</dt><dd>{item.sectors.join(", ")}</dd></>) : null}
        {item.startDate || item.endDate ? (<><dt className="font-medium">{t("public.period")}</dt><dd>{[item.startDate && date(item.startDate), item.endDate && date(item.endDate)].filter(Boolean).join(" – ")}</dd></>) : null}
      </dl>
      {item.why ? <><h3 className="mt-3 font-semibold">{t("public.why")}</h3><p>{item.why}</p></> : null}
      {item.plan ? <><h3 className="mt-3 font-semibold">{t("public.plan")}</h3><p className="whitespace-pre-line">{item.plan}</p></> : null}

      <h3 className="mt-3 font-semibold">{t("public.savings")}</h3>
      <p data-testid="public-projected">
        {savings.projected
          ? t("public.projected", { hours: hours(savings.projected.hoursPerYear), fte: formatRange(savings.projected.fte, locale), level: savings.projected.evidenceLevel })
          : t("public.noProjection")}
      </p>
      <p data-testid="public-realised">
        {savings.realised
          ? t("public.realised", { period: savings.realised.latestPeriod, hours: formatNumber(savings.realised.hoursPerYear, locale), fte: formatNumber(savings.realised.fte, locale) })
          : t("public.noRealised")}
      </p>
      {savings.links.map((l) => (
        <div key={l.innovation.slug} className="mt-2 text-sm">
          <p className="font-medium">{t("public.link", { innovation: innovationName(l.innovation, locale), reach: formatNumber(l.reach, locale), unit: t(`public.unit.${l.reachUnit}`), organisations: l.reachOrganisations })}</p>
          {l.ratings.length ? (
            <>
              <p className="text-slate-700">{t("public.ratings")}</p>
              <ul className="list-disc pl-5" data-testid="public-ratings">
                {l.ratings.map((r) => {
                  // A share of time or a figure per occurrence names what it is of.
                  const task = ratingTaskText(t, r);
                  const unit = t(`evidence.unit.${r.unit}` as "evidence.unit.hours_per_week_per_fte");
                  return (
                    <li key={r.id}>
                      {t("public.rating", { value: ratingValueText(r, locale), level: r.evidenceLevel, unit: task ? `${unit} (${task})` : unit, source: r.source })}
                      {r.sourceUrl ? <> (<a className="text-brand-700 underline" href={r.sourceUrl} rel="noopener">{t("public.source")}</a>)</> : null}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </div>
      ))}
      {savings.measurements.length ? (
        <>
          <h4 className="mt-2 text-sm font-semibold">{t("public.measurements")}</h4>
          <ul className="list-disc pl-5 text-sm" data-testid="public-measurements">
            {savings.measurements.map((m, i) => (
              <li key={i}>{t(`public.measurement.${m.kind}`, { period: m.period, value: formatNumber(m.value, locale), unit: t(`measurements.unit.${m.unit}` as "measurements.unit.hours_per_week") })}{m.team ? ` · ${m.team}` : ""}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 className="mt-3 font-semibold">{t("public.progress")}</h3>
      {progress.latest ? (
        <div data-testid="public-progress">
          <p>{t("public.latestNote", { period: progress.latest.period, pct: progress.latest.progressPct, happened: progress.latest.happened })}</p>
          {progress.latest.nextStep ? <p className="text-sm">{t("public.nextStep", { step: progress.latest.nextStep })}</p> : null}
        </div>
      ) : <p className="text-sm text-slate-700">{t("public.noNote")}</p>}
      {progress.statusHistory.length ? (
        <>
          <h4 className="mt-2 text-sm font-semibold">{t("public.history")}</h4>
          <ul className="list-disc pl-5 text-sm">
            {progress.statusHistory.map((h, i) => (
              <li key={i}>
                {t("public.historyLine", { date: date(h.at), status: t(`status.${h.to}`) })}
                {h.lessonLearned ? <p>{t("public.lesson", { lesson: h.lessonLearned })}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {progress.milestones.length ? (
        <>
          <h4 className="mt-2 text-sm font-semibold">{t("public.milestones")}</h4>
          <ul className="list-disc pl-5 text-sm">
            {progress.milestones.map((m, i) => <li key={i}>{t("public.milestone", { title: m.title, due: date(m.dueDate), state: t(`milestone.${m.state}` as "milestone.open") })}</li>)}
          </ul>
        </>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
