// What a document's server render needs but its hydration data must not carry, because the browser
// keeps the server's markup as it is: the agenda's first-paint list (hundreds of items) reaches the
// browser once, in the HTML, not a second time as data. server.ts gives each document request an
// empty bag; a loader puts the value in with `inDocumentOnly`; entry.server.tsx provides the bag to
// the render; the component reads it with `useDocumentOnly`. A client navigation (a `.data`
// request) has no document and no bag: the value travels as loader data.
import { createContext, useContext } from "react";
import type { AppLoadContext } from "@remix-run/node";

export type DocumentOnly = {
  /** The agenda's read-only items as markup (app/utils/first-paint.server.tsx). */
  agendaFirstPaint?: string;
  /** An old version's full content as markup (app/utils/first-paint.server.tsx). */
  versionContent?: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Present on a document request only (server.ts). */
    documentOnly?: DocumentOnly;
  }
}

export const DocumentOnlyContext = createContext<DocumentOnly>({});

export const useDocumentOnly = () => useContext(DocumentOnlyContext);

/** Hands `value` to the document's server render and returns null; returns it as data when there is no document. */
export function inDocumentOnly<K extends keyof DocumentOnly>(context: AppLoadContext, key: K, value: NonNullable<DocumentOnly[K]>): NonNullable<DocumentOnly[K]> | null {
  if (!context.documentOnly) return value;
  context.documentOnly[key] = value;
  return null;
}
