// The item page's section on training and funding (issue 15, decision 030): the lines with their sums,
// and for whoever keeps the agenda's execution records the forms to add, change and remove them. The
// forms post to the training route's action (`actionPath`), which redirects back to the item page.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { trainingDemandHref } from "~/domain/flags/links";
import { Saved, Section, SelectField } from "~/components/execution/fields";
import { ScrollRegion } from "~/components/scroll-region";
import { formatDecimal, formatForInput } from "~/domain/numbers";
import { periodLabel } from "~/domain/periods";
import { formatEuros, fundingRoutes, fundingStatuses, lineHours, schoolTypes, trainingKinds, trainingStatuses, type ItemTrainingHours, type TrainingLine } from "~/domain/training";
import { fundingSchema, trainingSchema } from "~/forms/training";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { useLocale, useT } from "~/i18n";
import type { FundingLine } from "~/models/training.server";

export const TRAINING_ANCHOR = "opleiding";

export type TrainingSectionData = {
  agendaId: number;
  item: { id: string };
  regionSlug: string;
  training: ItemTrainingHours;
  funding: FundingLine[];
  mayEdit: boolean;
};

/** Where the section's forms post: the training route, whichever page shows the section. */
export const trainingActionPath = (agendaId: number, itemId: string) => `/agendas/${agendaId}/punten/${encodeURIComponent(itemId)}/opleiding`;


type Props = { data: TrainingSectionData; errors?: FieldErrors; intent?: string; saved: boolean };

const button = "rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2";
const quiet = "rounded border border-slate-400 px-3 py-1 text-sm text-slate-900 hover:bg-slate-100";

