import { useEffect, useState, type ReactNode } from "react";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import {
  getItemPlan,
  getItemSectors,
  getItemText,
  projectItem,
  setChoice,
  setSectors,
  type ChoiceField,
} from "~/domain/agenda-doc";
import { itemStatuses, mechanisms } from "~/domain/vocabulary";
import { useT } from "~/i18n";
import type { PresenceFieldName } from "~/domain/presence";
import { useTextValue, YTextInput } from "./y-text-input";
import { RichText } from "./rich-text";
import { FieldSuggestions } from "./suggestions";
import { ItemDamageNotice } from "./document-repair";
import { FieldRing, useFieldFocus } from "./field-presence";
import { ItemToolbar } from "./item-toolbar";

function useMapValue(map: Y.Map<unknown>, key: string) {
  const [value, setValue] = useState(() => map.get(key));
  useEffect(() => {
    setValue(map.get(key));
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(key)) setValue(map.get(key));
    };
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [map, key]);
  return value;
}

function useArrayValue(value_: unknown) {
  // Damaged (not a list): shown as empty, never thrown on.
  const arr = value_ instanceof Y.Array ? (value_ as Y.Array<string>) : null;
  const read = () => (arr ? arr.toArray().filter((s) => typeof s === "string") : []);
  const [value, setValue] = useState(read);
  useEffect(() => {
    if (!arr) return setValue([]);
    const onChange = () => setValue(read());
    onChange();
    arr.observe(onChange);
    return () => arr.unobserve(onChange);
  }, [arr]);
  return value;
}

/**
 * The parts of the item the card cannot bind to (see projectItem), followed live: a restore from a
 * version replaces a damaged field or plan, and the card then shows it again.
 */
function useDamage(item: Y.Map<unknown>) {
  const [damaged, setDamaged] = useState(() => projectItem(item).damaged);
  useEffect(() => {
    let plan: Y.XmlFragment | null = null;
    const onPlan = () => setDamaged(projectItem(item).damaged);
    const watchPlan = () => {
      plan?.unobserve(onPlan);
      const p = item.get("plan");
      plan = p instanceof Y.XmlFragment ? p : null;
      plan?.observe(onPlan);
    };
    const onItem = () => {
      watchPlan();
      setDamaged(projectItem(item).damaged);
    };
    onItem();
    item.observe(onItem);
    return () => {
      item.unobserve(onItem);
      plan?.unobserve(onPlan);
    };
  }, [item]);
  return damaged;
}

/**
 * A live card's box, and a waiting card's (deferred-cards.tsx), so both hold the same place. Off
 * screen, a card (inputs, an editor) is not laid out or painted until scrolled near.
 */
export const cardBoxClass = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm [content-visibility:auto] [contain-intrinsic-size:auto_44rem]";

const selectClass = "w-full rounded border border-slate-400 bg-white px-2 py-1 disabled:bg-slate-50 disabled:text-slate-800";

type Props = {
  doc: Y.Doc;
  item: Y.Map<unknown>;
  index: number;
  count: number;
  provider: WebsocketProvider;
  user: { id: number; name: string; color: string };
  readOnly: boolean;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** Where a damaged part can be restored from a version. */
  repairHref: string;
  /** The item's own page: its execution records and what others add to it. */
  pageHref: string;
  /** Slots for other features (savings, barriers, adoption markers). */
  children?: ReactNode;
  planExtensions?: Parameters<typeof RichText>[0]["extensions"];
};

