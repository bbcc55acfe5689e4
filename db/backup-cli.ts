// `npm run backup -- --to FILE`: a consistent copy of the installation's database (DATABASE_PATH),
// also while the server runs and editors type. The copy is checked before this says it is done.
import { parseArgs } from "node:util";
import fs from "node:fs";
import Database from "better-sqlite3";
import { databaseFileFromEnvironment } from "./index";
import { backupDatabase, checkBackup } from "./backup";

const usage = "Gebruik: npm run backup -- --to pad/naar/back-up.sqlite";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let to: string | undefined;
try {
  ({ values: { to } } = parseArgs({ options: { to: { type: "string" } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (!to) fail(usage);
const databaseFile = databaseFileFromEnvironment();
if (!fs.existsSync(databaseFile)) fail(`Er is geen database op ${databaseFile} (DATABASE_PATH).`);
if (fs.existsSync(to)) fail(`${to} bestaat al; kies een nieuwe naam, zodat geen back-up wordt overschreven.`);

const source = new Database(databaseFile, { fileMustExist: true });
source.pragma("busy_timeout = 5000");
try {
  const started = Date.now();
  const { bytes } = await backupDatabase({ source, to, sameConnectionAsWriter: false });
  const check = checkBackup({ file: to });
  if (!check.ok) fail(`De back-up ${to} is gemaakt maar afgekeurd: ${check.reason}`);
  console.log(`Back-up gemaakt: ${to} (${(bytes / 1_048_576).toFixed(1)} MB, ${Date.now() - started} ms, integriteit in orde).`);
} catch (error) {
  fail(`De back-up is mislukt: ${(error as Error).message}`);
} finally {
  source.close();
}
