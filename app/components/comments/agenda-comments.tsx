// Passage comments on the agenda page (decision 036): a panel under the introduction and in each item
// (LiveAgenda's introSlot and itemSlot), the highlight extension for those editors and the link to
// the live document. A conversation, kept apart from the barrier panel that sits next to it.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useFetcher, useSearchParams } from "@remix-run/react";
import type * as Y from "yjs";
import { resolveItemAnchor } from "~/domain/barrier-anchors";
import { THREAD_PARAM, getCommentMarkers, type CommentMarker } from "~/domain/comment-anchors";
import { passageHighlight, type PassageViews } from "~/editor/passage-highlight";
import { createCommentSchema, replyCommentSchema } from "~/forms/comments";
import { useFormValidation, type FieldErrors } from "~/forms/validation";
import { useT } from "~/i18n";
import { FormError } from "~/components/field";
import { MentionTextarea } from "~/components/mention-textarea";
import { useLiveMarkerList, usePassageCapture, usePassageVersion } from "~/components/live-passages";
import { useFormatDate } from "~/components/approvals/format";
import type { loader as commentsLoader, action as commentsAction } from "~/routes/agendas.$agendaId_.opmerkingen";

type PanelData = Awaited<ReturnType<typeof commentsLoader>>;
type ThreadView = PanelData["threads"][number];

export const CommentHighlight = passageHighlight({
  name: "commentHighlight",
  markers: getCommentMarkers,
  shown: (marker) => !marker.resolved,
  attrs: (id) => ({ class: "comment-highlight", "data-thread-id": id, "data-testid": "comment-highlight" }),
});

export function useAgendaComments(agendaId: number) {
  const { data, doc, views, onDoc } = useLiveMarkerList<typeof commentsLoader, CommentMarker>(`/agendas/${agendaId}/opmerkingen`, getCommentMarkers);
  const extensionsFor = useCallback((itemId: string | null) => [CommentHighlight.configure({ itemId, views })], [views]);
  const slotFor = useCallback(
    (itemId: string | null): ReactNode =>
      data ? <PassageComments key={`comments-${itemId ?? "intro"}`} agendaId={agendaId} itemId={itemId} data={data} doc={doc} views={views} /> : null,
    [agendaId, data, doc, views],
  );
  return { onDoc, extensionsFor, slotFor };
}

