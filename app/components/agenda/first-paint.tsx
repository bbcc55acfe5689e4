/**
 * The read-only agenda rendered on the server (app/utils/first-paint.server.tsx). After a document
 * load `html` is absent on the client and React keeps the server's markup as it is (an element
 * with dangerouslySetInnerHTML is not hydrated inside), so the 200 items are neither sent again
 * as data nor hydrated item by item. It stays in one place in the tree until the live agenda
 * shows its items: moved, it would be mounted anew and empty.
 */
export function FirstPaintList({ html }: { html: string | undefined }) {
  return <div dangerouslySetInnerHTML={{ __html: html ?? "" }} suppressHydrationWarning />;
}
