// The national results as charts people would rather look at than read (decision 033): per way of saving
// a small trend chart (SVG, projected solid, realised dotted, quarters on the x axis), per innovation
// realised beside projected (bars in HTML, as the agenda's savings chart, so names keep their size at
// 390 px). Every chart is an image with a title and a description for screen readers, followed by a
// table with the same figures; each total carries its evidence mix.
import { useId } from "react";
import { useLocale, useT } from "~/i18n";
import { formatExact, formatNumber, roundSignificant } from "~/domain/savings";
import { periodShortLabel, periodParts, periodLabel } from "~/domain/periods";
import { mixShares, weakestLevel, type NationalResults, type Totals } from "~/domain/national-results";

import { colours } from "~/components/savings-chart";

// The realised line and bars: 3:1 or more on white (WCAG 1.4.11), apart from every mechanism's colour.
const REALISED = "#9a3412";

const percent = (share: number, locale: "nl" | "en") => formatExact(roundSignificant(share * 100), locale);

/** A total's share cell: nothing measured, no projection to compare with (never a share of zero), or the share. */
function ShareCell({ totals }: { totals: Totals }) {
  const t = useT();
  const locale = useLocale();
  const text = totals.share !== null ? percent(totals.share, locale) : totals.measuredItems > 0 ? t("national.noProjection") : t("national.noShare");
  return <td className="p-1 text-right tabular-nums">{text}</td>;
}

export function EvidenceMixText({ totals }: { totals: Totals }) {
  const t = useT();
  const locale = useLocale();
  const shares = mixShares(totals.mix);
  const weakest = weakestLevel(totals.mix);
  if (!shares.length || weakest === null) return <span>{t("national.mixNone")}</span>;
  return (
    <span data-testid="evidence-mix">
      {t("national.mix", { parts: shares.map((s) => t("national.mixPart", { level: s.level, pct: percent(s.share, locale) })).join(", ") })} (
      {t("national.weakest", { level: weakest })})
    </span>
  );
}

const W = 320;
const H = 190;
const M = { left: 44, right: 12, top: 12, bottom: 40 };

/** A round top for the y axis: 1, 2 or 5 × a power of ten at or above the largest value. */
function niceMax(v: number) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((x) => x >= v)!;
}

