import type { AppLoadContext } from "@remix-run/node";
import type * as Y from "yjs";

/**
 * Runs `fn` on the live document through the collaboration server and returns its result. A throw
 * inside `changeAgenda` would fail the room, so it is caught there and rethrown here; `fn` must
 * leave the document untouched when it refuses (return an error value instead).
 */
export async function withLiveDoc<T>(
  context: AppLoadContext,
  { agendaId, userId }: { agendaId: number; userId: number },
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  let result: { value: T } | null = null;
  let failure: { error: unknown } | null = null;
  await context.collab.changeAgenda({
    agendaId,
    userId,
    change: (doc) => {
      try {
        result = { value: fn(doc) };
      } catch (error) {
        failure = { error };
      }
    },
  });
  if (failure) throw (failure as { error: unknown }).error;
  if (!result) throw new Error("changeAgenda did not run the change");
  return (result as { value: T }).value;
}
