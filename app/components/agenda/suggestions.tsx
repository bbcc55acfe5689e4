// Suggestion mode in the live agenda (decision 035): who suggests (readers with the right always,
// editors when they switch it on), and the list of open suggestions with accept and reject for
// editors. Settling goes to the server (agendas.$agendaId_.suggesties.tsx), which checks the right,
// changes the live document and writes the audit log; everyone sees the result arrive through Yjs.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useFetcher } from "@remix-run/react";
import type * as Y from "yjs";
import { getItem, isPlainText, textFieldLimits, type TextField } from "~/domain/agenda-doc";
import { listSuggestions, suggestFieldValue, withdrawFieldSuggestion, type Suggestion } from "~/domain/suggestions";
import { formatDutchDate } from "~/domain/dutch-time";
import { useLocale, useT } from "~/i18n";

export type SuggestMode = {
  user: { id: number; name: string };
  /** Readers who may suggest do nothing else; editors choose. */
  forced: boolean;
  /** Read by the editors at every change, so switching needs no new editor. */
  isOn: () => boolean;
  on: boolean;
  setOn: (on: boolean) => void;
};

const SuggestModeContext = createContext<SuggestMode | null>(null);
/** The suggestion mode for the editors inside, or null when the user may not suggest. */
export const useSuggestMode = () => useContext(SuggestModeContext);

export function SuggestionsProvider({ user, canSuggest, canEdit, children }: { user: { id: number; name: string }; canSuggest: boolean; canEdit: boolean; children: ReactNode }) {
  const [on, setOn] = useState(false);
  const forced = canSuggest && !canEdit;
  const active = useRef(false);
  active.current = canSuggest && (forced || on);
  const value = useMemo<SuggestMode | null>(
    () => (canSuggest ? { user: { id: user.id, name: user.name }, forced, isOn: () => active.current, on, setOn } : null),
    [canSuggest, forced, on, user.id, user.name],
  );
  return <SuggestModeContext.Provider value={value}>{children}</SuggestModeContext.Provider>;
}

/** The open suggestions, followed live. */
function useSuggestions(doc: Y.Doc) {
  const [list, setList] = useState<Suggestion[]>(() => listSuggestions(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // One read per burst of keystrokes: the list walks every rich text.
    const update = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setList(listSuggestions(doc));
      }, 150);
    };
    setList(listSuggestions(doc));
    doc.on("update", update);
    return () => {
      doc.off("update", update);
      if (timer) clearTimeout(timer);
    };
  }, [doc]);
  return list;
}

/**
 * Beside one of an item's plain fields: the values suggested for it, and, in suggestion mode, a
 * form to suggest one (written to the live document; the server lets a suggester write only their own).
 */
export function FieldSuggestions({ doc, itemId, field, label }: { doc: Y.Doc; itemId: string; field: TextField; label: string }) {
  const t = useT();
  const mode = useSuggestMode();
  const all = useSuggestions(doc);
  const [draft, setDraft] = useState<string | null>(null);
  const mine = all.filter((s) => s.kind === "field" && s.part === itemId && s.field === field);
  const active = mode !== null && (mode.forced || mode.on);
  if (mine.length === 0 && !active) return null;
  const inputId = `suggest-${itemId}-${field}`;
  const current = () => {
    const text = getItem(doc, itemId)?.get(field);
    return isPlainText(text) ? text.toString() : "";
  };
  const save = () => {
    if (!mode || draft === null) return;
    suggestFieldValue(doc, { itemId, field, value: draft, author: mode.user.id, authorName: mode.user.name, at: new Date().toISOString() });
    setDraft(null);
  };
  const small = "rounded border border-slate-400 px-2 py-0.5 text-sm";
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="field-suggestions">
      {mine.map((s) => (
        <p key={s.id} className="break-words">
          {t("suggestions.fieldBy", { name: s.authorName })} <ins className="suggestion-insertion">{s.text}</ins>{" "}
          {mode && s.author === mode.user.id ? (
            <button type="button" className={small} onClick={() => withdrawFieldSuggestion(doc, s.id)}>
              {t("suggestions.withdraw")}
            </button>
          ) : null}
        </p>
      ))}
      {active && draft === null ? (
        <button type="button" className={`${small} self-start`} aria-label={t("suggestions.suggestFieldLabel", { field: label })} onClick={() => setDraft(current())}>
          {t("suggestions.suggestField")}
        </button>
      ) : null}
      {active && draft !== null ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={inputId} className="flex min-w-0 flex-1 flex-col gap-1">
            {t("suggestions.newValue", { field: label })}
            <input id={inputId} className="rounded border border-slate-400 px-2 py-1" value={draft} maxLength={textFieldLimits[field]} autoFocus onChange={(e) => setDraft(e.target.value)} />
          </label>
          <button type="submit" className={`${small} bg-brand-700 text-white`}>{t("suggestions.save")}</button>
          <button type="button" className={small} onClick={() => setDraft(null)}>{t("suggestions.cancel")}</button>
        </form>
      ) : null}
    </div>
  );
}

