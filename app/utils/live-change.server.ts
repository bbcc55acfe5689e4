import type { AppLoadContext } from "@remix-run/node";
import type * as Y from "yjs";
import type { Principal } from "../domain/permissions";

/**
 * Runs `fn` on the live document through the collaboration server and returns its result. If `fn`
 * throws, nothing it did to the document is kept and the error comes back here (the change ran on
 * the room's trial copy: no editor of the room notices).
 */
export async function withLiveDoc<T>(
  context: AppLoadContext,
  { agendaId, actor }: { agendaId: number; actor: Principal },
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  let result: { value: T } | null = null;
  await context.collab.changeAgenda({ agendaId, actor, change: (doc) => void (result = { value: fn(doc) }) });
  if (!result) throw new Error("changeAgenda did not run the change");
  return (result as { value: T }).value;
}
