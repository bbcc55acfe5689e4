// `npm run restore -- FILE`: puts a backup in the place of the installation's database
// (DATABASE_PATH) while the server is stopped, after an integrity check and a check that this
// version of Agendawerk knows every migration in it. The replaced database is kept beside it.
import { parseArgs } from "node:util";
import { databaseFileFromEnvironment } from "./index";
import { restoreDatabase } from "./backup";

const usage = "Gebruik: npm run restore -- pad/naar/back-up.sqlite   (met de server gestopt)";

let file: string | undefined;
try {
  ({ positionals: [file] } = parseArgs({ allowPositionals: true, strict: true }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!file) {
  console.error(usage);
  process.exit(2);
}
const databaseFile = databaseFileFromEnvironment();
try {
  const { keptAs, check } = restoreDatabase({ from: file, databaseFile });
  console.log(`Hersteld: ${databaseFile} is nu de back-up ${file} (integriteit in orde).`);
  if (check.ok && check.pendingMigrations) console.log(`${check.pendingMigrations} nieuwere migratie(s) worden bij de volgende start toegepast.`);
  if (keptAs) console.log(`De vervangen database staat in ${keptAs}.`);
} catch (error) {
  console.error(`Herstellen niet gedaan: ${(error as Error).message}`);
  process.exit(1);
}