type SettleResult = { ok: true; settled: number } | { ok: false };

export function SuggestionsPanel({ doc, agendaId, canSettle }: { doc: Y.Doc; agendaId: number; canSettle: boolean }) {
  const t = useT();
  const locale = useLocale();
  const mode = useSuggestMode();
  const suggestions = useSuggestions(doc);
  const fetcher = useFetcher<SettleResult>();
  if (!mode && suggestions.length === 0) return null;
  const settle = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post", action: `/agendas/${agendaId}/suggesties` });
  const kindName = (s: Suggestion) =>
    s.kind === "field" ? t("suggestions.fieldKind", { field: t(`field.${s.field as TextField}`) }) : t(s.kind === "insertion" ? "suggestions.insertion" : "suggestions.deletion");
  const time = (at: string) => (Number.isNaN(Date.parse(at)) ? at : formatDutchDate(at, locale, { dateStyle: "medium", timeStyle: "short" }));
  const where = (s: Suggestion) => {
    if (s.part === "intro") return t("suggestions.inIntro");
    const title = getItem(doc, s.part)?.get("title");
    const vars = { title: (isPlainText(title) ? title.toString() : "") || t("agenda.untitled") };
    return s.kind === "field" ? t("suggestions.inItemField", vars) : t("suggestions.inItem", vars);
  };
  const authors = [...new Map(suggestions.map((s) => [s.author, s.authorName])).entries()];
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const buttonClass = "rounded border px-3 py-1 text-sm font-medium disabled:opacity-60";
  return (
    <section aria-labelledby="suggestions-heading" className="flex flex-col gap-2 rounded border border-slate-300 bg-white p-3" data-testid="suggestions">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="suggestions-heading" className="text-lg font-semibold">{t("suggestions.title")}</h2>
        <p className="text-sm text-slate-700" data-testid="suggestions-count">{t("suggestions.count", { count: suggestions.length })}</p>
        {mode && !mode.forced ? (
          <button
            type="button"
            aria-pressed={mode.on}
            aria-describedby="suggest-mode-help"
            onClick={() => mode.setOn(!mode.on)}
            className={`${buttonClass} ${mode.on ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white text-slate-900"}`}
            data-testid="suggest-mode"
          >
            {t("suggestions.mode")}
          </button>
        ) : null}
      </div>
      {mode ? (
        <p id="suggest-mode-help" className="text-sm text-slate-700">
          {t(mode.forced ? "suggestions.forced" : "suggestions.modeHelp")}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm">
        {result ? (result.ok ? t("suggestions.settled", { count: result.settled }) : t("suggestions.failed")) : ""}
      </p>
      {suggestions.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {suggestions.map((s) => {
            const vars = { kind: kindName(s), name: s.authorName, text: s.text };
            const Tag = s.kind === "deletion" ? "del" : "ins";
            return (
              <li key={`${s.kind}:${s.id}`} className="flex flex-col gap-1 border-t border-slate-200 pt-2" data-testid="suggestion" data-kind={s.kind}>
                <p className="text-sm text-slate-800">
                  {t("suggestions.by", { kind: kindName(s), name: s.authorName, where: where(s), time: time(s.at) })}
                </p>
                <p className="break-words">
                  <Tag className={s.kind === "deletion" ? "suggestion-deletion" : "suggestion-insertion"}>{s.text}</Tag>
                </p>
                {canSettle ? (
                  <div className="flex flex-wrap gap-2">
                    <button type="button" disabled={busy} className={`${buttonClass} border-green-800 text-green-900`} aria-label={t("suggestions.acceptLabel", vars)} onClick={() => settle({ intent: "accept", id: s.id })}>
                      {t("suggestions.accept")}
                    </button>
                    <button type="button" disabled={busy} className={`${buttonClass} border-red-800 text-red-900`} aria-label={t("suggestions.rejectLabel", vars)} onClick={() => settle({ intent: "reject", id: s.id })}>
                      {t("suggestions.reject")}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {canSettle && authors.length > 0 ? (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-2">
          {authors.map(([author, name]) => (
            <span key={author} className="flex flex-wrap gap-2">
              <button type="button" disabled={busy} className={`${buttonClass} border-slate-400`} onClick={() => settle({ intent: "accept", author: String(author) })}>
                {t("suggestions.acceptAll", { name })}
              </button>
              <button type="button" disabled={busy} className={`${buttonClass} border-slate-400`} onClick={() => settle({ intent: "reject", author: String(author) })}>
                {t("suggestions.rejectAll", { name })}
              </button>
            </span>
          ))}
        </div>
      ) : null}
    </section>
  );
}
