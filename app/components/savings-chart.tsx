// The agenda's projected saving by way of saving labour, and how it stands against what the region
// set itself (decision 015). Readable when the saving is small: the bars are scaled to the agenda's own
// total, never to the target, and every bar carries its figure; the target gets a bullet bar of its
// own with the share written out. HTML rather than SVG so that text keeps its size at 390 px. Screen
// readers get each chart as one sentence (role="img"), and the table below holds the same figures.
import { useId } from "react";
import { useFetcher } from "@remix-run/react";
import { targetSchema } from "~/forms/region-target";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { ASSUMPTIONS, formatExact, formatNumber, formatRange, roundSignificant, shareOfShortage, targetUnits, type Range } from "~/domain/savings";
import { formatForInput } from "~/domain/numbers";
import { formatDutchDate } from "~/domain/dutch-time";
import type { AgendaSavings } from "~/models/savings.server";
import type { MessageKey } from "~/i18n/messages";
import { savingsActionPath } from "./item-savings";
import { RealisedComparison } from "./realised-savings";
import { ScrollRegion } from "~/components/scroll-region";

type ChartSavings = Omit<AgendaSavings, "items">;

// Fills with at least 3:1 contrast on white and on the track (WCAG 1.4.11); the table has the figures.
export const colours: Record<string, string> = {
  prevention: "#0f766e",
  substitution: "#7c3aed",
  "working-differently": "#154a7b",
  total: "#334155",
};

/** A share as a percentage with two significant digits, so that 0.003% does not print as 0%. */
const percent = (share: number, locale: "nl" | "en") => formatExact(roundSignificant(share * 100), locale);


export function AgendaSavingsChart({ savings, canSetTarget }: { savings: ChartSavings; canSetTarget: boolean }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const rows: Array<{ key: string; label: string; fte: Range; hours: number }> = [
    ...savings.byMechanism.map((m) => ({ key: m.mechanism, label: t(`mechanism.${m.mechanism}`), fte: m.fte, hours: m.hoursPerYear.expected })),
    { key: "total", label: t("chart.total"), fte: savings.total.fte, hours: savings.total.hoursPerYear.expected },
  ];
  const fmt = (v: number) => formatNumber(v, locale);
  const parts = rows
    .slice(0, -1)
    .map((r) => `${r.label} ${t("chart.fte", { value: formatRange(r.fte, locale) })}`)
    .join("; ");
  return (
    <section aria-labelledby={headingId} data-testid="agenda-savings" className="rounded border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("chart.title")}
      </h2>
      <p className="text-sm text-slate-800">
        <span data-testid="agenda-savings-total">
          {t("chart.total")}: {t("chart.fte", { value: formatRange(savings.total.fte, locale) })}
        </span>
      </p>
      <MechanismBars rows={rows} label={t("chart.label", { parts, total: formatRange(savings.total.fte, locale) })} />
      <p className="mt-1 text-xs text-slate-700">{t("chart.scale")}</p>
      <TargetPart savings={savings} />
      <ShortagePart savings={savings} />
      <p className="mt-2 text-sm text-slate-700" data-testid="agenda-savings-national">
        {t("chart.national", { people: formatExact(ASSUMPTIONS.nationalAimPeople, locale), year: ASSUMPTIONS.nationalAimYear })}
      </p>
      {/* Below sm the cells shrink and headers wrap so the five columns fit 390 px; wider content still scrolls in its box. */}
      <ScrollRegion className="mt-3 max-w-3xl" label={t("chart.tableLabel")}>
        <table className="w-full border-collapse text-xs sm:text-sm max-sm:[&_td]:px-0.5 max-sm:[&_th]:px-0.5" data-testid="agenda-savings-table">
          <caption className="sr-only">{t("chart.title")}</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-1">{t("chart.col.mechanism")}</th>
              <th scope="col" className="p-1 text-right">{t("chart.col.fteLow")}</th>
              <th scope="col" className="p-1 text-right">{t("chart.col.fteExpected")}</th>
              <th scope="col" className="p-1 text-right">{t("chart.col.fteHigh")}</th>
              <th scope="col" className="p-1 text-right">{t("chart.col.hours")}</th>
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
      </ScrollRegion>
      <p className="mt-2 text-xs text-slate-700">
        {t("savings.assumption", { hours: formatExact(savings.hoursPerFteYear, locale) })}{" "}
        <a href="/innovaties#aannames" className="text-brand-700 underline">
          {t("savings.assumptionsLink")}
        </a>
      </p>
      <RealisedComparison realised={savings.realised} title={t("realised.chart.title")} />
      {canSetTarget ? <TargetForm savings={savings} /> : null}
    </section>
  );
}

/** Width of a value on a 0..max scale, in percent; a saving above zero always shows (at least 2 px). */
const widthOf = (v: number, max: number) => (max > 0 ? Math.min(100, Math.max(0, (v / max) * 100)) : 0);

