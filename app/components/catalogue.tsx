// Pieces of the catalogue pages: an innovation's summary (spread, weakest level, what is apart), and
// the innovation and rating forms.
import { useId, useState } from "react";
import { Form } from "@remix-run/react";
import { innovationSchema, ratingSchema } from "~/forms/catalogue";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { catalogueSummary, formatRange, mechanisms, ratingKinds, savingUnits } from "~/domain/savings";
import { reportings } from "~/domain/vocabulary";
import { EvidenceLabel } from "~/components/evidence";
import type { MessageKey } from "~/i18n/messages";

/**
 * The catalogue's figure for an innovation: labour saved per client and per FTE where no region data
 * is needed (spread over the ratings, the median, the weakest level), what needs a region's data, and
 * what is shown apart because it is no saving.
 */
export function CatalogueSummary({ summary, ratingCount }: { summary: ReturnType<typeof catalogueSummary>; ratingCount: number }) {
  const t = useT();
  const locale = useLocale();
  if (ratingCount === 0) return <p className="text-sm italic text-slate-700">{t("evidence.summary.unrated")}</p>;
  const apart = (["labour_supply", "task_shifting", "care_demand", "time_spent"] as const)
    .filter((k) => summary.byKind[k] > 0)
    .map((k) => `${summary.byKind[k]} × ${t(`evidence.kind.${k}`).toLowerCase()}`);
  const { client, fte } = summary.perBasis;
  return (
    <div className="text-sm" data-testid="catalogue-summary">
      {client || fte ? (
        <>
          <p className="font-medium">{t("evidence.summary.title")}:</p>
          <ul>
            {fte ? (
              <li data-testid="summary-fte">
                {t("evidence.summary.perFte", { range: formatRange(fte.range, locale) })} · <EvidenceLabel evidence={fte.evidence} />
              </li>
            ) : null}
            {client ? (
              <li data-testid="summary-client">
                {t("evidence.summary.perClient", { range: formatRange(client.range, locale) })} · <EvidenceLabel evidence={client.evidence} />
              </li>
            ) : null}
          </ul>
          <p className="text-xs text-slate-700">{t("evidence.summary.how")}</p>
        </>
      ) : summary.byKind.labour_saved === 0 ? (
        <p>{t("evidence.summary.noSaving")}</p>
      ) : null}
      {summary.needsLinkFields ? <p className="text-slate-700">{t("evidence.summary.needsLinkFields", { count: summary.needsLinkFields })}</p> : null}
      {apart.length ? <p className="text-slate-700" data-testid="summary-apart">{t("evidence.summary.apart", { list: apart.join(", ") })}</p> : null}
    </div>
  );
}

const selectClass = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

