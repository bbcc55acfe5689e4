import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

/**
 * The committed migrations before `tag`, as a folder of their own inside `dir`: a database in the
 * shape it had before a migration, to fill with old data and then migrate the rest of the way.
 */
export function migrationsBefore(dir: string, tag: string): string {
  const folder = path.join(dir, "migrations");
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  if (upTo <= 0) throw new Error(`no migration ${tag} after the first`);
  journal.entries = journal.entries.slice(0, upTo);
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));
  return folder;
}