export function TrendChart({ name, colour, quarters, series, hoursPerFteYear }: { name: string; colour: string; quarters: NationalResults["quarters"]; series: Totals[]; hoursPerFteYear: number }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const fte = (h: number) => h / hoursPerFteYear;
  const projected = series.map((s) => fte(s.projected.expected));
  const realised = series.map((s) => fte(s.realised));
  const top = niceMax(Math.max(...projected, ...realised));
  const x = (i: number) => M.left + (quarters.length > 1 ? (i * (W - M.left - M.right)) / (quarters.length - 1) : 0);
  const y = (v: number) => M.top + (1 - Math.max(0, v) / top) * (H - M.top - M.bottom);
  const path = (vs: number[]) => vs.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const f = (v: number) => formatNumber(v, locale);
  const title = t("national.trend.chartTitle", { mechanism: name });
  const desc = t("national.trend.desc", {
    first: periodLabel(quarters[0], locale),
    last: periodLabel(quarters[quarters.length - 1], locale),
    fromProjected: f(projected[0]),
    toProjected: f(projected[projected.length - 1]),
    fromRealised: f(realised[0]),
    toRealised: f(realised[realised.length - 1]),
  });
  return (
    <figure className="flex flex-col gap-2" data-testid="national-trend">
      <figcaption className="font-semibold text-slate-900">{name}</figcaption>
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${W} ${H}`} className="w-full max-w-[320px]" style={{ fontSize: 12 }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {[0, 0.5, 1].map((g) => (
          <g key={g}>
            <line x1={M.left} x2={W - M.right} y1={y(top * g)} y2={y(top * g)} stroke="#cbd5e1" />
            <text x={M.left - 4} y={y(top * g) + 4} textAnchor="end" fill="#334155">
              {f(top * g)}
            </text>
          </g>
        ))}
        {quarters.map((p, i) => {
          const { quarter, year } = periodParts(p);
          return (
            <g key={p}>
              <text x={x(i)} y={H - M.bottom + 16} textAnchor="middle" fill="#334155">
                {periodShortLabel(p, locale).split(" ")[0]}
              </text>
              {i === 0 || quarter === 1 ? (
                <text x={x(i)} y={H - M.bottom + 32} textAnchor="middle" fill="#334155">
                  {year}
                </text>
              ) : null}
            </g>
          );
        })}
        <path d={path(projected)} fill="none" stroke={colour} strokeWidth={3} />
        <path d={path(realised)} fill="none" stroke={REALISED} strokeWidth={3} strokeDasharray="2 4" strokeLinecap="round" />
        {realised.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={REALISED} />
        ))}
      </svg>
      <table className="w-full max-w-[320px] border-collapse text-sm" data-testid="national-trend-table">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b text-left">
            <th scope="col" className="p-1">{t("national.col.quarter")}</th>
            <th scope="col" className="p-1 text-right">{t("national.col.projected")}</th>
            <th scope="col" className="p-1 text-right">{t("national.col.realised")}</th>
            <th scope="col" className="p-1 text-right">{t("national.col.share")}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s, i) => (
            <tr key={quarters[i]} className="border-b">
              <th scope="row" className="p-1 text-left font-normal">{periodShortLabel(quarters[i], locale)}</th>
              <td className="p-1 text-right tabular-nums">{f(projected[i])}</td>
              <td className="p-1 text-right tabular-nums">{f(realised[i])}</td>
              <ShareCell totals={s} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="max-w-[320px] text-xs text-slate-700">
        {t("national.col.evidence")} {periodShortLabel(quarters[quarters.length - 1], locale)}: <EvidenceMixText totals={series[series.length - 1]} />
      </p>
    </figure>
  );
}

export function Legend() {
  const t = useT();
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-900" aria-hidden="true">
      <span className="inline-flex items-center gap-2">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" x2="28" y1="4" y2="4" stroke={colours.total} strokeWidth="3" />
        </svg>
        {t("national.legend.projected")}
      </span>
      <span className="inline-flex items-center gap-2">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="2" x2="26" y1="4" y2="4" stroke={REALISED} strokeWidth="3" strokeDasharray="2 4" strokeLinecap="round" />
        </svg>
        {t("national.legend.realised")}
      </span>
    </p>
  );
}

const widthOf = (v: number, max: number) => (max > 0 ? Math.min(100, Math.max(0, (v / max) * 100)) : 0);

/** Realised beside projected per innovation in the latest quarter: two bars each, every bar with its figure. */
export function InnovationBars({ results }: { results: NationalResults }) {
  const t = useT();
  const locale = useLocale();
  const last = results.quarters.length - 1;
  const quarter = periodLabel(results.quarters[last], locale);
  const fte = (h: number) => formatNumber(h / results.hoursPerFteYear, locale);
  const rows = results.byInnovation.map((x) => ({ ...x, now: x.quarters[last] }));
  const max = Math.max(0, ...rows.map((r) => Math.max(r.now.projected.expected, r.now.realised)));
  const label = t("national.innovation.label", {
    quarter,
    parts: rows.map((r) => t("national.innovation.part", { name: r.name, projected: fte(r.now.projected.expected), realised: fte(r.now.realised) })).join("; "),
  });
  return (
    <>
      <div role="img" aria-label={label} data-testid="national-innovation-bars" className="flex max-w-3xl flex-col gap-3">
        {rows.map((r) => (
          <div key={r.key} aria-hidden="true">
            <p className="text-sm font-medium text-slate-900">{r.name}</p>
            {([
              ["projected", r.now.projected.expected, colours.total],
              ["realised", r.now.realised, REALISED],
            ] as const).map(([kind, hours, colour]) => (
              <div key={kind} className="mt-1 flex items-center gap-2 text-sm">
                <span className="w-28 shrink-0 text-slate-800">{t(`national.legend.${kind}`)}</span>
                <div className="relative h-3 flex-1 rounded-sm bg-slate-100">
                  <div className="absolute inset-y-0 left-0 rounded-sm" style={{ width: `${widthOf(hours, max)}%`, minWidth: hours > 0 ? 2 : 0, backgroundColor: colour }} />
                </div>
                <span className="w-16 shrink-0 text-right tabular-nums text-slate-900">{fte(hours)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <FiguresTable
        caption={t("national.innovation.title")}
        nameHeader={t("national.col.innovation")}
        rows={rows.map((r) => ({ key: r.key, name: r.name, href: r.slug ? `/innovaties/${r.slug}` : null, totals: r.now }))}
        hoursPerFteYear={results.hoursPerFteYear}
        testId="national-innovation-table"
      />
    </>
  );
}

/** A breakdown's figures in one quarter: name (with its evidence mix beneath), projected, realised, share. */
export function FiguresTable({
  caption,
  nameHeader,
  rows,
  hoursPerFteYear,
  testId,
}: {
  caption: string;
  nameHeader: string;
  rows: Array<{ key: string | number; name: string; href: string | null; totals: Totals }>;
  hoursPerFteYear: number;
  testId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const fte = (h: number) => formatNumber(h / hoursPerFteYear, locale);
  return (
    // Short headers, the unit said once: four columns and a long name fit 390 px without scrolling.
    <table className="mt-3 w-full max-w-3xl border-collapse text-sm" data-testid={testId}>
      <caption className="text-left text-xs text-slate-700">
        <span className="sr-only">{caption}. </span>
        {t("national.col.inFte")}
      </caption>
      <thead>
        <tr className="border-b text-left">
          <th scope="col" className="p-1">{nameHeader}</th>
          <th scope="col" className="p-1 text-right">{t("national.col.projectedShort")}</th>
          <th scope="col" className="p-1 text-right">{t("national.col.realisedShort")}</th>
          <th scope="col" className="p-1 text-right">
            %<span className="sr-only"> {t("national.col.shareShort")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b align-top">
            <th scope="row" className="p-1 text-left font-normal [overflow-wrap:anywhere]">
              {r.href ? (
                <a href={r.href} className="text-brand-700 underline">
                  {r.name}
                </a>
              ) : (
                r.name
              )}
              <span className="block text-xs text-slate-700">
                {t("national.col.items")}: {r.totals.measuredItems} · <EvidenceMixText totals={r.totals} />
              </span>
            </th>
            <td className="p-1 text-right tabular-nums">{fte(r.totals.projected.expected)}</td>
            <td className="p-1 text-right tabular-nums">{fte(r.totals.realised)}</td>
            <ShareCell totals={r.totals} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
