// Who may write under which Yjs client id in a room. Yjs trusts the client id inside an update:
// an editor who sent content under someone else's id (ids are visible to everyone in the document
// and in presence) would make the server take it for the owner's own, and the owner's real edits
// at those positions would then be dropped as already known. So the first user to use an id owns
// it, durably (ydoc_clients, written in the same transaction as the update), and an update that
// adds content under an id owned by someone else is refused whole, with its connection.
import * as Y from "yjs";
import type { Db } from "../db";

export type OwnershipVerdict = { ok: true } | { ok: false; clientId: number };

/**
 * One map per room from client id to user, for document content and presence alike: whoever
 * first used an id (in an update, or as their presence) owns it. Ids used in stored updates are
 * loaded from ydoc_clients; persistence writes them with each update row (`claimsOf`).
 */
export class ClientOwners {
  private constructor(private readonly owners: Map<number, number>) {}

  static load(db: Db, room: string): ClientOwners {
    const rows = db.$client.prepare("select client_id, user_id from ydoc_clients where room = ?").raw().all(room) as Array<[number, number]>;
    return new ClientOwners(new Map(rows));
  }

  ownerOf(clientId: number): number | undefined {
    return this.owners.get(clientId);
  }

  take(clientId: number, userId: number) {
    this.owners.set(clientId, userId);
  }

  /**
   * Whether `userId` may add this update's content; `reserved` ids are nobody's to use (the
   * server's own documents). Fresh ids become the user's at once, so two people cannot both take
   * one within a turn.
   */
  admit(userId: number, update: Uint8Array, reserved: (clientId: number) => boolean): OwnershipVerdict {
    const fresh: number[] = [];
    for (const clientId of idsIn(update)) {
      const owner = this.owners.get(clientId);
      if (reserved(clientId) || (owner !== undefined && owner !== userId)) return { ok: false, clientId };
      if (owner === undefined) fresh.push(clientId);
    }
    for (const clientId of fresh) this.owners.set(clientId, userId);
    return { ok: true };
  }
}

/** The client ids an update adds content under (its delete set may touch anyone's: that is editing). */
function idsIn(update: Uint8Array): Iterable<number> {
  // Not encodeStateVectorFromUpdate: it leaves out clients whose structs do not start at clock 0,
  // which is every incremental update.
  return Y.parseUpdateMeta(update).from.keys();
}

/** Rows of ydoc_clients for a stored update row: its user owns every id it added content under. */
export function claimsOf(update: Uint8Array, userId: number | null): number[] {
  return userId === null ? [] : [...idsIn(update)];
}
