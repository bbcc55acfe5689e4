// The item page's section on measured savings (issue 15, decision 029): the baseline and measurements
// with unit, hours per week and source, and for whoever keeps the execution records the hand entry form
// and the upload of a roster or HR export. The forms post to the measurements route
// (`measurementsPath`), which redirects back to the item page.
import { useState } from "react";
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { Saved, Section, SelectField, TextAreaField } from "~/components/execution/fields";
import { ScrollRegion } from "~/components/scroll-region";
import { formatDecimal } from "~/domain/numbers";
import { periodLabel, periodOf, periodRange, shiftPeriod } from "~/domain/periods";
import { formatDutchDate } from "~/domain/dutch-time";
import { measurementKinds, measurementUnits } from "~/domain/vocabulary";
import { measurementEntrySchema } from "~/forms/measurements";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { useLocale, useT } from "~/i18n";
import type { MeasurementRow, MeasurementsSectionData } from "~/models/measurements.server";

export const MEASUREMENTS_ANCHOR = "metingen";

export const measurementsPath = (agendaId: number, itemId: string) => `/agendas/${agendaId}/punten/${encodeURIComponent(itemId)}/metingen`;
export const measurementImportPath = (agendaId: number, itemId: string, importId?: number) =>
  `${measurementsPath(agendaId, itemId)}/import${importId ? `/${importId}` : ""}`;

type Props = { data: MeasurementsSectionData; errors?: FieldErrors; saved: string | null };

/** What `?opgeslagen=` says after a redirect back to the item page. */
export const measurementsSaved = { added: "metingen", removed: "metingen-verwijderd", imported: "metingen-ingelezen" } as const;
const savedMessages = { metingen: "measurements.added", "metingen-verwijderd": "measurements.removed", "metingen-ingelezen": "measurements.import.done" } as const;

export const buttonClass = "rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2";
export const quietButtonClass = "rounded border border-slate-400 px-3 py-1 text-sm text-slate-900 hover:bg-slate-100";

// Quarters offered by hand: two years back (a baseline is often older) to the running one.
const HAND_PERIODS_BACK = 8;

export function MeasurementsSection({ data, errors, saved }: Props) {
  const t = useT();
  const savedMessage = saved && saved in savedMessages ? savedMessages[saved as keyof typeof savedMessages] : null;
  return (
    <Section id={MEASUREMENTS_ANCHOR} title={t("measurements.title")}>
      <p className="text-sm text-slate-700">{t("measurements.intro")}</p>
      <Saved show={savedMessage !== null}>{savedMessage ? t(savedMessage) : null}</Saved>
      <FigureTable data={data} kind="baseline" />
      <FigureTable data={data} kind="measurement" />
      {data.mayRecord ? (
        <>
          <EntryForm data={data} errors={errors} />
          <UploadForm data={data} />
        </>
      ) : (
        <p className="text-sm text-slate-700">{t("measurements.readOnly")}</p>
      )}
    </Section>
  );
}

