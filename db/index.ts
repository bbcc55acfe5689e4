import path from "node:path";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import * as schema from "./schema";
import { indexStems, indexSuffixes } from "../app/domain/search-terms";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The database file of this installation: DATABASE_PATH, relative to the project, or the default. */
/** The migrations this code brings, oldest first (hash and timestamp as drizzle records them). */
export const knownMigrations = () => readMigrationFiles({ migrationsFolder });

export const databaseFileFromEnvironment = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(projectRoot, env.DATABASE_PATH ?? "data/agendawerk.sqlite");

/**
 * Opens (and creates) the SQLite file, sets the pragmas the product relies on and applies
 * pending migrations. Safe to call on an existing database: migrations are tracked.
 */
export function openDatabase({ file }: { file: string }): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode survives a process crash (kill -9); only power loss can drop the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  registerSearchFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * The Dutch analyser the search triggers call (docs/decisions/019-dutch-search.md). Registered on
 * every connection before migrations run, since a migration rebuilds the index with it.
 */
export function registerSearchFunctions(sqlite: Database.Database) {
  const joined = (texts: unknown[]) => texts.filter((t): t is string => typeof t === "string" && t !== "").join(" ");
  sqlite.function("search_stems", { deterministic: true, varargs: true }, (...texts: unknown[]) => indexStems(joined(texts)));
  sqlite.function("search_suffixes", { deterministic: true, varargs: true }, (...texts: unknown[]) => indexSuffixes(joined(texts)));
}

export { schema };
