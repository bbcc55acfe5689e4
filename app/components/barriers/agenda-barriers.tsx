// The barrier feature on the agenda page: a panel per item (via LiveAgenda's itemSlot), the
// highlight extension for each plan editor (planExtensions) and the link to the live document
// (onDoc). The page wires these three in; everything else lives here.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useFetcher } from "@remix-run/react";
import type * as Y from "yjs";
import { getBarrierMarkers, resolveItemAnchor, type BarrierMarker } from "~/domain/barrier-anchors";
import { createBarrierSchema } from "~/forms/barriers";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { severities, solveLevels } from "~/domain/vocabulary";
import { useLocale, useT } from "~/i18n";
import { localName } from "~/i18n/names";
import { FormError } from "~/components/field";
import { useLiveMarkerList, usePassageCapture, usePassageVersion } from "~/components/live-passages";
import type { loader as barriersLoader, action as barriersAction } from "~/routes/agendas.$agendaId_.belemmeringen";
import type { PassageViews as PlanViews } from "~/editor/passage-highlight";
import { BarrierHighlight } from "./barrier-highlight";

type PanelData = Awaited<ReturnType<typeof barriersLoader>>;
type BarrierView = PanelData["barriers"][number];

export function useAgendaBarriers(agendaId: number) {
  const { data, doc, views, onDoc } = useLiveMarkerList<typeof barriersLoader, BarrierMarker>(`/agendas/${agendaId}/belemmeringen`, getBarrierMarkers);
  const planExtensions = useCallback((itemId: string) => [BarrierHighlight.configure({ itemId, views })], [views]);
  const itemSlot = useCallback(
    (itemId: string): ReactNode =>
      data && data.canComment ? <ItemBarriers key={`barriers-${itemId}`} agendaId={agendaId} itemId={itemId} data={data} doc={doc} views={views} /> : null,
    [agendaId, data, doc, views],
  );
  return { onDoc, planExtensions, itemSlot };
}

const severityStyles: Record<string, string> = {
  laag: "border-slate-300 bg-slate-50 text-slate-900",
  middel: "border-amber-300 bg-amber-50 text-amber-950",
  hoog: "border-red-300 bg-red-50 text-red-900",
};

function ItemBarriers({
  agendaId,
  itemId,
  data,
  doc,
  views,
}: {
  agendaId: number;
  itemId: string;
  data: PanelData;
  doc: Y.Doc | null;
  views: PlanViews;
}) {
  const t = useT();
  const locale = useLocale();
  usePassageVersion(doc, itemId);
  const list = data.barriers.filter((b) => b.itemId === itemId);
  const headingId = `barriers-${itemId}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded border border-amber-200 bg-amber-50/40 p-3" data-testid="item-barriers">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        {t("barriers.panel")} ({list.length})
      </h3>
      {/* First in the panel: the next Tab stop after the plan, right after selecting a passage there. */}
      {data.canAnnotate ? <MarkPassage agendaId={agendaId} itemId={itemId} data={data} views={views} /> : null}
      {list.length ? (
        <ul className="flex flex-col gap-2">
          {list.map((b) => (
            <BarrierLine key={b.id} barrier={b} doc={doc} itemId={itemId} locale={locale} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t("barriers.none")}</p>
      )}
    </section>
  );
}

function BarrierLine({ barrier, doc, itemId, locale }: { barrier: BarrierView; doc: Y.Doc | null; itemId: string; locale: "nl" | "en" }) {
  const t = useT();
  const resolved = doc && barrier.start && barrier.end ? resolveItemAnchor(doc, itemId, barrier.start, barrier.end) : null;
  const deleted = resolved !== null && resolved.kind !== "ok";
  const showPassage = () => {
    const mark = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"] mark[data-barrier-id="${barrier.id}"]`);
    if (!mark) return;
    mark.scrollIntoView({ behavior: "smooth", block: "center" });
    mark.classList.add("ring-2", "ring-amber-600");
    setTimeout(() => mark.classList.remove("ring-2", "ring-amber-600"), 1500);
  };
  return (
    <li className={`rounded border px-3 py-2 text-sm ${severityStyles[barrier.severity]}`} data-testid="barrier" data-barrier-id={barrier.id} data-status={barrier.status}>
      <p className="font-medium">
        {localName({ nameNl: barrier.typeNameNl, nameEn: barrier.typeNameEn }, locale)} · {t(`barriers.severity.${barrier.severity}`)} · {t(`barriers.level.${barrier.level}`)} ·{" "}
        <span data-testid="barrier-status">{t(`barriers.status.${barrier.status}`)}</span>
      </p>
      <p className="italic">
        “{barrier.quote}”{deleted ? <span className="ml-1 not-italic font-medium text-red-800" data-testid="passage-deleted">({t("barriers.passageDeleted")})</span> : null}
      </p>
      <p className="whitespace-pre-line">{barrier.description}</p>
      {barrier.assigneeName ? <p className="text-slate-700">{t("barriers.assignedTo", { name: barrier.assigneeName })}</p> : null}
      <div className="mt-1 flex gap-3">
        {!deleted ? (
          <button type="button" className="text-brand-700 underline" onClick={showPassage}>
            {t("barriers.showPassage")}
          </button>
        ) : null}
        <Link to={`/belemmeringen/${barrier.id}`} className="text-brand-700 underline">
          {t("barriers.openThread")}
        </Link>
      </div>
    </li>
  );
}

