// Pieces of the catalogue pages: the combined figure with its spread, and the innovation and rating forms.
import { useId, useState } from "react";
import { Form } from "@remix-run/react";
import { innovationSchema, ratingSchema } from "~/forms/catalogue";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { formatRange, mechanisms, savingUnits, type Combined } from "~/domain/savings";
import type { MessageKey } from "~/i18n/messages";

export function CombinedFigure({
  combined,
  ratingCount,
  unconvertible,
}: {
  combined: Partial<Record<"client" | "fte", Combined>>;
  ratingCount: number;
  unconvertible: number;
}) {
  const t = useT();
  const locale = useLocale();
  if (ratingCount === 0) return <p className="text-sm italic text-slate-700">{t("catalogue.unrated")}</p>;
  return (
    <div className="text-sm" data-testid="combined-figure">
      <p className="font-medium">{t("catalogue.combined")}:</p>
      <ul>
        {combined.fte ? (
          <li data-testid="combined-fte">
            {t("catalogue.perFte", { range: formatRange(combined.fte, locale) })}{" "}
            <span className="text-slate-700">({t("catalogue.basedOn", { count: combined.fte.ratingCount, level: combined.fte.evidenceLevel })})</span>
          </li>
        ) : null}
        {combined.client ? (
          <li data-testid="combined-client">
            {t("catalogue.perClient", { range: formatRange(combined.client, locale) })}{" "}
            <span className="text-slate-700">({t("catalogue.basedOn", { count: combined.client.ratingCount, level: combined.client.evidenceLevel })})</span>
          </li>
        ) : null}
      </ul>
      {unconvertible ? <p className="text-slate-700">{t("catalogue.unconvertible", { count: unconvertible })}</p> : null}
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
  const pct = unit === "pct_task_time";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="mt-3 grid gap-3 md:grid-cols-3" data-testid="rating-form">
      <input type="hidden" name="intent" value="add-rating" />
      <div className="md:col-span-3">
        <Select label={t("rating.unit")} name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} error={errors.unit}>
          {savingUnits.map((u) => (
            <option key={u} value={u}>{t(`rating.unit.${u}`)}</option>
          ))}
        </Select>
      </div>
      {pct ? (
        <>
          <div className="md:col-span-2">
            <Field label={t("rating.taskName")} name="taskName" error={errors.taskName} />
          </div>
          <Field label={t("rating.taskHours")} name="taskHoursPerWeek" inputMode="decimal" error={errors.taskHoursPerWeek} />
        </>
      ) : null}
      <Field label={t("rating.low")} name="low" inputMode="decimal" error={errors.low} required />
      <Field label={t("rating.expected")} name="expected" inputMode="decimal" error={errors.expected} required />
      <Field label={t("rating.high")} name="high" inputMode="decimal" error={errors.high} required />
      <div className="md:col-span-3">
        <Select label={t("rating.evidence")} name="evidenceLevel" defaultValue="1" error={errors.evidenceLevel}>
          {([1, 2, 3, 4] as const).map((l) => (
            <option key={l} value={l}>{t(`rating.evidence.${l}`)}</option>
          ))}
        </Select>
      </div>
      <div className="md:col-span-3">
        <Field label={t("rating.source")} name="source" error={errors.source} required />
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