function PassageComments({ agendaId, itemId, data, doc, views }: { agendaId: number; itemId: string | null; data: PanelData; doc: Y.Doc | null; views: PassageViews }) {
  const t = useT();
  usePassageVersion(doc, itemId);
  const headingId = useId();
  // A link from the inbox or an e-mail names the thread to open (commentThreadHref).
  const openedId = Number(useSearchParams()[0].get(THREAD_PARAM)) || null;
  const threads = data.threads.filter((th) => th.itemId === itemId);
  const open = threads.filter((th) => !th.resolvedAt);
  const resolved = threads.filter((th) => th.resolvedAt);
  // The named thread may have been resolved since the mail was sent: it must still be shown.
  const [showResolved, setShowResolved] = useState(() => resolved.some((th) => th.id === openedId));
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded border border-sky-200 bg-sky-50/50 p-3" data-testid="passage-comments">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        {itemId === null ? t("comments.panelIntro") : t("comments.panel")} ({open.length})
      </h3>
      {/* First in the panel: the next Tab stop after the text, right after selecting a passage there. */}
      <NewComment agendaId={agendaId} itemId={itemId} people={data.people} views={views} />
      {open.length ? (
        <ul className="flex flex-col gap-2">
          {open.map((th) => (
            <Thread key={th.id} agendaId={agendaId} thread={th} doc={doc} people={data.people} opened={th.id === openedId} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t("comments.none")}</p>
      )}
      {resolved.length ? (
        <>
          <button type="button" className="self-start text-sm text-brand-700 underline" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? t("comments.hideResolved") : t("comments.showResolved", { count: resolved.length })}
          </button>
          {showResolved ? (
            <ul className="flex flex-col gap-2" data-testid="resolved-comments">
              {resolved.map((th) => (
                <Thread key={th.id} agendaId={agendaId} thread={th} doc={doc} people={data.people} opened={th.id === openedId} />
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const buttonClass = "rounded border px-3 py-1 text-sm";

function NewComment({ agendaId, itemId, people, views }: { agendaId: number; itemId: string | null; people: readonly string[]; views: PassageViews }) {
  const t = useT();
  const fetcher = useFetcher<typeof commentsAction>();
  const formRef = useRef<HTMLFormElement>(null);
  const { passage, setPassage, hint, capture: takePassage, buttonRef: addRef } = usePassageCapture(views, itemId, () => formRef.current?.querySelector("textarea")?.focus());
  const [saved, setSaved] = useState(false);
  const result = fetcher.data;
  const serverErrors: FieldErrors | undefined = result && !result.ok && result.intent === "create" ? result.errors : undefined;
  const { errors, onSubmit } = useFormValidation(createCommentSchema, serverErrors);
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok && result.intent === "create") {
      setSaved(true);
      setPassage(null);
    }
  }, [fetcher.state, result, setPassage]);

  const capture = () => {
    takePassage();
    setSaved(false);
  };

  if (!passage) {
    return (
      <div className="flex flex-col gap-1">
        <button
          ref={addRef}
          type="button"
          className={`self-start border-sky-700 bg-white font-medium text-sky-900 ${buttonClass}`}
          onMouseDown={(e) => {
            // The mouse must not move the focus either: it goes into the form that opens.
            e.preventDefault();
            capture();
          }}
          onClick={(e) => e.detail === 0 && capture()}
        >
          {t("comments.add")}
        </button>
        {hint ? <p role="status" className="text-sm text-sky-900">{t("comments.selectFirst")}</p> : null}
        {saved ? <p role="status" className="text-sm text-green-800">{t("comments.saved")}</p> : null}
      </div>
    );
  }
  const formError = errors.form ?? errors.start ?? errors.end ?? errors.itemId;
  return (
    <fetcher.Form ref={formRef} method="post" action={`/agendas/${agendaId}/opmerkingen`} onSubmit={onSubmit} className="flex flex-col gap-2 rounded border border-slate-300 bg-white p-3" data-testid="comment-form">
      <input type="hidden" name="intent" value="create" />
      {itemId !== null ? <input type="hidden" name="itemId" value={itemId} /> : null}
      <input type="hidden" name="start" value={passage.start} />
      <input type="hidden" name="end" value={passage.end} />
      <p className="text-sm">
        <span className="font-medium">{t("comments.selected")}:</span> <span className="italic">“{passage.quote}”</span>
      </p>
      <FormError message={formError ? t(formError) : null} />
      <MentionTextarea name="body" label={t("comments.body")} people={people} className="rounded border border-slate-400 px-2 py-1" invalid={!!errors.body} />
      {errors.body ? <span className="text-sm font-medium text-red-700">{t(errors.body)}</span> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 font-medium text-white" disabled={fetcher.state !== "idle"}>
          {t("comments.save")}
        </button>
        <button type="button" className={buttonClass} onClick={() => setPassage(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function Thread({ agendaId, thread, doc, people, opened }: { agendaId: number; thread: ThreadView; doc: Y.Doc | null; people: readonly string[]; opened: boolean }) {
  const t = useT();
  const itemRef = useRef<HTMLLIElement>(null);
  // When it becomes the named thread, not on every refetch: a reader who then scrolls or types must not be pulled back.
  useEffect(() => {
    if (!opened || !itemRef.current) return;
    itemRef.current.focus({ preventScroll: true });
    itemRef.current.scrollIntoView({ block: "center" });
  }, [opened]);
  const date = useFormatDate();
  const reply = useFetcher<typeof commentsAction>();
  const toggle = useFetcher<typeof commentsAction>();
  const result = reply.data;
  const serverErrors: FieldErrors | undefined = result && !result.ok ? result.errors : undefined;
  const { errors, onSubmit } = useFormValidation(replyCommentSchema, serverErrors);
  const toggleError = toggle.data && !toggle.data.ok ? (toggle.data.errors.form ?? null) : null;
  const resolved = doc ? resolveItemAnchor(doc, thread.itemId, thread.start, thread.end) : null;
  const deleted = resolved !== null && resolved.kind !== "ok";
  const action = `/agendas/${agendaId}/opmerkingen`;
  const showPassage = () => {
    const mark = document.querySelector<HTMLElement>(`mark[data-thread-id="${thread.id}"]`);
    if (!mark) return;
    mark.scrollIntoView({ behavior: "smooth", block: "center" });
    mark.classList.add("ring-2", "ring-sky-700");
    setTimeout(() => mark.classList.remove("ring-2", "ring-sky-700"), 1500);
  };
  return (
    <li
      ref={itemRef}
      tabIndex={opened ? -1 : undefined}
      className={`flex flex-col gap-2 rounded border bg-white px-3 py-2 text-sm ${opened ? "border-sky-700 ring-2 ring-sky-700" : "border-sky-300"}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved={thread.resolvedAt ? "true" : "false"}
      data-opened={opened ? "true" : undefined}
    >
      <p className="italic">
        “{thread.quote}”
        {deleted ? <span className="ml-1 font-medium not-italic text-red-800">({t("comments.passageDeleted")})</span> : null}
      </p>
      <ol className="flex flex-col gap-2" aria-label={t("comments.thread", { quote: thread.quote })}>
        {thread.comments.map((c) => (
          <li key={c.id} data-testid="comment">
            <p className="text-xs text-slate-700">{t("comments.by", { name: c.authorName, date: date(c.createdAt, true) })}</p>
            <p className="whitespace-pre-line break-words">{c.body}</p>
          </li>
        ))}
      </ol>
      {thread.resolvedAt && thread.resolvedByName ? <p className="text-slate-700">{t("comments.resolvedBy", { name: thread.resolvedByName })}</p> : null}
      {!thread.resolvedAt ? (
        <reply.Form method="post" action={action} onSubmit={onSubmit} key={`reply-${thread.comments.length}`} className="flex flex-col gap-1">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <MentionTextarea name="body" label={t("comments.reply")} people={people} rows={2} className="rounded border border-slate-400 px-2 py-1" invalid={!!errors.body} />
          <FormError message={errors.body || errors.form ? t((errors.body ?? errors.form)!) : null} />
          <button type="submit" className="self-start rounded bg-brand-700 px-3 py-1 font-medium text-white" disabled={reply.state !== "idle"}>
            {t("comments.replySubmit")}
          </button>
        </reply.Form>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <toggle.Form method="post" action={action}>
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className={`border-slate-500 ${buttonClass}`} disabled={toggle.state !== "idle"}>
            {thread.resolvedAt ? t("comments.reopen") : t("comments.resolve")}
          </button>
        </toggle.Form>
        {!deleted && !thread.resolvedAt ? (
          <button type="button" className="text-brand-700 underline" onClick={showPassage}>
            {t("comments.showPassage")}
          </button>
        ) : null}
      </div>
      <FormError message={toggleError ? t(toggleError) : null} />
    </li>
  );
}
