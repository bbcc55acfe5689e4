// The one cache for data derived from an agenda's content (the agenda page's first paint and
// savings): an entry holds while the agenda's content version is unchanged, which the database's
// triggers move on every write to what that data reads (migration 0012), so no caller names its
// inputs and none can serve a stale figure by forgetting one.
// lruPerDb is the bounded map under it, also for caches whose entries are checked otherwise
// (the version page's, app/models/version.server.ts).
import type { Db } from "../../db";
import { agendaContentVersion } from "../models/agenda.server";

type Entry<V> = { version: string; value: V };

/**
 * A cache of one kind of derived value per agenda (and per locale, for text), for each database.
 * Bounded: beyond `max` entries the least recently used goes. The version is read before computing,
 * so a value is never older than the version it is stored under.
 */
export function agendaContentCache<V>(max = 128) {
  const entriesOf = lruPerDb<string, Entry<V>>(max);
  return ({ db, agendaId, locale = "" }: { db: Db; agendaId: number; locale?: string }, compute: () => V): V => {
    const entries = entriesOf(db);
    const key = `${agendaId}:${locale}`;
    const version = agendaContentVersion({ db, agendaId });
    const hit = entries.get(key);
    const value = hit?.version === version ? hit.value : compute();
    entries.set(key, { version, value });
    return value;
  };
}

export type Lru<K, V> = { get(key: K): V | undefined; set(key: K, value: V): void };

/**
 * A bounded map for each database: beyond `max` entries the least recently used goes (to
 * `onEvict`, to free what it holds). Keyed by the Db, so a test's temp database starts empty.
 */
export function lruPerDb<K, V>(max: number, onEvict?: (value: V) => void): (db: Db) => Lru<K, V> {
  const byDb = new WeakMap<Db, Lru<K, V>>();
  return (db) => {
    let lru = byDb.get(db);
    if (!lru) {
      const entries = new Map<K, V>();
      lru = {
        get(key) {
          const value = entries.get(key);
          if (value !== undefined) {
            entries.delete(key);
            entries.set(key, value);
          }
          return value;
        },
        set(key, value) {
          const old = entries.get(key);
          entries.delete(key);
          entries.set(key, value);
          if (old !== undefined && old !== value) onEvict?.(old);
          if (entries.size > max) {
            const [oldestKey, oldest] = entries.entries().next().value as [K, V];
            entries.delete(oldestKey);
            onEvict?.(oldest);
          }
        },
      };
      byDb.set(db, lru);
    }
    return lru;
  };
}