const fieldClass = "rounded border border-slate-400 bg-white px-2 py-1 text-slate-900";

function MarkPassage({ agendaId, itemId, data, views }: { agendaId: number; itemId: string; data: PanelData; views: PlanViews }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<typeof barriersAction>();
  const typeRef = useRef<HTMLSelectElement>(null);
  const { passage, setPassage, hint, capture: takePassage, buttonRef: markRef } = usePassageCapture(views, itemId, () => typeRef.current?.focus());
  const result = fetcher.data;
  const serverErrors: FieldErrors | undefined = result && !result.ok ? result.errors : undefined;
  const { errors, onSubmit } = useFormValidation(createBarrierSchema, serverErrors);
  const [savedId, setSavedId] = useState<number | null>(null);
  const [typeKey, setTypeKey] = useState("");
  const subTypes = data.types.find((ty) => ty.key === typeKey)?.subTypes ?? [];
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok) {
      setSavedId(result.id);
      setPassage(null);
    }
  }, [fetcher.state, result, setPassage]);

  const capture = () => {
    takePassage();
    setSavedId(null);
  };

  if (!passage) {
    return (
      <div className="flex flex-col gap-1">
        <button ref={markRef} type="button" className="self-start rounded border border-amber-600 bg-white px-3 py-1 text-sm font-medium text-amber-900" onMouseDown={capture} onClick={(e) => e.detail === 0 && capture()}>
          {t("barriers.mark")}
        </button>
        {hint ? <p role="status" className="text-sm text-amber-900">{t("barriers.selectFirst")}</p> : null}
        {savedId ? <p role="status" className="text-sm text-green-800">{t("barriers.saved")}</p> : null}
      </div>
    );
  }
  return (
    <fetcher.Form method="post" action={`/agendas/${agendaId}/belemmeringen`} onSubmit={onSubmit} className="flex flex-col gap-2 rounded border border-slate-300 bg-white p-3" data-testid="barrier-form">
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="start" value={passage.start} />
      <input type="hidden" name="end" value={passage.end} />
      <p className="text-sm">
        <span className="font-medium">{t("barriers.selected")}:</span> <span className="italic">“{passage.quote}”</span>
      </p>
      <FormError message={errors.form || errors.start || errors.end || errors.itemId ? t((errors.form ?? errors.start ?? errors.end ?? errors.itemId)!) : null} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("barriers.type")}
        <select ref={typeRef} name="typeKey" className={fieldClass} value={typeKey} onChange={(e) => setTypeKey(e.target.value)} aria-invalid={errors.typeKey ? true : undefined}>
          <option value="">{t("barriers.chooseType")}</option>
          {data.types.map((ty) => (
            <option key={ty.key} value={ty.key}>
              {localName(ty, locale)}
            </option>
          ))}
        </select>
        {errors.typeKey ? <span className="text-red-700">{t(errors.typeKey)}</span> : null}
      </label>
      {subTypes.length ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("barriers.subType")}
          <select name="subTypeKey" key={typeKey} className={fieldClass} defaultValue="" aria-invalid={errors.subTypeKey ? true : undefined}>
            <option value="">{t("barriers.subTypeNone")}</option>
            {subTypes.map((st) => (
              <option key={st.key} value={st.key}>
                {localName(st, locale)}
              </option>
            ))}
          </select>
          {errors.subTypeKey ? <span className="text-red-700">{t(errors.subTypeKey)}</span> : null}
        </label>
      ) : null}
      <div className="grid grid-cols-2 gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("barriers.severity")}
          <select name="severity" className={fieldClass} defaultValue="middel">
            {severities.map((s) => <option key={s} value={s}>{t(`barriers.severity.${s}`)}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("barriers.level")}
          <select name="level" className={fieldClass} defaultValue="regio">
            {solveLevels.map((l) => <option key={l} value={l}>{t(`barriers.level.${l}`)}</option>)}
          </select>
        </label>
      </div>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("barriers.description")}
        <textarea name="description" rows={3} className={fieldClass} aria-invalid={errors.description ? true : undefined} />
        {errors.description ? <span className="text-red-700">{t(errors.description)}</span> : null}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("barriers.assignee")}
        <select name="assigneeId" className={fieldClass} defaultValue="">
          <option value="">{t("barriers.nobody")}</option>
          {data.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        {errors.assigneeId ? <span className="text-red-700">{t(errors.assigneeId)}</span> : null}
      </label>
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 font-medium text-white" disabled={fetcher.state !== "idle"}>
          {t("barriers.save")}
        </button>
        <button type="button" className="rounded border px-3 py-1" onClick={() => setPassage(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}
