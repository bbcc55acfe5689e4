// Who may write under which Yjs client id in a room. Yjs trusts the client id inside an update:
// an editor who sent content under someone else's id (ids are visible to everyone in the document
// and in presence) would make the server take it for the owner's own, and the owner's real edits
// at those positions would then be dropped as already known. So the first user to use an id owns
// it, durably (stored with the update that claims it, in the same transaction), and an update that
// adds content under an id owned by someone else is refused whole, with its connection.
import * as Y from "yjs";

/** `clientIds`: the ids the update adds new content under, which its log row claims for the user. */
export type OwnershipVerdict = { ok: true; clientIds: number[] } | { ok: false; clientId: number };

/** One map per room from client id to the user who first wrote content under it. */
export class ClientOwners {
  constructor(private readonly owners: Map<number, number>) {}

  /**
   * Whether `userId` may add an update's content (`ends`: client id -> clock after its last struct); `reserved` ids are nobody's to use (the
   * server's own documents). Content the document already has (`known` gives the next clock per
   * id) is a harmless repeat and needs no right: clients resend what they hold after reloads and
   * reconnects. Fresh ids become the user's at once, so two people cannot both take one in a turn.
   */
  admit(userId: number, ends: ReadonlyMap<number, number>, reserved: (clientId: number) => boolean, known: (clientId: number) => number): OwnershipVerdict {
    const fresh: number[] = [];
    const clientIds: number[] = [];
    for (const [clientId, end] of ends) {
      if (end <= known(clientId)) continue;
      clientIds.push(clientId);
      const owner = this.owners.get(clientId);
      if (reserved(clientId) || (owner !== undefined && owner !== userId)) return { ok: false, clientId };
      if (owner === undefined) fresh.push(clientId);
    }
    for (const clientId of fresh) this.owners.set(clientId, userId);
    return { ok: true, clientIds };
  }
}

/**
 * The ids a stored update row claims for its user: every id it added content under (its delete
 * set may touch anyone's content: that is editing). Not encodeStateVectorFromUpdate, which leaves
 * out ids whose structs do not start at clock 0: every incremental update.
 */
export function claimsOf(update: Uint8Array, userId: number | null): number[] {
  return userId === null ? [] : [...Y.parseUpdateMeta(update).to.keys()];
}
