// Sending one turn's changes of a room to its connections: one merged update message and one
// presence message per turn, however many frames came in (a burst of keystrokes, every editor's
// presence renewal), each encoded once for everyone.
import * as Y from "yjs";
import type { Connection } from "./connection";
import { encodeAwarenessEntries, encodeAwarenessMessage, encodeUpdateMessage, type AwarenessEntry } from "./protocol";

type Change = { update: Uint8Array; origin: unknown };

const merged = (list: Change[]) => encodeUpdateMessage(list.length === 1 ? list[0].update : Y.mergeUpdates(list.map((u) => u.update)));

export function relay(conns: ReadonlySet<Connection>, updates: Change[], presence: AwarenessEntry[]) {
  if (updates.length === 0 && presence.length === 0) return;
  // One write per client for everything of this turn (an edit and its cursor move are two frames).
  for (const conn of conns) conn.cork();
  try {
    if (updates.length > 0) {
      const origins = new Set(updates.map((u) => u.origin));
      const everyone = merged(updates);
      // A sender gets what others changed in the same turn, not its own edits back.
      for (const conn of conns) {
        if (!origins.has(conn)) {
          conn.send(everyone);
          continue;
        }
        const others = updates.filter((u) => u.origin !== conn);
        if (others.length > 0) conn.send(merged(others));
      }
    }
    if (presence.length > 0) {
      const message = encodeAwarenessMessage(encodeAwarenessEntries(presence));
      // Sent to the origin too: y-websocket clients treat 30 s without any message (their own
      // awareness renewal included) as a dead connection.
      for (const conn of conns) conn.send(message);
    }
  } finally {
    for (const conn of conns) conn.uncork();
  }
}
