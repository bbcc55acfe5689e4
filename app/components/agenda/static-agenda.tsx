import type { Locale, MessageKey } from "~/i18n";
import type { ProjectedItem } from "~/domain/agenda-doc";
import { formatDutchDate } from "~/domain/dutch-time";
import { DamageNotice, ItemDamageNotice } from "./document-repair";

type Item = Omit<ProjectedItem, "position"> & { position?: number };
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** An item's period as printed: "1 maart 2026 – geen einddatum", or "Niet ingevuld" without either date. */
export function periodText(start: string | null, end: string | null, locale: Locale, t: Translate): string {
  if (!start && !end) return t("period.none");
  const date = (value: string | null, none: MessageKey) => (value ? formatDutchDate(value, locale) : t(none));
  return `${date(start, "period.noStart")} – ${date(end, "period.noEnd")}`;
}

// Cards off screen are not laid out or painted until scrolled near (long agendas have hundreds).
const itemClass = "rounded-lg border border-slate-200 bg-white p-4 [content-visibility:auto] [contain-intrinsic-size:auto_14rem]";

/** One item as read-only markup: the first paint's, an old version's, and a live card's before it is mounted. */
export function StaticItemContent({ item, repairHref, t, locale }: { item: Item; repairHref: string; t: Translate; locale: Locale }) {
  return (
    <>
      {item.damaged?.length ? <ItemDamageNotice parts={item.damaged} repairHref={repairHref} t={t} /> : null}
      {item.damaged?.includes("item") ? null : (
        <>
          <h3 className="text-lg font-semibold">{item.title || t("agenda.untitled")}</h3>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm md:grid-cols-3">
            <div><dt className="font-medium">{t("field.status")}</dt><dd>{t(`status.${item.status}`)}</dd></div>
            <div><dt className="font-medium">{t("field.mechanism")}</dt><dd>{item.mechanism ? t(`mechanism.${item.mechanism}`) : t("mechanism.none")}</dd></div>
            <div><dt className="font-medium">{t("field.leadOrganisation")}</dt><dd>{item.leadOrganisation || "–"}</dd></div>
            <div><dt className="font-medium">{t("field.period")}</dt><dd>{periodText(item.startDate, item.endDate, locale, t)}</dd></div>
            <div className="md:col-span-2"><dt className="font-medium">{t("field.why")}</dt><dd>{item.why || "–"}</dd></div>
          </dl>
          <p className="mt-2 whitespace-pre-line">{item.planText}</p>
        </>
      )}
    </>
  );
}

/**
 * The agenda as plain, read-only markup, without hooks: rendered on the server outside a request
 * (app/utils/first-paint.server.tsx), before the live document arrives and for old versions.
 */
export function StaticAgendaMarkup({
  items,
  introText,
  introDamaged,
  repairHref,
  t,
  locale,
}: {
  items: Item[];
  introText?: string;
  introDamaged?: boolean;
  /** Where a damaged part can be restored from a version. */
  repairHref: string;
  t: Translate;
  locale: Locale;
}) {
  return (
    <div className="flex flex-col gap-4" data-testid="static-agenda">
      {introDamaged ? <DamageNotice message={t("repair.intro")} repairHref={repairHref} t={t} testId="intro-damaged" /> : null}
      {introText ? (
        <section aria-labelledby="static-intro" className="flex flex-col gap-1">
          <h2 id="static-intro" className="text-lg font-semibold">{t("agenda.intro")}</h2>
          <p className="whitespace-pre-line">{introText}</p>
        </section>
      ) : null}
      <h2 className="text-lg font-semibold">{t("agenda.items")}</h2>
      <ol className="flex flex-col gap-4">
        {items.map((item) => (
          <li key={item.id} id={`item-${item.id}`} className={itemClass} data-testid="static-item">
            <StaticItemContent item={item} repairHref={repairHref} t={t} locale={locale} />
          </li>
        ))}
      </ol>
    </div>
  );
}
