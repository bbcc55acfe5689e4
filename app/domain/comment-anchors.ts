// Comment markers: what every open editor needs to highlight a comment's passage and to know the
// conversation moved on. Like a barrier's marker (decision 004) the SQL thread is the truth and the
// server writes the marker; the anchors are resolved with the same functions (decision 036).
import type * as Y from "yjs";

export type CommentMarker = {
  /** null: the passage is in the introduction. */
  itemId: string | null;
  start: string;
  end: string;
  resolved: boolean;
  /** How many comments the thread holds: a reply changes it, so other browsers refetch. */
  entries: number;
};

export const commentRoot = "comments";
export const getCommentMarkers = (doc: Y.Doc) => doc.getMap<CommentMarker>(commentRoot);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The document schema's check of a value in the comments map. */
export const isCommentMarker = (v: unknown): v is CommentMarker =>
  isRecord(v) &&
  (v.itemId === null || typeof v.itemId === "string") &&
  typeof v.start === "string" &&
  typeof v.end === "string" &&
  typeof v.resolved === "boolean" &&
  typeof v.entries === "number";

/**
 * The agenda page's query parameter naming the thread to open. A query, not a fragment: the login
 * redirect keeps `redirectTo`'s query, while a fragment is lost on the login form's post.
 */
export const THREAD_PARAM = "opmerking";

/** Where a thread is read and answered: its agenda, opened at that thread (mail and inbox alike). */
export const commentThreadHref = (agendaId: number, threadId: number) => `/agendas/${agendaId}?${THREAD_PARAM}=${threadId}`;
