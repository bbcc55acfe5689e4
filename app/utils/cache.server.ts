// The one cache for data derived from an agenda's content (the agenda page's first paint and
// savings): an entry holds while the agenda's content version is unchanged, which the database's
// triggers move on every write to what that data reads (migration 0012), so no caller names its
// inputs and none can serve a stale figure by forgetting one.
import type { Db } from "../../db";
import { agendaContentVersion } from "../models/agenda.server";

type Entry<V> = { version: string; value: V };

/**
 * A cache of one kind of derived value per agenda (and per locale, for text), for each database.
 * Bounded: beyond `max` entries the least recently used goes. The version is read before computing,
 * so a value is never older than the version it is stored under.
 */
export function agendaContentCache<V>(max = 128) {
  const byDb = new WeakMap<Db, Map<string, Entry<V>>>();
  return ({ db, agendaId, locale = "" }: { db: Db; agendaId: number; locale?: string }, compute: () => V): V => {
    let entries = byDb.get(db);
    if (!entries) byDb.set(db, (entries = new Map()));
    const key = `${agendaId}:${locale}`;
    const version = agendaContentVersion({ db, agendaId });
    const hit = entries.get(key);
    const value = hit?.version === version ? hit.value : compute();
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > max) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
