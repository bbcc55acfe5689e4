// `npm run admin:create -- --email x@y.nl [--name "..."]`: makes an administrator without a usable
// password and prints a one-time link to set one. This is how a production start (PUBLIC_URL set,
// no demo data) gets its first administrator; run again for an existing administrator whose link
// expired, it prints a new link and the old one stops working.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { databaseFileFromEnvironment, openDatabase } from "./index";
import { users } from "./schema";
import { createUser } from "../app/models/user.server";
import { createSetupToken, PASSWORD_TOKEN_TTL_MS } from "../app/models/account.server";
import { passwordLink } from "../app/utils/password-links.server";

const usage = 'Gebruik: npm run admin:create -- --email naam@organisatie.nl [--name "Voornaam Achternaam"]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let values: { email?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const email = z.string().trim().toLowerCase().email().max(254).safeParse(values.email ?? "");
if (!email.success) fail(`Geef een geldig e-mailadres met --email.\n${usage}`);
const name = (values.name ?? email.data.split("@")[0]).trim().slice(0, 200) || email.data;

// The same database file as server.ts, migrated to the current schema first.
const db = openDatabase({ file: databaseFileFromEnvironment() });
try {
  const existing = db.select({ id: users.id, kind: users.kind }).from(users).where(eq(users.email, email.data)).get();
  if (existing && existing.kind !== "admin") fail(`${email.data} bestaat al en is geen beheerder; pas dit aan op Beheer → Gebruikers.`);
  const userId = existing?.id ?? (await createUser({ db, actorId: null, email: email.data, name, password: null, kind: "admin", organisationId: null }));
  const token = createSetupToken({ db, userId });
  const origin = `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(existing ? `Beheerder ${email.data} bestaat al: een nieuwe link is gemaakt (eerdere links werken niet meer).` : `Beheerder ${email.data} is aangemaakt.`);
  console.log(`Eenmalige link om het wachtwoord in te stellen (${PASSWORD_TOKEN_TTL_MS / 3_600_000} uur geldig):`);
  console.log(passwordLink({ token, origin }));
} finally {
  db.$client.close();
}
