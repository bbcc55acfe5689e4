// The execution sections of an item's page: status with its history, milestones, progress notes per
// quarter. Plain forms posting to the page's action (they work without JavaScript).
import { Form } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { Field, FormError } from "~/components/field";
import { formatDutchDate } from "~/domain/dutch-time";
import { periodLabel } from "~/domain/periods";
import { itemStatuses, milestoneStates, progressRisks } from "~/domain/vocabulary";
import type { FieldErrors } from "~/forms/validation";
import { useLocale, useT } from "~/i18n";
import type { getItemExecution } from "~/models/execution.server";
import { Saved, Section, SelectField, TextAreaField } from "./fields";

export type ExecutionData = SerializeFrom<NonNullable<ReturnType<typeof getItemExecution>>> & {
  notePeriods: string[];
  today: string;
  canRecord: boolean;
};
type Props = { data: ExecutionData; errors?: FieldErrors; saved: boolean };

const button = "self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";

function useDate() {
  const locale = useLocale();
  return (value: string | number | Date) => formatDutchDate(value, locale, { dateStyle: "long" });
}

export function StatusSection({ data, errors, saved }: Props) {
  const t = useT();
  const date = useDate();
  return (
    <Section id="status" title={t("execution.status.heading")}>
      <p data-testid="item-current-status">{t("execution.status.current", { status: t(`status.${data.item.status}`) })}</p>
      <Saved show={saved}>{t("execution.saved.status")}</Saved>
      {data.canRecord ? (
        <Form method="post" className="flex flex-col gap-3" aria-label={t("execution.status.submit")}>
          <input type="hidden" name="intent" value="status" />
          <FormError message={errors?.form ? t(errors.form) : null} />
          <SelectField
            label={t("execution.status.new")}
            name="status"
            defaultValue={data.item.status}
            error={errors?.status}
            options={itemStatuses.map((s) => [s, t(`status.${s}`)] as const)}
          />
          <TextAreaField label={t("execution.status.note")} name="note" error={errors?.note} maxLength={1000} />
          <TextAreaField label={t("execution.status.lesson")} name="lessonLearned" hint={t("execution.status.lessonHint")} error={errors?.lessonLearned} maxLength={2000} />
          <button type="submit" className={button}>{t("execution.status.submit")}</button>
          <p className="text-sm text-slate-600">{t("execution.status.documentNote")}</p>
        </Form>
      ) : null}
      <h3 className="font-medium">{t("execution.status.history")}</h3>
      {data.history.length === 0 ? (
        <p className="text-sm text-slate-700">{t("execution.status.noHistory")}</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid="status-history">
          {data.history.map((h) => (
            <li key={h.id} className="border-l-4 border-slate-300 pl-3">
              <p className="font-medium">
                {h.fromStatus ? t("execution.status.change", { from: t(`status.${h.fromStatus}`), to: t(`status.${h.status}`) }) : t("execution.status.first", { to: t(`status.${h.status}`) })}
              </p>
              <p className="text-sm text-slate-700">{t("execution.status.by", { date: date(h.changedAt), name: h.by ?? "—" })}</p>
              {h.note ? <p className="text-sm break-words">{h.note}</p> : null}
              {h.lessonLearned ? (
                <p className="text-sm break-words"><span className="font-medium">{t("execution.status.lessonLabel")}</span> {h.lessonLearned}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function MilestonesSection({ data, errors, saved }: Props) {
  const t = useT();
  const date = useDate();
  const states = milestoneStates.map((s) => [s, t(`milestone.${s}`)] as const);
  return (
    <Section id="milestone" title={t("execution.milestones.heading")}>
      <Saved show={saved}>{t("execution.saved.milestone")}</Saved>
      <FormError message={errors?.form ? t(errors.form) : null} />
      {data.milestones.length === 0 ? (
        <p className="text-sm text-slate-700">{t("execution.milestones.none")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="milestones">
          {data.milestones.map((m) => {
            const late = m.state === "open" && m.dueDate < data.today;
            return (
              <li key={m.id} className="flex flex-col gap-2 border-l-4 border-slate-300 pl-3 sm:flex-row sm:items-end sm:justify-between">
                <div>
                  <p className="font-medium break-words">{m.title}</p>
                  <p className="text-sm text-slate-700">
                    {t("execution.milestones.due")} {date(m.dueDate)} · {t(`milestone.${m.state}`)}
                    {m.doneDate ? ` ${t("execution.milestones.doneOn", { date: date(m.doneDate) })}` : ""}
                    {late ? <strong className="text-red-800"> · {t("execution.milestones.late")}</strong> : null}
                  </p>
                </div>
                {data.canRecord ? (
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="milestone" />
                    <input type="hidden" name="milestoneId" value={m.id} />
                    <input type="hidden" name="title" value={m.title} />
                    <input type="hidden" name="dueDate" value={m.dueDate} />
                    <SelectField label={t("execution.milestones.editOf", { title: m.title })} name="state" defaultValue={m.state} options={states} />
                    <button type="submit" className={button}>{t("execution.milestones.save")}</button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {data.canRecord ? (
        <Form method="post" className="flex flex-col gap-3 border-t border-slate-200 pt-3">
          <input type="hidden" name="intent" value="milestone" />
          <input type="hidden" name="milestoneId" value="" />
          <h3 className="font-medium">{t("execution.milestones.add")}</h3>
          <Field label={t("execution.milestones.title")} name="title" error={errors?.title} maxLength={200} required />
          <Field label={t("execution.milestones.due")} name="dueDate" type="date" error={errors?.dueDate} required />
          <button type="submit" className={button}>{t("execution.milestones.add")}</button>
        </Form>
      ) : null}
    </Section>
  );
}

export function ProgressSection({ data, errors, saved }: Props) {
  const t = useT();
  const locale = useLocale();
  const date = useDate();
  return (
    <Section id="progress" title={t("execution.progress.heading")}>
      <Saved show={saved}>{t("execution.saved.progress")}</Saved>
      {data.canRecord ? (
        <Form method="post" className="flex flex-col gap-3" aria-label={t("execution.progress.submit")}>
          <input type="hidden" name="intent" value="progress" />
          <FormError message={errors?.form ? t(errors.form) : null} />
          <SelectField label={t("execution.progress.period")} name="period" hint={t("execution.progress.replaceHint")} error={errors?.period} options={data.notePeriods.map((p) => [p, periodLabel(p, locale)] as const)} />
          <TextAreaField label={t("execution.progress.happened")} name="happened" error={errors?.happened} maxLength={2000} required />
          <Field label={t("execution.progress.pct")} name="progressPct" inputMode="numeric" hint={t("execution.progress.pctHint")} error={errors?.progressPct} required />
          <TextAreaField label={t("execution.progress.nextStep")} name="nextStep" error={errors?.nextStep} maxLength={1000} />
          <SelectField label={t("execution.progress.risk")} name="risk" error={errors?.risk} options={progressRisks.map((r) => [r, t(`risk.${r}`)] as const)} />
          <TextAreaField label={t("execution.progress.riskNote")} name="riskNote" error={errors?.riskNote} maxLength={1000} />
          <button type="submit" className={button}>{t("execution.progress.submit")}</button>
        </Form>
      ) : null}
      <h3 className="font-medium">{t("execution.progress.notes")}</h3>
      {data.notes.length === 0 ? (
        <p className="text-sm text-slate-700">{t("execution.noProgressYet")}</p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="progress-notes">
          {data.notes.map((n) => (
            <li key={n.id} className="border-l-4 border-slate-300 pl-3">
              <p className="font-medium">{periodLabel(n.period, locale)} · {t("execution.progress.pctValue", { pct: n.progressPct })} · {t("execution.progress.riskValue", { risk: t(`risk.${n.risk}`) })}</p>
              <p className="break-words">{n.happened}</p>
              {n.nextStep ? <p className="text-sm break-words"><span className="font-medium">{t("execution.progress.nextValue")}</span> {n.nextStep}</p> : null}
              {n.riskNote ? <p className="text-sm break-words">{n.riskNote}</p> : null}
              <p className="text-sm text-slate-700">{t("execution.progress.by", { name: n.by ?? "—", date: date(n.updatedAt) })}</p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
