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
 * One map per room from client id to the user who first wrote content under it, loaded from
 * ydoc_clients; persistence writes the claims with each update row (`claimsOf`).
 */
export class ClientOwners {
  private constructor(private readonly owners: Map<number, number>) {}

  static load(db: Db, room: string): ClientOwners {
    const rows = db.$client.prepare("select client_id, user_id from ydoc_clients where room = ?").raw().all(room) as Array<[number, number]>;
    return new ClientOwners(new Map(rows));
  }

  /**
   * Whether `userId` may add this update's content; `reserved` ids are nobody's to use (the
   * server's own documents). Content the document already has (`known` gives the next clock per
   * id) is a harmless repeat and needs no right: clients resend what they hold after reloads and
   * reconnects. Fresh ids become the user's at once, so two people cannot both take one in a turn.
   */
  admit(userId: number, update: Uint8Array, reserved: (clientId: number) => boolean, known: (clientId: number) => number): OwnershipVerdict {
    const fresh: number[] = [];
    for (const [clientId, end] of Y.parseUpdateMeta(update).to) {
      if (end <= known(clientId)) continue;
      const owner = this.owners.get(clientId);
      if (reserved(clientId) || (owner !== undefined && owner !== userId)) return { ok: false, clientId };
      if (owner === undefined) fresh.push(clientId);
    }
    for (const clientId of fresh) this.owners.set(clientId, userId);
    return { ok: true };
  }
}

/**
 * Rows of ydoc_clients for a stored update row: its user owns every id it added content under
 * (its delete set may touch anyone's content: that is editing). Not encodeStateVectorFromUpdate,
 * which leaves out ids whose structs do not start at clock 0: every incremental update.
 */
export function claimsOf(update: Uint8Array, userId: number | null): number[] {
  return userId === null ? [] : [...Y.parseUpdateMeta(update).to.keys()];
}
