import { Form, Link } from "@remix-run/react";
import { barrierStatuses, severities, solveLevels } from "~/domain/vocabulary";
import type { BarrierFilter } from "~/forms/barriers";
import { FilterSelect } from "~/components/filter-select";
import { useLocale, useT } from "~/i18n";
import { localName } from "~/i18n/names";

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
  itemId: string;
  itemTitle: string | null;
  regionName: string;
  assigneeName: string | null;
};

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
  return (
    <div className="flex flex-col gap-4">
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label={t("barriers.filter")}>
        <FilterSelect name="type" value={filter.type} label={t("barriers.type")} options={types.map((ty) => [ty.key, localName(ty, locale)])} />
        <FilterSelect name="severity" value={filter.severity} label={t("barriers.severity")} options={severities.map((s) => [s, t(`barriers.severity.${s}`)])} />
        <FilterSelect name="status" value={filter.status} label={t("barriers.status")} options={barrierStatuses.map((s) => [s, t(`barriers.status.${s}`)])} />
        <FilterSelect name="level" value={filter.level} label={t("barriers.level")} options={solveLevels.map((l) => [l, t(`barriers.level.${l}`)])} />
        <FilterSelect name="olderThan" value={filter.olderThan} label={t("barriers.filter.age")} options={(["7", "30", "90"] as const).map((d) => [d, t(`barriers.filter.age.${d}`)])} />
        <FilterSelect
          name="sort"
          value={filter.sort}
          label={t("barriers.sort")}
          options={[["oldest", t("barriers.sort.oldest")], ["newest", t("barriers.sort.newest")]]}
          allowAll={false}
        />
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
                  <Link to={`/belemmeringen/${b.id}`} className="text-brand-700 underline">
                    {localName({ nameNl: b.typeNameNl, nameEn: b.typeNameEn }, locale)}
                  </Link>{" "}
                  · {t(`barriers.severity.${b.severity}`)} · {t(`barriers.level.${b.level}`)} · {t(`barriers.status.${b.status}`)} ·{" "}
                  {t("barriers.age", { days })}
                </p>
                <p className="text-sm" data-testid="barrier-item">
                  <span className="font-medium">{t("barriers.agendaItem")}:</span>{" "}
                  {b.itemTitle === null ? (
                    <span>{t("barriers.itemGone")}</span>
                  ) : (
                    <Link to={`/agendas/${b.agendaId}#item-${b.itemId}`} className="break-words text-brand-700 underline">
                      {b.itemTitle || t("agenda.untitled")}
                    </Link>
                  )}
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
