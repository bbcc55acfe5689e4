// The agenda's total projected saving by way of saving labour, against the region's target: an SVG
// chart that screen readers get as one sentence (role="img"), with the same figures in a table.
import { useId } from "react";
import { useFetcher } from "@remix-run/react";
import { targetSchema } from "~/forms/catalogue";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { ASSUMPTIONS, formatExact, formatNumber, formatRange, roundSignificant, type Range } from "~/domain/savings";
import type { AgendaSavings } from "~/models/savings.server";
import type { MessageKey } from "~/i18n/messages";
import { savingsActionPath } from "./item-savings";

// Fills with at least 3:1 contrast on white (WCAG 1.4.11); the table carries the same information.
const colours: Record<string, string> = {
  prevention: "#0f766e",
  substitution: "#7c3aed",
  "working-differently": "#154a7b",
  total: "#334155",
};

export function AgendaSavingsChart({ savings, canSetTarget }: { savings: Omit<AgendaSavings, "items">; canSetTarget: boolean }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const rows: Array<{ key: string; label: string; fte: Range; hours: number }> = [
    ...savings.byMechanism.map((m) => ({ key: m.mechanism, label: t(`mechanism.${m.mechanism}`), fte: m.fte, hours: m.hoursPerYear.expected })),
    { key: "total", label: t("savings.region.total"), fte: savings.total.fte, hours: savings.total.hoursPerYear.expected },
  ];
  const target = savings.target.fte;
  const max = Math.max(target, ...rows.map((r) => r.fte.high)) || 1;
  const width = 640;
  const labelWidth = 210;
  const barArea = width - labelWidth - 20;
  const rowHeight = 34;
  const height = rows.length * rowHeight + 40;
  const x = (v: number) => labelWidth + (v / max) * barArea;
  const fmt = (v: number) => formatNumber(v, locale);
  // A target the region typed is shown as typed; a derived one is rounded like every estimate.
  const targetText = savings.target.source === "region" ? formatExact(target, locale) : fmt(target);
  const parts = rows
    .slice(0, -1)
    .map((r) => `${r.label} ${formatRange(r.fte, locale)} fte`)
    .join("; ");
  const pct = target > 0 ? roundSignificant((savings.total.fte.expected / target) * 100) : 0;
  return (
    <section aria-labelledby={headingId} data-testid="agenda-savings" className="rounded border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("savings.region.title")}
      </h2>
      <p className="text-sm text-slate-700">
        <span data-testid="agenda-savings-total">
          {t("savings.region.total")}: {t("savings.fte", { range: formatRange(savings.total.fte, locale) })}
        </span>{" "}
        · {t("savings.region.target", { year: ASSUMPTIONS.targetYear })}: <span data-testid="agenda-savings-target">{targetText}</span> fte ·{" "}
        {t("savings.region.ofTarget", { pct: fmt(pct) })}
      </p>
      <svg
        role="img"
        aria-label={t("savings.region.chartLabel", { parts, total: formatRange(savings.total.fte, locale), target: targetText })}
        viewBox={`0 0 ${width} ${height}`}
        className="mt-3 w-full max-w-3xl"
      >
        {rows.map((r, i) => {
          const y = 10 + i * rowHeight;
          return (
            <g key={r.key}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#0f172a">
                {r.label}
              </text>
              <rect x={labelWidth} y={y + 4} width={Math.max(0, x(r.fte.expected) - labelWidth)} height={18} fill={colours[r.key]} />
              {r.fte.high > r.fte.low ? (
                <g stroke="#0f172a" strokeWidth="1.5">
                  <line x1={x(r.fte.low)} x2={x(r.fte.high)} y1={y + 13} y2={y + 13} />
                  <line x1={x(r.fte.low)} x2={x(r.fte.low)} y1={y + 7} y2={y + 19} />
                  <line x1={x(r.fte.high)} x2={x(r.fte.high)} y1={y + 7} y2={y + 19} />
                </g>
              ) : null}
            </g>
          );
        })}
        <line x1={x(target)} x2={x(target)} y1={4} y2={height - 24} stroke="#b91c1c" strokeWidth="2" strokeDasharray="6 4" />
        <text x={Math.min(x(target), width - 4)} y={height - 8} textAnchor={x(target) > width - 80 ? "end" : "middle"} fontSize="12" fill="#991b1b">
          {t("savings.region.target", { year: ASSUMPTIONS.targetYear })}: {targetText} fte
        </text>
      </svg>
      <table className="mt-3 w-full max-w-3xl border-collapse text-sm" data-testid="agenda-savings-table">
        <caption className="sr-only">{t("savings.region.title")}</caption>
        <thead>
          <tr className="border-b text-left">
            <th scope="col" className="p-1">{t("savings.region.mechanism")}</th>
            <th scope="col" className="p-1 text-right">{t("savings.region.fteLow")}</th>
            <th scope="col" className="p-1 text-right">{t("savings.region.fteExpected")}</th>
            <th scope="col" className="p-1 text-right">{t("savings.region.fteHigh")}</th>
            <th scope="col" className="p-1 text-right">{t("savings.region.hours")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={`border-b ${r.key === "total" ? "font-semibold" : ""}`}>
              <th scope="row" className="p-1 text-left font-normal">{r.label}</th>
              <td className="p-1 text-right">{fmt(r.fte.low)}</td>
              <td className="p-1 text-right">{fmt(r.fte.expected)}</td>
              <td className="p-1 text-right">{fmt(r.fte.high)}</td>
              <td className="p-1 text-right">{fmt(r.hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-700">
        {t(`savings.target.source.${savings.target.source}`)}{" "}
        {t("savings.assumption", { hours: formatExact(savings.hoursPerFteYear, locale) })}{" "}
        <a href="/innovaties#aannames" className="text-brand-700 underline">
          {t("savings.assumptionsLink")}
        </a>
      </p>
      {canSetTarget ? <TargetForm savings={savings} /> : null}
    </section>
  );
}

function TargetForm({ savings }: { savings: Omit<AgendaSavings, "items"> }) {
  const t = useT();
  const fetcher = useFetcher<{ intent: string; errors: FieldErrors; message?: MessageKey }>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const { errors, onSubmit } = useFormValidation(targetSchema, result?.intent === "set-target" ? result.errors : undefined);
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-medium text-brand-700">{t("savings.target.set")}</summary>
      <fetcher.Form method="post" action={savingsActionPath(savings.agendaId)} noValidate onSubmit={onSubmit} className="mt-2 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="set-target" />
        <Field label={t("savings.target.label")} name="targetFte" inputMode="decimal" defaultValue={savings.target.regionSet ?? ""} error={errors.targetFte} />
        <button type="submit" disabled={fetcher.state !== "idle"} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {t("common.save")}
        </button>
        {result?.message ? (
          <p role="status" className="text-sm text-green-800">
            {t(result.message)}
          </p>
        ) : null}
      </fetcher.Form>
    </details>
  );
}
