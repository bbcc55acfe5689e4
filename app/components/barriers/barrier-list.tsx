import { Form, Link } from "@remix-run/react";
import { barrierStatuses, severities, solveLevels } from "~/domain/vocabulary";
import type { BarrierFilter } from "~/forms/barriers";
import { useLocale, useT } from "~/i18n";

type Row = {
  id: number;
  typeNameNl: string;
  typeNameEn: string;
  severity: (typeof severities)[number];
  level: (typeof solveLevels)[number];
  status: (typeof barrierStatuses)[number];
  quote: string;
  description: string;
  createdAt: Date | string;
  agendaId: number;
  agendaTitle: string;
  regionName: string;
  assigneeName: string | null;
};

const selectClass = "rounded border border-slate-400 bg-white px-2 py-1 text-sm";
const DAY = 86_400_000;

/** Filters (a GET form, so a filtered list can be bookmarked) and the list itself. */
export function BarrierList({
  rows,
  filter,
  types,
  showRegion,
  now,
}: {
  rows: Row[];
  filter: BarrierFilter;
  types: Array<{ key: string; nameNl: string; nameEn: string }>;
  showRegion: boolean;
  now: number;
}) {
  const t = useT();
  const locale = useLocale();
  const select = (name: keyof BarrierFilter, label: string, options: Array<[string, string]>, withAll = true) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <select name={name} defaultValue={filter[name] ?? ""} className={selectClass}>
        {withAll ? <option value="">{t("barriers.filter.all")}</option> : null}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="flex flex-col gap-4">
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label={t("barriers.filter")}>
        {select("type", t("barriers.type"), types.map((ty) => [ty.key, locale === "en" ? ty.nameEn : ty.nameNl]))}
        {select("severity", t("barriers.severity"), severities.map((s) => [s, t(`barriers.severity.${s}`)]))}
        {select("status", t("barriers.status"), barrierStatuses.map((s) => [s, t(`barriers.status.${s}`)]))}
        {select("level", t("barriers.level"), solveLevels.map((l) => [l, t(`barriers.level.${l}`)]))}
        {select("olderThan", t("barriers.filter.age"), (["7", "30", "90"] as const).map((d) => [d, t(`barriers.filter.age.${d}`)]))}
        {select("sort", t("barriers.sort"), [["oldest", t("barriers.sort.oldest")], ["newest", t("barriers.sort.newest")]], false)}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white">
          {t("barriers.filter")}
        </button>
      </Form>
      <p className="text-sm text-slate-700" role="status">{t("barriers.count", { count: rows.length })}</p>
      {rows.length ? (
        <ul className="flex flex-col gap-2" data-testid="barrier-list">
          {rows.map((b) => {
            const days = Math.floor((now - new Date(b.createdAt).getTime()) / DAY);
            return (
              <li key={b.id} className="rounded border border-slate-200 bg-white p-3" data-testid="barrier-row">
                <p className="font-medium">
                  <Link to={`/belemmeringen/${b.id}`} className="text-brand-700 hover:underline">
                    {locale === "en" ? b.typeNameEn : b.typeNameNl}
                  </Link>{" "}
                  · {t(`barriers.severity.${b.severity}`)} · {t(`barriers.level.${b.level}`)} · {t(`barriers.status.${b.status}`)} ·{" "}
                  {t("barriers.age", { days })}
                </p>
                <p className="text-sm italic">“{b.quote}”</p>
                <p className="text-sm">{b.description}</p>
                <p className="text-sm text-slate-700">
                  {showRegion ? `${b.regionName} · ` : ""}
                  <Link to={`/agendas/${b.agendaId}`} className="underline">{b.agendaTitle}</Link>
                  {b.assigneeName ? ` · ${t("barriers.assignedTo", { name: b.assigneeName })}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("barriers.none")}</p>
      )}
    </div>
  );
}