function MechanismBars({ rows, label }: { rows: Array<{ key: string; label: string; fte: Range }>; label: string }) {
  const t = useT();
  const locale = useLocale();
  // The agenda's own scale: the widest whisker. Against a target of thousands of FTE a first saving of
  // 0.1 FTE would be an invisible sliver; here it is a bar, and the target has its own bar below.
  const max = Math.max(...rows.map((r) => r.fte.high), 0);
  return (
    <div role="img" aria-label={label} data-testid="agenda-savings-bars" className="mt-3 flex max-w-3xl flex-col gap-2">
      {rows.map((r) => (
        <div key={r.key} aria-hidden="true" className={r.key === "total" ? "border-t border-slate-200 pt-2" : undefined}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
            <span className={r.key === "total" ? "font-semibold text-slate-900" : "text-slate-900"}>{r.label}</span>
            <span className="tabular-nums text-slate-900">{t("chart.fte", { value: formatRange(r.fte, locale) })}</span>
          </div>
          <div className="relative mt-1 h-4 w-full rounded-sm bg-slate-100">
            <div
              className="absolute inset-y-0 left-0 rounded-sm"
              style={{ width: `${widthOf(r.fte.expected, max)}%`, minWidth: r.fte.expected > 0 ? 2 : 0, backgroundColor: colours[r.key] }}
            />
            {r.fte.high > r.fte.low ? (
              <div
                className="absolute top-1/2 h-2 -translate-y-1/2 border-x-2 border-slate-900"
                style={{ left: `${widthOf(r.fte.low, max)}%`, width: `${widthOf(r.fte.high, max) - widthOf(r.fte.low, max)}%` }}
              >
                <div className="absolute inset-x-0 top-1/2 h-0.5 -translate-y-1/2 bg-slate-900" />
              </div>
            ) : null}
          </div>
        </div>
      ))}
    </div>
  );
}

function TargetPart({ savings }: { savings: ChartSavings }) {
  const t = useT();
  const locale = useLocale();
  const target = savings.target;
  if (!target) {
    return (
      <p className="mt-3 max-w-3xl text-sm text-slate-800" data-testid="agenda-savings-no-target">
        {t("chart.noTarget")}
      </p>
    );
  }
  const saving = savings.total.fte.expected;
  const share = target.fte > 0 ? saving / target.fte : 0;
  const stated = `${formatExact(target.value, locale)} ${t(`targets.unit.${target.unit}`)}`;
  const progress = t("chart.progress", { saving: formatNumber(saving, locale), target: formatNumber(target.fte, locale), pct: percent(share, locale) });
  const source = target.source ?? t("chart.targetNoSource");
  return (
    <div className="mt-3 max-w-3xl text-sm" data-testid="agenda-savings-target">
      <p className="text-slate-900">
        {t("chart.target", { target: stated })}{" "}
        {target.unit === "people" ? t("chart.targetPeople", { fte: formatNumber(target.fte, locale), factor: formatExact(ASSUMPTIONS.partTimeFactor, locale) }) : null}
      </p>
      <div role="img" aria-label={progress} className="relative mt-1 h-4 w-full rounded-sm bg-slate-200">
        <div className="absolute inset-y-0 left-0 rounded-sm" style={{ width: `${widthOf(saving, target.fte)}%`, minWidth: saving > 0 ? 2 : 0, backgroundColor: colours.total }} />
        <div className="absolute inset-y-[-3px] right-0 w-0.5 bg-red-800" />
      </div>
      <p className="mt-1 text-slate-900" data-testid="agenda-savings-progress">{progress}</p>
      <p className="text-xs text-slate-700">
        {target.setAt
          ? target.setByName
            ? t("chart.targetSet", { date: formatDutchDate(target.setAt, locale), name: target.setByName, source })
            : t("chart.targetSetUnknown", { date: formatDutchDate(target.setAt, locale), source })
          : source}
      </p>
    </div>
  );
}

function ShortagePart({ savings }: { savings: ChartSavings }) {
  const t = useT();
  const locale = useLocale();
  const s = savings.shortage;
  if (!s) {
    return (
      <p className="mt-2 text-sm text-slate-700" data-testid="agenda-savings-shortage">
        {t("chart.shortageNone")}
      </p>
    );
  }
  const pct = percent(shareOfShortage(savings.total.fte.expected, s), locale);
  return (
    <p className="mt-2 max-w-3xl text-sm text-slate-800" data-testid="agenda-savings-shortage">
      {t("chart.shortage", { pct, shortage: formatExact(s.shortage, locale), unit: t(`targets.unit.${s.unit}`), year: s.year, vintage: s.vintage })}{" "}
      {s.unit === "people" ? `${t("chart.shortagePeople", { factor: formatExact(ASSUMPTIONS.partTimeFactor, locale) })} ` : null}
      <a href={s.sourceUrl} className="text-brand-700 underline" rel="noreferrer">
        {t("chart.shortageSource", { publisher: s.publisher })}
      </a>
      {s.reporting === "second_hand" ? ` (${t("chart.shortageSecondHand")})` : null}
    </p>
  );
}

const selectClass = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

function TargetForm({ savings }: { savings: ChartSavings }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const fetcher = useFetcher<{ intent: string; errors: FieldErrors; message?: MessageKey }>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const { errors, onSubmit } = useFormValidation(targetSchema, result?.intent === "set-target" ? result.errors : undefined);
  const target = savings.target;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-medium text-brand-700">{t("targets.form.summary")}</summary>
      <fetcher.Form method="post" action={savingsActionPath(savings.agendaId)} noValidate onSubmit={onSubmit} className="mt-2 flex flex-wrap items-end gap-3" data-testid="target-form">
        <input type="hidden" name="intent" value="set-target" />
        <Field label={t("targets.form.value")} name="targetValue" inputMode="decimal" defaultValue={formatForInput(target?.value, locale)} error={errors.targetValue} />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-unit`} className="font-medium text-slate-800">
            {t("targets.form.unit")}
          </label>
          <select id={`${id}-unit`} name="targetUnit" defaultValue={target?.unit ?? "people"} className={selectClass}>
            {targetUnits.map((u) => (
              <option key={u} value={u}>
                {t(`targets.unit.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t("targets.form.source")} name="targetSource" defaultValue={target?.source ?? ""} error={errors.targetSource} />
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
