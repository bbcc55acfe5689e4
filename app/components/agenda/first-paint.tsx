import { useDocumentOnly, type DocumentOnly } from "~/utils/document-only";

/**
 * The read-only agenda rendered on the server (app/utils/first-paint.server.tsx). On a document
 * load the markup comes with the document only (app/utils/document-only.ts): in the browser `html`
 * is null and React keeps the server's markup as it is (an element with dangerouslySetInnerHTML is
 * not hydrated inside), so the 200 items are neither sent again as data nor hydrated item by item.
 * On a client navigation `html` is the data. It stays in one place in the tree until the live
 * agenda shows its items: moved, it would be mounted anew and empty.
 */
export function FirstPaintList({ html, part = "agendaFirstPaint" }: { html: string | null; part?: keyof DocumentOnly }) {
  const inDocument = useDocumentOnly()[part];
  return <div dangerouslySetInnerHTML={{ __html: html ?? inDocument ?? "" }} suppressHydrationWarning />;
}