function FigureTable({ data, kind }: { data: MeasurementsSectionData; kind: "baseline" | "measurement" }) {
  const t = useT();
  const locale = useLocale();
  const rows = kind === "baseline" ? data.baselines : data.measurements;
  const title = t(kind === "baseline" ? "measurements.baselines" : "measurements.series");
  return (
    <>
      <h3 className="font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t(kind === "baseline" ? "measurements.noBaseline" : "measurements.none")}</p>
      ) : (
        <ScrollRegion label={title}>
          <table className="min-w-full text-left text-sm" data-testid={`measurements-${kind}`}>
            <thead>
              <tr className="border-b">
                <th scope="col" className="p-2">{t("measurements.col.period")}</th>
                <th scope="col" className="p-2 text-right">{t("measurements.col.value")}</th>
                <th scope="col" className="p-2 text-right">{t("measurements.col.hoursPerWeek")}</th>
                <th scope="col" className="p-2">{t("measurements.col.who")}</th>
                <th scope="col" className="p-2">{t("measurements.col.source")}</th>
                {data.mayRecord ? <th scope="col" className="p-2">{t("measurements.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b align-top">
                  <td className="p-2">{when(row, locale, t)}</td>
                  <td className="p-2 text-right whitespace-nowrap">
                    {formatDecimal(row.value, locale, 2)} {t(`measurements.unit.${row.unit}`)}
                    {row.clientsPerWeek != null ? <span className="block text-xs text-slate-700">× {formatDecimal(row.clientsPerWeek, locale, 1)} {t("measurements.field.clients").toLowerCase()}</span> : null}
                  </td>
                  <td className="p-2 text-right">{formatDecimal(row.hoursPerWeek, locale, 1)}</td>
                  <td className="p-2">{[row.profession, row.team].filter(Boolean).join(" · ") || t("measurements.whole")}</td>
                  <td className="p-2 text-xs text-slate-700">
                    {source(row, locale, t)}
                    {row.note ? <span className="block">{row.note}</span> : null}
                  </td>
                  {data.mayRecord ? (
                    <td className="p-2">
                      <Form method="post" action={measurementsPath(data.agendaId, data.item.id)}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="measurementId" value={row.id} />
                        <button type="submit" className={quietButtonClass} aria-label={t("measurements.removeLabel", { period: when(row, locale, t) })}>
                          {t("measurements.remove")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

type T = ReturnType<typeof useT>;

function when(row: MeasurementRow, locale: "nl" | "en", t: T) {
  if (!row.startDate) return periodLabel(row.period, locale);
  const day = (d: string) => formatDutchDate(d, locale, { dateStyle: "medium" });
  return row.endDate && row.endDate !== row.startDate ? t("measurements.range", { from: day(row.startDate), to: day(row.endDate) }) : day(row.startDate);
}

function source(row: MeasurementRow, locale: "nl" | "en", t: T) {
  const name = row.createdByName ?? t("measurements.unknownUser");
  const date = formatDutchDate(row.createdAt, locale, { dateStyle: "medium" });
  return row.source === "import" ? t("measurements.source.import", { file: row.sourceFile ?? "", row: row.sourceRow ?? 0, name, date }) : t("measurements.source.hand", { name, date });
}

function EntryForm({ data, errors }: { data: MeasurementsSectionData; errors?: FieldErrors }) {
  const t = useT();
  const locale = useLocale();
  const form = useFormValidation(measurementEntrySchema, errors);
  const [unit, setUnit] = useState<string>("hours_per_week");
  const [mode, setMode] = useState<"quarter" | "range">("quarter");
  const current = periodOf(Date.now());
  const periods = periodRange(shiftPeriod(current, -HAND_PERIODS_BACK), current).reverse();
  return (
    <Form method="post" action={measurementsPath(data.agendaId, data.item.id)} noValidate onSubmit={form.onSubmit} className="flex flex-col gap-3 border-t border-slate-200 pt-3" aria-labelledby="measurement-entry-heading">
      <h3 id="measurement-entry-heading" className="font-semibold">{t("measurements.form.title")}</h3>
      <input type="hidden" name="intent" value="add" />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t("measurements.form.kind")} name="kind" error={form.errors.kind} options={measurementKinds.map((k) => [k, t(`measurements.kind.${k}`)] as const)} defaultValue="measurement" />
        <Field label={t("measurements.form.value")} name="value" inputMode="decimal" autoComplete="off" hint={t("measurements.form.valueHelp")} error={form.errors.value} />
        <SelectField label={t("measurements.form.unit")} name="unit" error={form.errors.unit} options={measurementUnits.map((u) => [u, t(`measurements.unit.${u}`)] as const)} value={unit} onChange={(e) => setUnit(e.target.value)} />
        {unit === "minutes_per_client" ? <Field label={t("measurements.form.clients")} name="clientsPerWeek" inputMode="decimal" autoComplete="off" error={form.errors.clientsPerWeek} /> : null}
        <Field label={t("measurements.form.profession")} name="profession" autoComplete="off" maxLength={120} error={form.errors.profession} />
        <Field label={t("measurements.form.team")} name="team" autoComplete="off" maxLength={120} error={form.errors.team} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">{t("measurements.form.when")}</legend>
        <div className="flex flex-wrap gap-4">
          {(["quarter", "range"] as const).map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="radio" name="periodMode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === "quarter" ? "measurements.form.quarter" : "measurements.form.rangeMode")}
            </label>
          ))}
        </div>
        {mode === "quarter" ? (
          <SelectField label={t("measurements.form.period")} name="period" error={form.errors.period} options={periods.map((p) => [p, periodLabel(p, locale)] as const)} defaultValue={current} />
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("measurements.form.startDate")} name="startDate" type="date" error={form.errors.startDate} />
            <Field label={t("measurements.form.endDate")} name="endDate" type="date" error={form.errors.endDate} />
          </div>
        )}
      </fieldset>
      <TextAreaField label={t("measurements.form.note")} name="note" maxLength={1000} error={form.errors.note} rows={2} />
      {form.errors.form ? <p role="alert" className="text-sm text-red-700">{t(form.errors.form)}</p> : null}
      <button type="submit" className={`${buttonClass} self-start`}>{t("measurements.form.submit")}</button>
    </Form>
  );
}

/** The upload; a refused file comes back to the import route's page with `problem` said in words. */
export function UploadForm({ data, problem }: { data: { agendaId: number; item: { id: string } }; problem?: string }) {
  const t = useT();
  return (
    <Form method="post" action={measurementImportPath(data.agendaId, data.item.id)} encType="multipart/form-data" className="flex flex-col gap-3 border-t border-slate-200 pt-3" aria-labelledby="measurement-import-heading">
      <h3 id="measurement-import-heading" className="font-semibold">{t("measurements.import.title")}</h3>
      <p className="text-sm text-slate-700">{t("measurements.import.help")}</p>
      <SelectField label={t("measurements.import.kind")} name="kind" options={measurementKinds.map((k) => [k, t(`measurements.kind.${k}`)] as const)} defaultValue="measurement" />
      <Field label={t("measurements.import.file")} name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
      {problem ? <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-problem">{problem}</p> : null}
      <button type="submit" className={`${buttonClass} self-start`}>{t("measurements.import.upload")}</button>
    </Form>
  );
}
