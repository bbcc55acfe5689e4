import type { Db } from "../../db";

/**
 * One prepared statement per database connection, built on first use. Building a drizzle query
 * and preparing it in SQLite costs more than running it; hot paths (every page's session lookup)
 * prepare once. Keyed weakly so test databases are not kept alive.
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let statement = byDb.get(db);
    if (statement === undefined) {
      statement = build(db);
      byDb.set(db, statement);
    }
    return statement;
  };
}
