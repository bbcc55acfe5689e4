// The browser's offline copies of agendas: y-indexeddb databases, one per agenda and user, all
// named with this prefix so that logging out can find and remove every one of them.
const PREFIX = "agendawerk:";

export function offlineCopyName(room: string, userId: number) {
  return `${PREFIX}${room}:u${userId}`;
}

/**
 * Deletes every offline copy in this browser. The logout response's Clear-Site-Data header does
 * the same where the browser honours it; this covers the others. A copy still open in an editor
 * is deleted as soon as the editor closes it (the logout navigation does).
 */
export async function clearOfflineCopies() {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  const names = (await indexedDB.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(PREFIX));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}