export function ItemCard({ doc, item, index, count, provider, user, readOnly, onMove, onRemove, repairHref, pageHref, children, planExtensions }: Props) {
  const t = useT();
  const id = String(item.get("id"));
  // textInput's own `id` (the input's) shadows the item's.
  const itemId = id;
  const fid = (f: string) => `item-${id}-${f}`;
  const status = useMapValue(item, "status") as string;
  const mechanism = useMapValue(item, "mechanism") as string | null;
  const startDate = useMapValue(item, "startDate") as string | null;
  const endDate = useMapValue(item, "endDate") as string | null;
  const involved = useMapValue(item, "professionalsInvolved") as string | null;
  const isPublic = useMapValue(item, "isPublic") === true;
  const sectors = useArrayValue(getItemSectors(item));
  const [sectorDraft, setSectorDraft] = useState<string | null>(null);
  const set = (field: ChoiceField, value: string | boolean | null) => !readOnly && setChoice(doc, id, field, value);
  const damaged = useDamage(item);
  const ok = (part: string) => !damaged.includes(part);
  const titleText = ok("title") ? getItemText(item, "title") : null;
  const title = useTextValue(titleText) || t("agenda.untitled");
  const focus = useFieldFocus(id);
  // A field with the ring of whoever else is in it; the render prop gets the control's aria-describedby.
  const ring = (name: PresenceFieldName, control: (describedBy: string | undefined) => ReactNode, className?: string) => (
    <FieldRing item={id} name={name} className={className}>
      {control}
    </FieldRing>
  );
  const textInput = (field: Parameters<typeof getItemText>[1], id: string, label: string, multiline?: boolean) =>
    ok(field)
      ? (
          <div className="flex flex-col gap-1">
            {ring(field, (describedBy) => <YTextInput id={fid(id)} text={getItemText(item, field)} label={label} readOnly={readOnly} multiline={multiline} describedBy={describedBy} />)}
            <FieldSuggestions doc={doc} itemId={itemId} field={field} label={label} />
          </div>
        )
      : null;

  return (
    <article
      id={`item-${id}`}
      tabIndex={-1}
      aria-labelledby={fid("heading")}
      data-testid="agenda-item"
      data-item-id={id}
      onFocus={focus.onFocus}
      onBlur={focus.onBlur}
      className={`flex flex-col gap-3 ${cardBoxClass}`}
    >
      {/* For screen readers' heading navigation; the title field shows the title to everyone. */}
      <h3 id={fid("heading")} className="sr-only">
        {t("agenda.itemHeading", { position: index + 1, title })}
      </h3>
      {damaged.length > 0 ? <ItemDamageNotice parts={damaged} repairHref={repairHref} t={t} /> : null}
      {/* The title gets the card's full width; the actions sit beside it only where there is room. */}
      <div className="flex flex-col gap-2 md:flex-row md:items-end">
        {titleText
          ? ring(
              "title",
              (describedBy) => (
                <YTextInput id={fid("title")} text={titleText} label={t("field.title")} readOnly={readOnly} className="text-lg font-semibold" testId="item-title" describedBy={describedBy} />
              ),
              "min-w-0 md:flex-1",
            )
          : null}
        {!readOnly ? <ItemToolbar index={index} count={count} label={t("agenda.itemActions", { position: index + 1 })} onMove={onMove} onRemove={onRemove} /> : null}
      </div>
      {titleText ? <FieldSuggestions doc={doc} itemId={id} field="title" label={t("field.title")} /> : null}
      <div className="grid gap-3 md:grid-cols-3">
        {/* The status is an execution record with its history, changed on the item's page (decision 028);
            the document's field follows that record and is shown here as it changes. */}
        <div className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("field.status")}</span>
          <span className="rounded border border-slate-200 bg-slate-50 px-2 py-1" data-testid="item-status" data-status={status ?? "idee"}>
            {t(`status.${(itemStatuses as readonly string[]).includes(status) ? (status as (typeof itemStatuses)[number]) : "idee"}`)}
          </span>
          <a href={pageHref} className="text-brand-700 underline" data-testid="item-page-link" aria-label={t("execution.openPageOf", { title })}>
            {t("execution.openPage")}
          </a>
        </div>
        {ring("mechanism", (describedBy) => (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("field.mechanism")}
            <select className={selectClass} disabled={readOnly} data-testid="item-mechanism" aria-describedby={describedBy} value={mechanism ?? ""} onChange={(e) => set("mechanism", e.target.value || null)}>
              <option value="">{t("mechanism.none")}</option>
              {mechanisms.map((m) => <option key={m} value={m}>{t(`mechanism.${m}`)}</option>)}
            </select>
          </label>
        ))}
        {textInput("actionLine", "actionLine", t("field.actionLine"))}
        {textInput("leadOrganisation", "lead", t("field.leadOrganisation"))}
        {textInput("contact", "contact", t("field.contact"))}
        <div className="grid grid-cols-2 gap-2">
          {ring("startDate", (describedBy) => (
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t("field.startDate")}
              <input type="date" className={selectClass} readOnly={readOnly} aria-describedby={describedBy} value={startDate ?? ""} onChange={(e) => set("startDate", e.target.value || null)} />
            </label>
          ))}
          {ring("endDate", (describedBy) => (
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t("field.endDate")}
              <input type="date" className={selectClass} readOnly={readOnly} aria-describedby={describedBy} value={endDate ?? ""} onChange={(e) => set("endDate", e.target.value || null)} />
            </label>
          ))}
        </div>
        {ring("sectors", (describedBy) => (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("field.sectors")}
          <input
            type="text"
            className={selectClass}
            readOnly={readOnly}
            aria-describedby={describedBy}
            value={sectorDraft ?? sectors.join(", ")}
            onChange={(e) => setSectorDraft(e.target.value)}
            onBlur={() => {
              if (sectorDraft !== null && !readOnly) {
                setSectors(doc, id, sectorDraft.split(",").map((s) => s.trim()).filter(Boolean));
              }
              setSectorDraft(null);
            }}
          />
        </label>
        ))}
        {ring("professionalsInvolved", (describedBy) => (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("field.professionalsInvolved")}
            <select className={selectClass} disabled={readOnly} aria-describedby={describedBy} value={involved ?? ""} onChange={(e) => set("professionalsInvolved", e.target.value || null)}>
              <option value="">{t("involved.none")}</option>
              {(["ja", "deels", "nee"] as const).map((v) => <option key={v} value={v}>{t(`involved.${v}`)}</option>)}
            </select>
          </label>
        ))}
        {ring(
          "isPublic",
          (describedBy) => (
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" disabled={readOnly} aria-describedby={describedBy} checked={isPublic} onChange={(e) => set("isPublic", e.target.checked)} />
              {t("field.isPublic")}
            </label>
          ),
          "self-end",
        )}
      </div>
      {textInput("professionalsHow", "how", t("field.professionalsHow"), true)}
      {textInput("why", "why", t("field.why"), true)}
      {ok("plan") ? (
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-800" id={fid("plan-label")}>{t("field.plan")}</span>
        <RichText
          fragment={getItemPlan(item)}
          provider={provider}
          user={user}
          readOnly={readOnly}
          label={`${t("field.plan")}: ${title}`}
          testId="item-plan"
          extensions={planExtensions}
        />
      </div>
      ) : null}
      {children}
    </article>
  );
}
