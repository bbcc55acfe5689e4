// Realised beside projected (decision 031): the item page's section, the agenda's and the region's
// comparison per way of saving, and an innovation across the regions that measured it. Every figure
// leads to what it rests on: a rating (its row on the innovation page) or a measurement (its period,
// unit and source file, listed in the item's section).
import { useId } from "react";
import { useLocale, useT } from "~/i18n";
import { innovationName } from "~/i18n/names";
import { periodLabel } from "~/domain/periods";
import { formatDecimal } from "~/domain/numbers";
import { formatExact, formatNumber, formatRange, roundSignificant, type Basis, type Range } from "~/domain/savings";
import { REALISED_ASSUMPTIONS, recalibrate, weeksPerYearOf, type AcrossRegions } from "~/domain/realised-savings";
import type { Comparison } from "~/domain/realised-savings";
import type { MeasuredItem, MechanismComparison } from "~/models/realised-savings.server";
import type { ItemRealisedSaving } from "~/models/savings.server";
import { ScrollRegion } from "~/components/scroll-region";

const percent = (share: number, locale: "nl" | "en") => formatExact(roundSignificant(share * 100), locale);
// Hours a week are measured figures, not estimates: shown as entered (to a tenth), not to two digits.
const perWeek = (hours: number, locale: "nl" | "en") => formatDecimal(hours, locale, 1);

export const realisedAnchor = "gerealiseerd";
export const itemPageHref = (agendaId: number, itemId: string) => `/agendas/${agendaId}/punten/${encodeURIComponent(itemId)}#${realisedAnchor}`;
const measurementAnchor = (id: number) => `gerealiseerd-meting-${id}`;

