// The innovations linked to one agenda item, with reach and projected saving, and the form to link
// another. Self-contained: drop <ItemSavings agendaId itemId item savings canEdit /> into an item card; it
// posts to the resource route /agendas/<id>/innovaties and the page's loader revalidates after.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { linkSchema } from "~/forms/catalogue";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useLocale, useT } from "~/i18n";
import { formatExact, formatRange, orderLinkOptions } from "~/domain/savings";
import type { AgendaSavings, AgendaSavingsForPage, ItemSavingsData, LinkSaving } from "~/models/savings.server";
import { EvidenceLabel, useCapabilityText, useMissingText } from "~/components/evidence";
import type { MessageKey } from "~/i18n/messages";
import { innovationName } from "~/i18n/names";

/** What the card needs of one item: its title and sectors, and its figures when it has links. */
export type ItemSavingsView = Pick<ItemSavingsData, "title" | "sectors"> & { linked: ItemSavingsData | null };

export const savingsActionPath = (agendaId: number) => `/agendas/${agendaId}/innovaties`;

type ActionData = { intent: string; errors: FieldErrors; message?: MessageKey };

const selectClass = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

export function ItemSavings({
  agendaId,
  itemId,
  item,
  savings,
  canEdit,
}: {
  agendaId: number;
  itemId: string;
  item: ItemSavingsView | undefined;
  savings: Pick<AgendaSavingsForPage, "innovationOptions" | "hoursPerFteYear">;
  canEdit: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const data = item?.linked;
  const links = data?.links ?? [];
  const headingId = useId();
  return (
    <section
      aria-label={item?.title ? t("savings.titleFor", { title: item.title }) : undefined}
      aria-labelledby={item?.title ? undefined : headingId}
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
            {data!.saved ? (
              <>
                {" "}· <EvidenceLabel evidence={data!.saved.evidence} />
              </>
            ) : null}
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
      {canEdit ? <LinkForm agendaId={agendaId} itemId={itemId} options={savings.innovationOptions} itemSectors={item?.sectors ?? []} /> : null}
    </section>
  );
}

function LinkRow({ link, agendaId, canEdit }: { link: LinkSaving; agendaId: number; canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const missingText = useMissingText();
  const name = innovationName({ nameNl: link.innovationNameNl, nameEn: link.innovationNameEn }, locale);
  const unit = t(`savings.reachUnit.${link.reachUnit}`).toLowerCase();
  const { projection } = link;
  const range = (r: Parameters<typeof formatRange>[0]) => formatRange(r, locale);
  return (
    <li className="rounded border border-slate-200 bg-white p-2" data-testid="item-savings-link">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <a href={`/innovaties/${link.innovationSlug}#beoordelingen`} className="font-medium text-brand-700 underline">
            {name}
          </a>
          <p className="text-slate-700">
            {t("savings.reachShort", { reach: formatExact(link.reach, locale), unit })}
            {link.reachOrganisations ? ` ${t("savings.reachIn", { organisations: link.reachOrganisations })}` : ""}
            {link.reachBy ? ` · ${t("savings.reachByShort", { date: link.reachBy })}` : ""}
            {link.taskHoursPerWeek != null ? ` · ${t("evidence.link.taskHoursShort", { hours: formatExact(link.taskHoursPerWeek, locale) })}` : ""}
            {link.eventsPerWeek != null ? ` · ${t("evidence.link.eventsShort", { events: formatExact(link.eventsPerWeek, locale) })}` : ""}
          </p>
          {projection.saved ? (
            <>
              <p data-testid="item-savings-figure">
                {t("savings.hoursPerYear", { range: range(projection.saved.hoursPerYear) })} · {t("savings.fte", { range: range(projection.saved.fte) })} ·{" "}
                <EvidenceLabel evidence={projection.saved.evidence} />
              </p>
              {/* Each figure one click from the ratings behind it: quote, unit, level and source. */}
              <p className="text-xs text-slate-700" data-testid="item-savings-basis">
                {t("evidence.link.basedOn")}:{" "}
                {link.basis.map((b, i) => (
                  <span key={b.id}>
                    {i ? ", " : ""}
                    <a href={`/innovaties/${link.innovationSlug}#beoordeling-${b.id}`} className="text-brand-700 underline">
                      {b.source} ({t("evidence.levelShort", { level: b.evidenceLevel })})
                    </a>
                  </span>
                ))}
              </p>
            </>
          ) : (
            <p data-testid="item-savings-missing">{t("evidence.link.noFigure", { missing: missingText(projection.missing ?? "unrated", { reachUnit: link.reachUnit }) })}</p>
          )}
          {projection.supply ? (
            <p data-testid="item-savings-supply" className="text-slate-700">
              {t("evidence.link.supply", { hours: range(projection.supply.hoursPerYear), fte: range(projection.supply.fte) })}
            </p>
          ) : null}
          {projection.shifted ? (
            <p data-testid="item-savings-shifted" className="text-slate-700">
              {t("evidence.link.shifted", {
                from: projection.shifted.professions.from.join(", "),
                to: projection.shifted.professions.to.join(", "),
                hours: range(projection.shifted.hoursPerYear),
                fte: range(projection.shifted.fte),
              })}
            </p>
          ) : null}
          {projection.careDemand ? (
            <p data-testid="item-savings-care-demand" className="text-slate-700">
              {t("evidence.link.careDemand", { count: projection.careDemand })}
            </p>
          ) : null}
        </div>
        {canEdit ? (
          <fetcher.Form method="post" action={savingsActionPath(agendaId)}>
            <input type="hidden" name="intent" value="remove-link" />
            <input type="hidden" name="linkId" value={link.linkId} />
            <button
              type="submit"
              aria-label={t("savings.removeLabel", { name })}
              disabled={fetcher.state !== "idle"}
              className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-800 hover:bg-slate-100"
            >
              {t("savings.remove")}
            </button>
          </fetcher.Form>
        ) : null}
      </div>
    </li>
  );
}

function LinkForm({
  agendaId,
  itemId,
  options,
  itemSectors,
}: {
  agendaId: number;
  itemId: string;
  options: AgendaSavings["innovationOptions"];
  itemSectors: string[];
}) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const { errors, onSubmit } = useFormValidation(linkSchema, result?.intent === "add-link" ? result.errors : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const capabilityText = useCapabilityText();
  // Those that can give a figure first; within each group those of the item's sectors first.
  const ordered = useMemo(() => orderLinkOptions(options, itemSectors), [options, itemSectors]);
  const producing = ordered.filter((o) => o.capability.produces);
  const others = ordered.filter((o) => !o.capability.produces);
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = ordered.find((o) => o.id === chosen) ?? ordered[0];
  const label = (o: (typeof ordered)[number]) => `${innovationName(o, locale)} — ${capabilityText(o.capability)}`;
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
            onChange={(e) => setChosen(Number(e.target.value))}
            aria-invalid={errors.innovationId ? true : undefined}
            aria-describedby={`${id}-needs${errors.innovationId ? ` ${id}-innovation-error` : ""}`}
          >
            <optgroup label={t("evidence.options.produces")}>
              {producing.map((o) => (
                <option key={o.id} value={o.id}>
                  {label(o)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("evidence.options.other")}>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {label(o)}
                </option>
              ))}
            </optgroup>
          </select>
          {selected ? (
            <p id={`${id}-needs`} className="text-slate-700" data-testid="item-savings-needs">
              {selected.capability.produces
                ? t("evidence.link.needs", { needs: capabilityText(selected.capability) })
                : t("evidence.link.noFigure", { missing: capabilityText(selected.capability) })}
            </p>
          ) : null}
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
          <select
            id={`${id}-unit`}
            name="reachUnit"
            className={selectClass}
            defaultValue="fte"
            aria-invalid={errors.reachUnit ? true : undefined}
            aria-describedby={errors.reachUnit ? `${id}-unit-error` : undefined}
          >
            <option value="fte">{t("savings.reachUnit.fte")}</option>
            <option value="clients">{t("savings.reachUnit.clients")}</option>
          </select>
          {errors.reachUnit ? (
            <p id={`${id}-unit-error`} className="text-red-700">
              {t(errors.reachUnit)}
            </p>
          ) : null}
        </div>
        <Field label={t("evidence.link.taskHours")} name="taskHoursPerWeek" inputMode="decimal" error={errors.taskHoursPerWeek} />
        <Field label={t("evidence.link.events")} name="eventsPerWeek" inputMode="decimal" error={errors.eventsPerWeek} />
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
