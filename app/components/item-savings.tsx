// The innovations linked to one agenda item, with reach and projected saving, and the form to link
// another. Self-contained: drop <ItemSavings agendaId itemId savings canEdit /> into an item card; it
// posts to the resource route /agendas/<id>/innovaties and the page's loader revalidates after.
import { useEffect, useId, useRef } from "react";
import { useFetcher } from "@remix-run/react";
import { linkSchema } from "~/forms/catalogue";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { formatExact, formatRange } from "~/domain/savings";
import type { AgendaSavings, LinkSaving } from "~/models/savings.server";
import type { MessageKey } from "~/i18n/messages";
import { innovationName } from "~/i18n/names";

export const savingsActionPath = (agendaId: number) => `/agendas/${agendaId}/innovaties`;

type ActionData = { intent: string; errors: FieldErrors; message?: MessageKey };

const selectClass = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

export function ItemSavings({
  agendaId,
  itemId,
  savings,
  canEdit,
}: {
  agendaId: number;
  itemId: string;
  savings: Pick<AgendaSavings, "items" | "innovationOptions" | "hoursPerFteYear">;
  canEdit: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const data = savings.items[itemId];
  const links = data?.links ?? [];
  const headingId = useId();
  return (
    <section
      aria-label={data?.title ? t("savings.titleFor", { title: data.title }) : undefined}
      aria-labelledby={data?.title ? undefined : headingId}
      data-testid="item-savings" data-item-id={itemId} className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <h4 id={headingId} className="font-semibold text-slate-900">
        {t("savings.title")}
      </h4>
      {links.length === 0 ? (
        <p className="text-slate-700">{t("savings.none")}</p>
      ) : (
        <>
          <ul className="mt-2 flex flex-col gap-2">
            {links.map((l) => (
              <LinkRow key={l.linkId} link={l} agendaId={agendaId} canEdit={canEdit} />
            ))}
          </ul>
          <p className="mt-2 font-medium" data-testid="item-savings-total">
            {t("savings.itemTotal")}: {t("savings.hoursPerYear", { range: formatRange(data!.hoursPerYear, locale) })} ·{" "}
            {t("savings.fte", { range: formatRange(data!.fte, locale) })}
          </p>
          {data && !data.counts ? <p className="text-slate-700">{t("savings.stopped")}</p> : null}
          <p className="mt-1 text-xs text-slate-700">
            {t("savings.assumption", { hours: formatExact(savings.hoursPerFteYear, locale) })}{" "}
            <a href="/innovaties#aannames" className="text-brand-700 underline">
              {t("savings.assumptionsLink")}
            </a>
          </p>
        </>
      )}
      {canEdit ? <LinkForm agendaId={agendaId} itemId={itemId} options={savings.innovationOptions} /> : null}
    </section>
  );
}

function LinkRow({ link, agendaId, canEdit }: { link: LinkSaving; agendaId: number; canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const name = innovationName({ nameNl: link.innovationNameNl, nameEn: link.innovationNameEn }, locale);
  const unit = t(`savings.reachUnit.${link.reachUnit}`).toLowerCase();
  return (
    <li className="rounded border border-slate-200 bg-white p-2" data-testid="item-savings-link">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <a href={`/innovaties/${link.innovationSlug}`} className="font-medium text-brand-700 underline">
            {name}
          </a>
          <p className="text-slate-700">
            {t("savings.reachShort", { reach: new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB").format(link.reach), unit })}
            {link.reachOrganisations ? ` ${t("savings.reachIn", { organisations: link.reachOrganisations })}` : ""}
            {link.reachBy ? ` · ${t("savings.reachByShort", { date: link.reachBy })}` : ""}
          </p>
          <p>
            {link.saving.ok ? (
              <>
                {t("savings.hoursPerYear", { range: formatRange(link.saving.hoursPerYear, locale) })} ·{" "}
                {t("savings.fte", { range: formatRange(link.saving.fte, locale) })}
              </>
            ) : link.saving.reason === "unrated" ? (
              t("savings.unrated")
            ) : (
              t("savings.unitMismatch", {
                unit,
                other: t(`savings.reachUnit.${link.reachUnit === "fte" ? "clients" : "fte"}`).toLowerCase(),
              })
            )}
          </p>
        </div>
        {canEdit ? (
          <fetcher.Form method="post" action={savingsActionPath(agendaId)}>
            <input type="hidden" name="intent" value="remove-link" />
            <input type="hidden" name="linkId" value={link.linkId} />
            <button
              type="submit"
              aria-label={t("savings.removeLabel", { name })}
              disabled={fetcher.state !== "idle"}
              className="rounded border border-slate-400 px-2 py-1 text-slate-800 hover:bg-slate-100"
            >
              {t("savings.remove")}
            </button>
          </fetcher.Form>
        ) : null}
      </div>
    </li>
  );
}

function LinkForm({ agendaId, itemId, options }: { agendaId: number; itemId: string; options: AgendaSavings["innovationOptions"] }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const { errors, onSubmit } = useFormValidation(linkSchema, result?.intent === "add-link" ? result.errors : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  useEffect(() => {
    if (result?.message === "savings.linked") formRef.current?.reset();
  }, [result]);
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-medium text-brand-700">{t("savings.link")}</summary>
      <fetcher.Form ref={formRef} method="post" action={savingsActionPath(agendaId)} noValidate onSubmit={onSubmit} className="mt-2 grid gap-2 md:grid-cols-2" data-testid="item-savings-form">
        <input type="hidden" name="intent" value="add-link" />
        <input type="hidden" name="itemId" value={itemId} />
        <div className="flex flex-col gap-1 md:col-span-2">
          <label htmlFor={`${id}-innovation`} className="font-medium text-slate-800">
            {t("savings.innovation")}
          </label>
          <select
            id={`${id}-innovation`}
            name="innovationId"
            className={selectClass}
            aria-invalid={errors.innovationId ? true : undefined}
            aria-describedby={errors.innovationId ? `${id}-innovation-error` : undefined}
          >
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {innovationName(o, locale)}
              </option>
            ))}
          </select>
          {errors.innovationId ? (
            <p id={`${id}-innovation-error`} className="text-red-700">
              {t(errors.innovationId)}
            </p>
          ) : null}
        </div>
        <Field label={t("savings.reach")} name="reach" inputMode="decimal" required error={errors.reach} />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-unit`} className="font-medium text-slate-800">
            {t("savings.reachUnit")}
          </label>
          <select id={`${id}-unit`} name="reachUnit" className={selectClass} defaultValue="fte">
            <option value="fte">{t("savings.reachUnit.fte")}</option>
            <option value="clients">{t("savings.reachUnit.clients")}</option>
          </select>
          {errors.reachUnit ? <p className="text-red-700">{t(errors.reachUnit)}</p> : null}
        </div>
        <Field label={t("savings.reachOrganisations")} name="reachOrganisations" error={errors.reachOrganisations} />
        <Field label={t("savings.reachBy")} name="reachBy" type="date" error={errors.reachBy} />
        <div className="flex flex-col gap-2 md:col-span-2">
          <FormError message={errors.itemId ? t(errors.itemId) : errors.form ? t(errors.form) : null} />
          <button type="submit" disabled={fetcher.state !== "idle"} className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
            {t("savings.link")}
          </button>
          {result?.message ? (
            <p role="status" className="text-green-800">
              {t(result.message)}
            </p>
          ) : null}
        </div>
      </fetcher.Form>
    </details>
  );
}