export function TrainingSection({ data, errors, intent, saved }: Props) {
  const t = useT();
  const locale = useLocale();
  const { training, funding } = data;
  const actionPath = trainingActionPath(data.agendaId, data.item.id);
  const h = (v: number) => formatDecimal(v, locale, 1);
  const sumBy = (status: FundingLine["status"]) => formatEuros(funding.filter((f) => f.status === status).reduce((s, f) => s + f.amountCents, 0), locale);
  return (
    <Section id={TRAINING_ANCHOR} title={t("training.section")}>
      <p className="text-sm text-slate-700">{t("training.intro")}</p>
      <Saved show={saved}>{t("training.saved")}</Saved>
      <h3 className="font-semibold">{t("training.needs")}</h3>
      {training.lines.length === 0 ? (
        <p className="text-sm text-slate-700">{t("training.none")}</p>
      ) : (
        <>
          <p className="text-sm" data-testid="training-totals">{t("training.totals", { training: h(training.training), implementation: h(training.implementation), total: h(training.total) })}</p>
          <LinesTable
            label={t("training.needs")}
            columns={[
              [t("training.col.role")],
              [t("training.col.kind")],
              [t("training.col.people"), true],
              [t("training.col.hours"), true],
              [t("training.col.totalHours"), true],
              [t("training.col.provider")],
              [t("training.col.skillsLab")],
              [t("training.col.status")],
              [t("training.col.period")],
            ]}
          >
            {training.lines.map((line) => (
              <tr key={line.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="p-2 font-normal">{line.role}</th>
                <td className="p-2">{t(`training.kind.${line.kind}`)}</td>
                <td className="p-2 text-right">{formatDecimal(line.people, locale)}</td>
                <td className="p-2 text-right">{h(line.hoursPerPerson)}</td>
                <td className="p-2 text-right">{h(lineHours(line))}</td>
                <td className="p-2">{line.kind === "implementatie" ? "—" : line.provider ? `${line.provider}${line.schoolType ? ` (${t(`training.schoolType.${line.schoolType}`)})` : ""}` : t("training.noProvider")}</td>
                <td className="p-2">{line.kind === "implementatie" ? "—" : t(line.skillsLab ? "training.yes" : "training.no")}</td>
                <td className="p-2">{t(`training.status.${line.status}`)}</td>
                <td className="p-2">{line.period ? periodLabel(line.period, locale) : t("training.noPeriod")}</td>
              </tr>
            ))}
          </LinesTable>
          {data.mayEdit ? (
            <EditList
              lines={training.lines}
              name={(line) => line.role}
              edit={(line) => <TrainingForm line={line} actionPath={actionPath} errors={intent === `edit-training-${line.id}` ? errors : undefined} />}
              remove={(line) => <RemoveForm actionPath={actionPath} intent="remove-training" lineId={line.id} what={line.role} />}
            />
          ) : null}
        </>
      )}
      {data.mayEdit ? (
        <details open={intent === "add-training" || undefined}>
          <summary className="cursor-pointer font-medium text-brand-700 underline">{t("training.add")}</summary>
          <TrainingForm actionPath={actionPath} errors={intent === "add-training" ? errors : undefined} />
        </details>
      ) : null}

      <h3 className="font-semibold">{t("funding.heading")}</h3>
      {funding.length === 0 ? (
        <p className="text-sm text-slate-700">{t("funding.none")}</p>
      ) : (
        <>
          <p className="text-sm" data-testid="funding-totals">{t("funding.totals", { requested: sumBy("aangevraagd"), granted: sumBy("toegekend"), spent: sumBy("besteed") })}</p>
          <LinesTable
            label={t("funding.heading")}
            columns={[[t("funding.col.route")], [t("funding.col.amount"), true], [t("funding.col.status")], [t("funding.col.date")], [t("funding.col.note")]]}
          >
            {funding.map((line) => (
              <tr key={line.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="p-2 font-normal">{t(`funding.route.${line.route}`)}</th>
                <td className="p-2 text-right whitespace-nowrap">{formatEuros(line.amountCents, locale)}</td>
                <td className="p-2">{t(`funding.status.${line.status}`)}</td>
                <td className="p-2 whitespace-nowrap">{line.date}</td>
                <td className="p-2">{line.note}</td>
              </tr>
            ))}
          </LinesTable>
          {data.mayEdit ? (
            <EditList
              lines={funding}
              name={(line) => t(`funding.route.${line.route}`)}
              edit={(line) => <FundingForm line={line} actionPath={actionPath} errors={intent === `edit-funding-${line.id}` ? errors : undefined} />}
              remove={(line) => <RemoveForm actionPath={actionPath} intent="remove-funding" lineId={line.id} what={t(`funding.route.${line.route}`)} />}
            />
          ) : null}
        </>
      )}
      {data.mayEdit ? (
        <details open={intent === "add-funding" || undefined}>
          <summary className="cursor-pointer font-medium text-brand-700 underline">{t("funding.add")}</summary>
          <FundingForm actionPath={actionPath} errors={intent === "add-funding" ? errors : undefined} />
        </details>
      ) : null}
      <p>
        <a href={trainingDemandHref(data.regionSlug)} className="text-sm text-brand-700 underline">{t("demand.link")}</a>
      </p>
    </Section>
  );
}

/** A section's lines in a table that scrolls on its own at 390 px; `columns`: header and whether it is a figure (right-aligned). */
function LinesTable({ label, columns, children }: { label: string; columns: ReadonlyArray<readonly [string, boolean?]>; children: ReactNode }) {
  return (
    <ScrollRegion label={label}>
      <table className="min-w-full text-left text-sm">
        <thead>
          <tr>
            {columns.map(([header, figure]) => (
              <th key={header} scope="col" className={figure ? "p-2 text-right" : "p-2"}>{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** Each line's edit form and remove button, folded away under the line's name. */
function EditList<L extends { id: number }>({ lines, name, edit, remove }: { lines: readonly L[]; name: (line: L) => string; edit: (line: L) => ReactNode; remove: (line: L) => ReactNode }) {
  const t = useT();
  return (
    <ul className="flex flex-col gap-2">
      {lines.map((line) => (
        <li key={line.id}>
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">{t("training.edit")}: {name(line)}</summary>
            {edit(line)}
            {remove(line)}
          </details>
        </li>
      ))}
    </ul>
  );
}

function TrainingForm({ line, actionPath, errors: serverErrors }: { line?: TrainingLine; actionPath: string; errors?: FieldErrors }) {
  const t = useT();
  const locale = useLocale();
  const { errors, onSubmit } = useFormValidation(trainingSchema, serverErrors);
  return (
    <Form method="post" action={actionPath} onSubmit={onSubmit} noValidate className="mt-2 grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value={line ? "edit-training" : "add-training"} />
      {line ? <input type="hidden" name="lineId" value={line.id} /> : null}
      <SelectField label={t("training.field.kind")} name="kind" defaultValue={line?.kind ?? "opleiding"} error={errors.kind} options={trainingKinds.map((k) => [k, t(`training.kind.${k}`)] as const)} />
      <Field label={t("training.field.role")} name="role" defaultValue={line?.role} hint={t("training.field.roleHint")} error={errors.role} autoComplete="off" />
      <Field label={t("training.field.people")} name="people" inputMode="numeric" defaultValue={formatForInput(line?.people, locale)} error={errors.people} />
      <Field label={t("training.field.hours")} name="hoursPerPerson" inputMode="decimal" defaultValue={formatForInput(line?.hoursPerPerson, locale)} error={errors.hoursPerPerson} />
      <Field label={t("training.field.provider")} name="provider" defaultValue={line?.provider} hint={t("training.field.providerHint")} error={errors.provider} autoComplete="organization" />
      <SelectField
        label={t("training.field.schoolType")}
        name="schoolType"
        defaultValue={line?.schoolType ?? ""}
        error={errors.schoolType}
        options={[["", t("training.field.schoolTypeNone")] as const, ...schoolTypes.map((s) => [s, t(`training.schoolType.${s}`)] as const)]}
      />
      <SelectField label={t("training.field.status")} name="status" defaultValue={line?.status ?? "gepland"} error={errors.status} options={trainingStatuses.map((s) => [s, t(`training.status.${s}`)] as const)} />
      <Field label={t("training.field.period")} name="period" defaultValue={line?.period ?? ""} error={errors.period} autoComplete="off" />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="skillsLab" defaultChecked={line?.skillsLab} />
        {t("training.field.skillsLab")}
      </label>
      {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{t(errors.form)}</p> : null}
      <div className="sm:col-span-2">
        <button type="submit" className={button}>{t("training.save")}</button>
      </div>
    </Form>
  );
}

function FundingForm({ line, actionPath, errors: serverErrors }: { line?: FundingLine; actionPath: string; errors?: FieldErrors }) {
  const t = useT();
  const locale = useLocale();
  const { errors, onSubmit } = useFormValidation(fundingSchema, serverErrors);
  return (
    <Form method="post" action={actionPath} onSubmit={onSubmit} noValidate className="mt-2 grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value={line ? "edit-funding" : "add-funding"} />
      {line ? <input type="hidden" name="lineId" value={line.id} /> : null}
      <SelectField label={t("funding.field.route")} name="route" defaultValue={line?.route ?? "stoz_implementatiestart"} error={errors.route} options={fundingRoutes.map((r) => [r, t(`funding.route.${r}`)] as const)} />
      <Field label={t("funding.field.amount")} name="amount" inputMode="decimal" defaultValue={formatForInput(line ? line.amountCents / 100 : null, locale)} hint={t("funding.field.amountHint")} error={errors.amount} />
      <SelectField label={t("funding.field.status")} name="status" defaultValue={line?.status ?? "aangevraagd"} error={errors.status} options={fundingStatuses.map((s) => [s, t(`funding.status.${s}`)] as const)} />
      <Field label={t("funding.field.date")} name="date" type="date" defaultValue={line?.date} error={errors.date} />
      <Field label={t("funding.field.note")} name="note" defaultValue={line?.note} hint={t("funding.field.noteHint")} error={errors.note} />
      {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{t(errors.form)}</p> : null}
      <div className="sm:col-span-2">
        <button type="submit" className={button}>{t("training.save")}</button>
      </div>
    </Form>
  );
}

function RemoveForm({ actionPath, intent, lineId, what }: { actionPath: string; intent: "remove-training" | "remove-funding"; lineId: number; what: string }) {
  const t = useT();
  return (
    <Form method="post" action={actionPath} className="mt-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="lineId" value={lineId} />
      <button type="submit" className={quiet}>{t("training.removeLine", { what })}</button>
    </Form>
  );
}
