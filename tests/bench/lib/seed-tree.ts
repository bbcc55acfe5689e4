// A benchmark world made by another tree's database code (the `--baseline` commit's migrations,
// schema and session model): `seed-tree.ts <root> <dir> <size JSON>` prints the world as JSON.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { seedWith, type SeedModules } from "./seed";

const [root, dir, size] = process.argv.slice(2);
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
const modules = { database: await load("db/index.ts"), schema: await load("db/schema.ts"), sessions: await load("app/models/session.server.ts") } as SeedModules;
console.log(JSON.stringify(seedWith(modules, dir, JSON.parse(size))));