/** The item page's section: projected, realised, the share, the net saving, and the rows behind them. */
export function RealisedSection({ data }: { data: ItemRealisedSaving }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const f = (v: number) => formatNumber(v, locale);
  const { projected, realised } = data;
  return (
    <section id={realisedAnchor} aria-labelledby={headingId} data-testid="realised-section" className="rounded border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("realised.section")}
      </h2>
      <p className="text-sm text-slate-700">{t("realised.intro")}</p>
      <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("realised.projected")}</dt>
        <dd data-testid="realised-projected">
          {projected ? t("realised.projectedValue", { hours: formatRange(projected.hoursPerYear, locale), fte: formatRange(projected.fte, locale) }) : t("realised.noProjection")}
          {data.basis.length ? (
            <ul className="mt-1 text-sm">
              {data.basis.map((b) => (
                <li key={b.id}>
                  <a href={`/innovaties/${b.innovationSlug}#beoordeling-${b.id}`} className="text-brand-700 underline">
                    {t("realised.rating", { innovation: innovationName({ nameNl: b.innovationNameNl, nameEn: b.innovationNameEn }, locale), level: b.evidenceLevel })}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt className="font-medium">{t("realised.realised")}</dt>
        <dd data-testid="realised-realised">
          {realised.ok ? (
            <>
              <span data-testid="realised-value">
                {t("realised.realisedValue", { hours: f(realised.hoursPerYear), fte: f(realised.fte), periods: realised.periods, period: periodLabel(realised.latestPeriod, locale) })}
              </span>
              <span className="block" data-testid="realised-share">
                {data.share !== null ? t("realised.share", { share: percent(data.share, locale) }) : t("realised.noShare")}
              </span>
              {data.farBelow ? (
                <span className="block font-medium text-red-800">
                  {t("realised.farBelow", { share: REALISED_ASSUMPTIONS.farBelowShare * 100, periods: REALISED_ASSUMPTIONS.farBelowMinPeriods })}
                </span>
              ) : null}
              <span className="block text-sm text-slate-700">{t("realised.evidence", { level: realised.evidenceLevel })}</span>
            </>
          ) : (
            t(`realised.missing.${realised.reason}`)
          )}
          {realised.unmatched ? <span className="block text-sm text-slate-700">{t("realised.unmatched", { count: realised.unmatched })}</span> : null}
        </dd>
        <dt className="font-medium">{t("realised.net")}</dt>
        <dd data-testid="realised-net">
          <span className="block">
            {data.oneOff
              ? t("realised.oneOff", { training: f(data.oneOff.training), implementation: f(data.oneOff.implementation), total: f(data.oneOff.total) })
              : t("realised.noOneOff")}
          </span>
          {data.netProjected ? (
            <span className="block">
              {t("realised.netProjected", { hours: formatRange(data.netProjected.firstYear, locale), later: formatRange(projected!.hoursPerYear, locale) })}{" "}
              {payback(t, data.netProjected.paybackMonths, locale)}
            </span>
          ) : null}
          {data.netRealised ? (
            <span className="block" data-testid="realised-net-realised">
              {t("realised.netRealised", { hours: f(data.netRealised.firstYearHours), later: f(data.netRealised.laterYearHours) })} {payback(t, data.netRealised.paybackMonths, locale)}
            </span>
          ) : null}
        </dd>
      </dl>
      {realised.ok ? (
        <ul className="mt-3 text-sm" data-testid="realised-series">
          {realised.series.map((s) => (
            <li key={`${s.profession}|${s.team}|${s.unit}`}>
              {t("realised.seriesSaving", {
                series: [s.profession, s.team].filter(Boolean).join(", ") || t("realised.wholeItem"),
                baseline: perWeek(s.baselineHoursPerWeek, locale),
                period: periodLabel(s.latestPeriod, locale),
                measured: perWeek(s.measuredHoursPerWeek, locale),
                saved: perWeek(s.savedHoursPerWeek, locale),
                weeks: weeksPerYearOf(s.unit),
                hours: f(s.hoursPerYear),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {data.measurements.length ? <MeasurementRows rows={data.measurements} /> : null}
      <p className="mt-2 text-xs text-slate-700">{t("realised.assumptions")}</p>
    </section>
  );
}

function payback(t: ReturnType<typeof useT>, months: number | null, locale: "nl" | "en") {
  return months === null ? t("realised.noPayback") : t("realised.payback", { months: formatNumber(months, locale) });
}

function MeasurementRows({ rows }: { rows: ItemRealisedSaving["measurements"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ScrollRegion className="mt-3" label={t("realised.basis")}>
      <table className="w-full border-collapse text-sm" data-testid="realised-measurements">
        <caption className="text-left font-medium">{t("realised.basis")}</caption>
        <thead>
          <tr className="border-b text-left">
            <th scope="col" className="p-1">{t("realised.col.kind")}</th>
            <th scope="col" className="p-1">{t("realised.col.series")}</th>
            <th scope="col" className="p-1">{t("realised.col.period")}</th>
            <th scope="col" className="p-1 text-right">{t("realised.col.value")}</th>
            <th scope="col" className="p-1 text-right">{t("realised.col.hoursPerWeek")}</th>
            <th scope="col" className="p-1">{t("realised.col.source")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id} id={measurementAnchor(m.id)} className="border-b target:bg-yellow-50">
              <th scope="row" className="p-1 text-left font-normal">{t(`realised.kind.${m.kind}`)}</th>
              <td className="p-1">{[m.profession, m.team].filter(Boolean).join(", ") || t("realised.wholeItem")}</td>
              <td className="p-1">{periodLabel(m.period, locale)}</td>
              <td className="p-1 text-right">
                {formatExact(m.value, locale)} {t(`measurements.unit.${m.unit}`)}
              </td>
              <td className="p-1 text-right">{perWeek(m.hoursPerWeek, locale)}</td>
              <td className="p-1">{m.sourceFile ? t("realised.source.file", { file: m.sourceFile, row: m.sourceRow ?? "—" }) : t("realised.source.hand")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Realised beside projected per way of saving, with the measured items it rests on (agenda chart, region page). */
export function RealisedComparison({
  realised,
  title,
  heading: Heading = "h3",
}: {
  realised: { byMechanism: MechanismComparison[]; total: Comparison; items: MeasuredItem[] };
  title: string;
  /** h3 inside the agenda's savings chart; h2 where it is a section of its own (the region page). */
  heading?: "h2" | "h3";
}) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const f = (v: number) => formatNumber(v, locale);
  const rows = [
    ...realised.byMechanism.map((m) => ({ key: m.mechanism, label: t(`mechanism.${m.mechanism}`), c: m as Comparison })),
    { key: "total", label: t("chart.total"), c: realised.total },
  ];
  return (
    <section aria-labelledby={headingId} data-testid="realised-comparison" className="mt-4">
      <Heading id={headingId} className="text-base font-semibold">
        {title}
      </Heading>
      <p className="text-sm text-slate-700">{t("realised.chart.intro")}</p>
      {realised.items.length === 0 ? (
        <p className="mt-1 text-sm" data-testid="realised-none">{t("realised.chart.none")}</p>
      ) : (
        <>
          <ScrollRegion className="mt-2 max-w-3xl" label={title}>
            <table className="w-full border-collapse text-sm" data-testid="realised-table">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="p-1">{t("realised.chart.col.mechanism")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.projected")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.measuredItems")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.projectedOfMeasured")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.realised")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.share")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ key, label, c }) => (
                  <tr key={key} className={`border-b ${key === "total" ? "font-semibold" : ""}`} data-mechanism={key}>
                    <th scope="row" className="p-1 text-left font-normal">{label}</th>
                    <td className="p-1 text-right">{f(c.projectedHours)}</td>
                    <td className="p-1 text-right">{c.measuredItems}</td>
                    <td className="p-1 text-right">{c.measuredItems ? f(c.projectedOfMeasured) : t("realised.noValue")}</td>
                    <td className="p-1 text-right">{c.measuredItems ? f(c.realisedHours) : t("realised.noValue")}</td>
                    <td className="p-1 text-right">{c.share !== null ? `${percent(c.share, locale)}%` : t("realised.noValue")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="mt-2 text-sm font-medium">{t("realised.chart.items")}</p>
          <ul className="text-sm" data-testid="realised-items">
            {realised.items.map((i) => (
              <li key={i.itemId}>
                <a href={itemPageHref(i.agendaId, i.itemId)} className="text-brand-700 underline">
                  {i.projectedHours !== null && i.share !== null
                    ? t("realised.chart.item", { title: i.title || "—", realised: f(i.realisedHours), projected: f(i.projectedHours), share: `${percent(i.share, locale)}%`, period: periodLabel(i.latestPeriod, locale) })
                    : t("realised.chart.itemNoShare", { title: i.title || "—", realised: f(i.realisedHours), period: periodLabel(i.latestPeriod, locale) })}
                </a>{" "}
                <span className="text-slate-700">({t("realised.chart.files", { files: i.sourceFiles.join(", ") || t("realised.chart.handEntered") })})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** An innovation across the regions that measured it, and its recalibrated figure when the rule allows one. */
export function InnovationRealised({ across, catalogue }: { across: AcrossRegions; catalogue: Partial<Record<Basis, { range: Range }>> }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const f = (v: number) => formatNumber(v, locale);
  const r = across.recalibration;
  return (
    <section aria-labelledby={headingId} data-testid="innovation-realised" className="rounded border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("realised.innovation.title")}
      </h2>
      {across.medianShare === null ? (
        <p className="text-sm">{t("realised.innovation.none")}</p>
      ) : (
        <>
          <p data-testid="innovation-realised-summary">{t("realised.innovation.summary", { count: across.regions.length, share: percent(across.medianShare, locale) })}</p>
          <div className="mt-2 max-w-3xl overflow-x-auto" tabIndex={0} role="region" aria-label={t("realised.innovation.title")}>
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("realised.innovation.title")}</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="p-1">{t("realised.innovation.col.region")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.innovation.col.items")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.projectedOfMeasured")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.realised")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.chart.col.share")}</th>
                  <th scope="col" className="p-1 text-right">{t("realised.innovation.col.periods")}</th>
                </tr>
              </thead>
              <tbody>
                {across.regions.map((region) => (
                  <tr key={region.regionId} className="border-b">
                    <th scope="row" className="p-1 text-left font-normal">{region.regionName}</th>
                    <td className="p-1 text-right">{region.items}</td>
                    <td className="p-1 text-right">{f(region.projectedHours)}</td>
                    <td className="p-1 text-right">{f(region.realisedHours)}</td>
                    <td className="p-1 text-right">{percent(region.share, locale)}%</td>
                    <td className="p-1 text-right">{region.periods}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="mt-2 text-sm text-slate-700">{t("realised.innovation.attribution")}</p>
      {r.ok ? (
        <div className="mt-2" data-testid="innovation-recalibrated">
          <p>{t("realised.innovation.recalibrated", { regions: r.regions, level: r.evidenceLevel, share: percent(r.factor, locale) })}</p>
          <ul className="text-sm">
            {(["client", "fte"] as const).flatMap((basis) => {
              const c = catalogue[basis];
              if (!c) return [];
              return [
                <li key={basis}>
                  {t(`realised.innovation.recalibratedBasis.${basis}`, { recalibrated: formatRange(recalibrate(c.range, r.factor), locale), catalogue: formatRange(c.range, locale) })}
                </li>,
              ];
            })}
          </ul>
        </div>
      ) : (
        <p className="mt-2 text-sm" data-testid="innovation-not-recalibrated">
          {t("realised.innovation.notRecalibrated", { needed: r.needed, periods: r.periods, regions: r.regions })}
        </p>
      )}
    </section>
  );
}