/** A label, the control and its announced error, tied together by ids (WCAG 1.3.1, 3.3.1). */
function Labelled({
  label,
  error,
  wide,
  control,
}: {
  label: string;
  error?: MessageKey;
  wide?: boolean;
  control: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const t = useT();
  return (
    <div className={`flex flex-col gap-1 ${wide ? "md:col-span-2" : ""}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function Select({ label, error, ...rest }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: MessageKey }) {
  return <Labelled label={label} error={error} control={(aria) => <select className={selectClass} {...aria} {...rest} />} />;
}

function TextArea({ label, error, ...rest }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: MessageKey }) {
  return (
    <Labelled
      label={label}
      error={error}
      wide
      control={(aria) => <textarea rows={3} className="rounded border border-slate-400 px-3 py-2 text-slate-900" {...aria} {...rest} />}
    />
  );
}

export type InnovationDefaults = {
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  kind: string;
  mechanism: string;
  sectors: string[];
  costIndication: string | null;
  sources: string[];
};

export function InnovationForm({
  intent,
  defaults,
  serverErrors,
}: {
  intent: "create-innovation" | "update-innovation";
  defaults?: InnovationDefaults;
  serverErrors?: FieldErrors;
}) {
  const t = useT();
  const { errors, onSubmit } = useFormValidation(innovationSchema, serverErrors);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="mt-3 grid gap-3 md:grid-cols-2" data-testid="innovation-form">
      <input type="hidden" name="intent" value={intent} />
      <Field label={t("innovation.nameNl")} name="nameNl" defaultValue={defaults?.nameNl} error={errors.nameNl} required />
      <Field label={t("innovation.nameEn")} name="nameEn" defaultValue={defaults?.nameEn} error={errors.nameEn} lang="en" />
      <TextArea label={t("innovation.description")} name="descriptionNl" defaultValue={defaults?.descriptionNl} error={errors.descriptionNl} />
      <Select label={t("innovation.kind")} name="kind" defaultValue={defaults?.kind ?? "technological"} error={errors.kind}>
        <option value="technological">{t("innovation.kind.technological")}</option>
        <option value="social">{t("innovation.kind.social")}</option>
      </Select>
      <Select label={t("innovation.mechanism")} name="mechanism" defaultValue={defaults?.mechanism ?? "working-differently"} error={errors.mechanism}>
        {mechanisms.map((m) => (
          <option key={m} value={m}>{t(`mechanism.${m}`)}</option>
        ))}
      </Select>
      <Field label={t("innovation.sectors")} name="sectors" defaultValue={defaults?.sectors.join(", ")} error={errors.sectors} />
      <Select label={t("innovation.cost")} name="costIndication" defaultValue={defaults?.costIndication ?? ""} error={errors.costIndication}>
        <option value="">{t("innovation.cost.none")}</option>
        <option value="laag">{t("innovation.cost.laag")}</option>
        <option value="middel">{t("innovation.cost.middel")}</option>
        <option value="hoog">{t("innovation.cost.hoog")}</option>
      </Select>
      <TextArea label={t("innovation.sources")} name="sources" defaultValue={defaults?.sources.join("\n")} error={errors.sources} />
      <div className="flex flex-col gap-2 md:col-span-2">
        <FormError message={errors.form ? t(errors.form) : null} />
        <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("common.save")}
        </button>
      </div>
    </Form>
  );
}

export function RatingForm({ serverErrors }: { serverErrors?: FieldErrors }) {
  const t = useT();
  const { errors, onSubmit } = useFormValidation(ratingSchema, serverErrors);
  const [unit, setUnit] = useState<string>("hours_per_week_per_fte");
  const [kind, setKind] = useState<string>("labour_saved");
  const pct = unit === "pct_task_time";
  const named = pct || unit === "minutes_per_event" || unit === "pct_care_use";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="mt-3 grid gap-3 md:grid-cols-3" data-testid="rating-form">
      <input type="hidden" name="intent" value="add-rating" />
      <div className="md:col-span-3">
        <Select label={t("evidence.kind")} name="kind" value={kind} onChange={(e) => setKind(e.target.value)} error={errors.kind}>
          {ratingKinds.map((k) => (
            <option key={k} value={k}>{t(`evidence.kind.${k}`)}</option>
          ))}
        </Select>
        <p className="mt-1 text-sm text-slate-700">{t(`evidence.kindHint.${kind as "labour_saved"}`)}</p>
      </div>
      <div className="md:col-span-3">
        <Select label={t("rating.unit")} name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} error={errors.unit}>
          {savingUnits.map((u) => (
            <option key={u} value={u}>{t(`evidence.unit.${u}`)}</option>
          ))}
        </Select>
      </div>
      {named ? (
        <>
          <div className={pct ? "md:col-span-2" : "md:col-span-3"}>
            <Field label={t("evidence.form.taskName")} name="taskName" error={errors.taskName} />
          </div>
          {pct ? <Field label={t("evidence.form.taskHours")} name="taskHoursPerWeek" inputMode="decimal" error={errors.taskHoursPerWeek} /> : null}
        </>
      ) : null}
      {kind === "task_shifting" ? (
        <>
          <Field label={t("evidence.form.professionsFrom")} name="professionsFrom" error={errors.professionsFrom} />
          <Field label={t("evidence.form.professionsTo")} name="professionsTo" error={errors.professionsTo} />
        </>
      ) : null}
      <Field label={t("rating.low")} name="low" inputMode="decimal" error={errors.low} required />
      <Field label={t("rating.expected")} name="expected" inputMode="decimal" error={errors.expected} required />
      <Field label={t("rating.high")} name="high" inputMode="decimal" error={errors.high} required />
      <div className="md:col-span-3">
        <Select label={t("rating.evidence")} name="evidenceLevel" defaultValue="1" error={errors.evidenceLevel}>
          {([1, 2, 3, 4] as const).map((l) => (
            <option key={l} value={l}>{t(`evidence.level.${l}`)}</option>
          ))}
        </Select>
      </div>
      <div className="md:col-span-3">
        <Field label={t("rating.source")} name="source" error={errors.source} required />
      </div>
      <div className="md:col-span-2">
        <Field label={t("evidence.form.sourceUrl")} name="sourceUrl" type="url" error={errors.sourceUrl} />
      </div>
      <Select label={t("evidence.form.reporting")} name="reporting" defaultValue="" error={errors.reporting}>
        <option value="">{t("evidence.form.reportingNone")}</option>
        {reportings.map((r) => (
          <option key={r} value={r}>{t(`evidence.reporting.${r}`)}</option>
        ))}
      </Select>
      <div className="md:col-span-3">
        <Field label={t("evidence.form.quote")} name="quote" error={errors.quote} />
      </div>
      <div className="md:col-span-3">
        <Field label={t("rating.claim")} name="claim" error={errors.claim} />
      </div>
      <div className="flex flex-col gap-2 md:col-span-3">
        <FormError message={Object.keys(errors).length ? t("catalogue.error.form") : null} />
        <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("rating.add")}
        </button>
      </div>
    </Form>
  );
}
