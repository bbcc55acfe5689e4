// What the barrier and comment panels on the agenda page share: their list, loaded from a resource
// route and fetched again whenever their markers in the live document change (decisions 004, 036),
// the editors by item for reading a selection, and a re-render when a passage's text changes.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type * as Y from "yjs";
import { passageFragment } from "~/domain/barrier-anchors";
import { selectedPassage, type PassageViews } from "~/editor/passage-highlight";

export function useLiveMarkerList<T, M>(url: string, markersOf: (doc: Y.Doc) => Y.Map<M>) {
  const fetcher = useFetcher<T>({ key: url });
  const loadRef = useRef(fetcher.load);
  loadRef.current = fetcher.load;
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const views = useMemo<PassageViews>(() => new Map(), []);

  useEffect(() => {
    void loadRef.current(url);
  }, [url]);

  // A marker added or changed by anyone means the list changed: fetch it again (debounced).
  useEffect(() => {
    if (!doc) return;
    const markers = markersOf(doc);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChange = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void loadRef.current(url), 250);
    };
    markers.observe(onChange);
    return () => {
      markers.unobserve(onChange);
      if (timer) clearTimeout(timer);
    };
  }, [doc, url, markersOf]);

  const onDoc = useCallback((live: { doc: Y.Doc } | null) => setDoc(live?.doc ?? null), []);
  return { data: fetcher.data, doc, views, onDoc };
}

/** Re-renders when the passage's text (an item's plan, or the introduction for null) changes, so "passage verwijderd" follows it live. */
export function usePassageVersion(doc: Y.Doc | null, itemId: string | null) {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const fragment = doc ? passageFragment(doc, itemId) : null;
    if (!fragment) return;
    const bump = () => setVersion((v) => v + 1);
    fragment.observeDeep(bump);
    return () => fragment.unobserveDeep(bump);
  }, [doc, itemId]);
  return version;
}

/**
 * The passage a panel's button takes from its editor's selection. Focus follows the task: into the
 * form (`focusForm`) once a passage is chosen, back to the button (`buttonRef`) after saving or
 * cancelling. `capture` runs on mousedown, before the click could lose the editor's selection.
 */
export function usePassageCapture(views: PassageViews, itemId: string | null, focusForm: () => void) {
  const [passage, setPassage] = useState<{ start: string; end: string; quote: string } | null>(null);
  const [hint, setHint] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const focusFormRef = useRef(focusForm);
  focusFormRef.current = focusForm;
  const opened = passage !== null;
  const wasOpened = useRef(false);
  useEffect(() => {
    if (opened) focusFormRef.current();
    else if (wasOpened.current) buttonRef.current?.focus();
    wasOpened.current = opened;
  }, [opened]);
  const capture = () => {
    const view = views.get(itemId);
    const selected = view ? selectedPassage(view) : null;
    setPassage(selected);
    setHint(!selected);
  };
  return { passage, setPassage, hint, capture, buttonRef };
}
