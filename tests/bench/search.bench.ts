// Benchmark of search (/zoeken, docs/decisions/019-dutch-search.md): the time of search() (the
// loader's whole work: vocabulary look-ups, the FTS5 query with permissions, names and snippets)
// over a set of Dutch queries, on the demo data (the target: p95 < 100 ms) and on 28 regions x 500
// items; what the three designs considered find and cost; and the cost of reindexing one projected
// item, old triggers (0002, DELETE on an UNINDEXED column) against the new ones (rowid).
// A script, not a test: `npx tsx tests/bench/search.bench.ts` (or `npm run bench -- --only=search`);
// results go to stdout and tests/bench/results/search.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { eq } from "drizzle-orm";
import { openDatabase, registerSearchFunctions, schema, type Db } from "../../db";
import { seedDemoData } from "../../db/seed";
import { loadPrincipal } from "../../app/models/session.server";
import { search } from "../../app/models/search.server";
import { fold } from "../../app/domain/search-terms";
import type { Principal } from "../../app/domain/permissions";
import { migrationsBefore } from "../support/migrations";
import { round, summary } from "./lib/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");

/** What people type: compounds, plurals, inflections, two-word queries, a sector, an abbreviation. */
export const QUERIES = [
  "zorgtechnologie", "technologie", "financiën", "financiering", "bekostiging", "sensoren", "sensor",
  "wijkverpleging", "verpleegkundigen", "ouderenzorg", "digicoaches", "digitale vaardigheden", "beeldbellen",
  "telemonitoring hartfalen", "zorg op afstand", "medicatie", "cliënten", "aanbesteding", "opschaling",
  "huisarts", "ziekenhuis", "roosterruimte", "scholing", "leefstijl", "dementie", "valdetectie",
  "incontinentiemateriaal", "Wlz", "gegevensuitwisseling", "standaard", "zorgkantoor", "nachtdienst",
  "arbeidsbesparing", "personeelstekort", "thuiszorg", "verpleeghuizen", "coördinatie", "pilot", "ROC",
  "zorgmedewerkers tijd",
];

/** The three cases the issue names, checked on what each design returns. */
const EXPECTATIONS = [
  { q: "zorgtechnologie", finds: /(^|[^\p{L}])technologie/u, what: "zorgtechnologie finds technologie" },
  { q: "technologie", finds: /\p{L}technologie/u, what: "technologie finds a compound (…technologie)" },
  { q: "financiën", finds: /financiering/u, what: "financiën finds financiering" },
];

const byEmail = (db: Db, email: string) => loadPrincipal({ db, userId: db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()!.id })!;

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-bench-search-"));
}

/** Time of each call of fn over every query and principal, after a warm-up round. */
function timeQueries(fn: (q: string, p: Principal) => unknown, principals: Principal[], rounds: number) {
  for (const q of QUERIES) for (const p of principals) fn(q, p);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      for (const p of principals) {
        const t = performance.now();
        fn(q, p);
        samples.push(performance.now() - t);
      }
    }
  }
  return summary(samples);
}

/**
 * 28 regions x `items` items (texts recombined from the demo items, so the vocabulary is real),
 * with a barrier on every tenth item and a reply on each barrier; an adviser covers all regions.
 */
function scaleUp(db: Db, items: number) {
  const c = db.$client;
  const demo = c.prepare("SELECT title, action_line, lead_organisation, why, professionals_how, plan_text, sectors FROM agenda_items").all() as Array<Record<string, string>>;
  const demoBarriers = c.prepare("SELECT type_key, description, quote FROM barriers").all() as Array<Record<string, string>>;
  const author = c.prepare("SELECT id FROM users LIMIT 1").pluck().get() as number;
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  c.transaction(() => {
    const adviser = Number(c.prepare("INSERT INTO users (email, name, kind) VALUES ('bench-adviser@example.nl', 'Bench', 'adviser')").run().lastInsertRowid);
    for (let r = 0; r < 28; r++) {
      const region = Number(c.prepare("INSERT INTO regions (slug, name) VALUES (?, ?)").run(`bench-${r}`, `Benchregio ${r}`).lastInsertRowid);
      c.prepare("INSERT INTO adviser_coverage (user_id, region_id) VALUES (?, ?)").run(adviser, region);
      const agenda = Number(c.prepare("INSERT INTO agendas (region_id, title, period) VALUES (?, ?, '2026-2028')").run(region, `Innovatieagenda Benchregio ${r}`).lastInsertRowid);
      const insItem = c.prepare(
        `INSERT INTO agenda_items (id, agenda_id, position, title, action_line, lead_organisation, why, professionals_how, plan_text, sectors, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      );
      for (let i = 0; i < items; i++) {
        const [a, b, d] = [pick(demo, i), pick(demo, i + r + 1), pick(demo, i * 3 + r)];
        const id = `bench-${r}-${i}`;
        insItem.run(id, agenda, i, `${a.title} (${i})`, b.action_line, d.lead_organisation, b.why, a.professionals_how, `${a.plan_text}\n${d.plan_text}`, a.sectors);
        if (i % 10 === 0) {
          const bar = pick(demoBarriers, i + r);
          const barrier = Number(
            c.prepare("INSERT INTO barriers (agenda_id, item_id, type_key, severity, level, description, quote, created_by) VALUES (?, ?, ?, 'middel', 'regio', ?, ?, ?)")
              .run(agenda, id, bar.type_key, bar.description, bar.quote, author).lastInsertRowid,
          );
          c.prepare("INSERT INTO barrier_comments (barrier_id, author_id, body) VALUES (?, ?, ?)").run(barrier, author, `Navragen bij het zorgkantoor over ${bar.quote}`);
        }
      }
    }
  })();
  return loadPrincipal({ db, userId: c.prepare("SELECT id FROM users WHERE email = 'bench-adviser@example.nl'").pluck().get() as number })!;
}

const sizeOf = (c: Database.Database, prefix: string) =>
  round(((c.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?").pluck().get(`${prefix}%`) as number) ?? 0) / 1024, 0);

/** What the three designs find for the cases and what they cost, on the same documents. */
function compareDesigns(db: Db, principal: Principal) {
  const c = db.$client;
  // (a) 0002's design: words as prefixes, diacritics folded; the same rows, without stems or compounds.
  const prefixOnly = (q: string, limit: number) =>
    c.prepare("SELECT title || ' ' || body AS text FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ?").all(
      (q.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `{title body extra} : "${fold(w)}"*`).join(" AND "),
      limit,
    ) as Array<{ text: string }>;
  // (b) trigram tokenizer: any substring of three letters or more, no stems.
  let t = performance.now();
  c.exec(`CREATE VIRTUAL TABLE bench_trigram USING fts5(title, body, tokenize = 'trigram remove_diacritics 1');
          INSERT INTO bench_trigram (rowid, title, body) SELECT rowid, title, body FROM search_index;`);
  const trigramBuildMs = round(performance.now() - t);
  const trigram = (q: string, limit: number) =>
    c.prepare("SELECT title || ' ' || body AS text FROM bench_trigram WHERE bench_trigram MATCH ? ORDER BY bm25(bench_trigram) LIMIT ?").all(
      (q.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(" AND "),
      limit,
    ) as Array<{ text: string }>;
  // (c) ours: stems, reversed stems, compounds split on the vocabulary (rebuild timed like the migration's).
  t = performance.now();
  c.exec(`CREATE TABLE bench_rebuild AS SELECT search_stems(title, body, extra) AS s, search_suffixes(title, body, extra) AS r FROM search_index`);
  const oursAnalyseMs = round(performance.now() - t);
  const ours = (q: string, limit: number) => search({ db, actor: principal, q, limit }).map((h) => ({ text: `${h.title} ${h.snippet.map((p) => p.text).join("")}` }));
  const designs = { prefixOnly, trigram, ours } as const;
  const out: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(designs)) {
    out[name] = {
      // Found at all (not only on the first page of 50, which exact matches may fill).
      finds: Object.fromEntries(EXPECTATIONS.map((e) => [e.what, run(e.q, 10_000).some((r) => e.finds.test(fold(r.text)))])),
      hitsPerQuery: round(QUERIES.reduce((n, q) => n + run(q, 10_000).length, 0) / QUERIES.length, 1),
      queryMs: timeQueries((q) => run(q, 50), [principal], quick ? 3 : 10),
    };
  }
  out.indexKB = { ours: sizeOf(c, "search_index") + sizeOf(c, "search_docs"), trigram: sizeOf(c, "bench_trigram") };
  out.buildMs = { trigram: trigramBuildMs, oursAnalysisOnly: oursAnalyseMs };
  c.exec("DROP TABLE bench_trigram; DROP TABLE bench_rebuild;");
  return out;
}

/** One item and barrier for scaleUp to recombine: the reindex cost depends on the index's size, not on the words. */
function minimalSeed(sqlite: Database.Database) {
  sqlite.exec(`
    INSERT INTO regions (slug, name) VALUES ('seed', 'Seed');
    INSERT INTO users (email, name, kind) VALUES ('seed@example.nl', 'Seed', 'member');
    INSERT INTO barrier_types (key, name_nl, name_en, scope_hint, origin) VALUES ('financing', 'Bekostiging', 'Financing', 'national', 'bench');
    INSERT INTO agendas (region_id, title, period) VALUES (1, 'Seed', '2026');
    INSERT INTO agenda_items (id, agenda_id, position, title, plan_text, changed_at)
      VALUES ('seed', 1, 0, 'Slim incontinentiemateriaal', 'De financiering van de sensoren is nog niet geregeld voor de jaren na de pilot.', 0);
    INSERT INTO barriers (agenda_id, item_id, type_key, severity, level, description, quote, created_by)
      VALUES (1, 'seed', 'financing', 'hoog', 'landelijk', 'Na de pilot betaalt niemand de sensoren.', 'De financiering van de sensoren', 1);
  `);
}

/** One projected item rewritten, `n` times: the trigger's work per row, 0002's against ours. */
function reindexCost(items: number, n: number) {
  const result: Record<string, unknown> = {};
  for (const design of ["0002 (DELETE on UNINDEXED ref)", "0010 (rowid via search_docs)"] as const) {
    const dir = tempDir();
    try {
      const sqlite = new Database(path.join(dir, "bench.sqlite"));
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma("foreign_keys = ON");
      registerSearchFunctions(sqlite);
      const db = drizzle(sqlite, { schema }) as unknown as Db;
      migrate(db, { migrationsFolder: design.startsWith("0002") ? migrationsBefore(dir, "0010_search-dutch") : path.join(here, "../../db/migrations") });
      minimalSeed(sqlite);
      scaleUp(db, items);
      const update = sqlite.prepare("UPDATE agenda_items SET plan_text = plan_text || ? WHERE id = ?");
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const id = `bench-${i % 28}-${(i * 7) % items}`;
        const t = performance.now();
        update.run(` wijziging ${i}`, id);
        samples.push(performance.now() - t);
      }
      result[design] = { documents: sqlite.prepare("SELECT count(*) FROM search_index").pluck().get(), updateMs: summary(samples) };
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
}

async function runCase(name: string, items: number) {
  const dir = tempDir();
  const db = openDatabase({ file: path.join(dir, "bench.sqlite") });
  try {
    await seedDemoData({ db });
    const demoPrincipals = [
      byEmail(db, "adviseur@demo.agendawerk.nl"),
      byEmail(db, "werkgroep@demo.agendawerk.nl"),
      byEmail(db, "werkgroep.twente@demo.agendawerk.nl"),
    ];
    const principals = items > 0 ? [scaleUp(db, items)] : demoPrincipals;
    const documents = db.$client.prepare("SELECT kind, count(*) AS n FROM search_docs GROUP BY kind").all();
    const searchMs = timeQueries((q, p) => search({ db, actor: p, q }), principals, quick ? 5 : items > 0 ? 10 : 50);
    const designs = compareDesigns(db, principals[0]);
    return { case: name, documents, queries: QUERIES.length, principals: principals.length, searchMs, designs };
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results = {
    benchmark: "search",
    at: new Date().toISOString(),
    node: process.version,
    machine: { cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0]) },
    note: "searchMs: one search() call (what the /zoeken loader does after requireUser), per query and principal; designs: what each design finds for the issue's three cases, its hits per query (no limit) and query time for a first page of 50 (prefixOnly and trigram: the FTS5 query alone; ours: the whole search()); reindex: one projected item's UPDATE with its search triggers",
    cases: [await runCase("demo", 0), await runCase(`28x${quick ? 100 : 500}`, quick ? 100 : 500)],
    reindex: reindexCost(quick ? 100 : 500, quick ? 100 : 500),
  };
  const json = JSON.stringify(results, null, 2);
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "search.json"), json + "\n");
  console.log(json);
}

// Runs when started as a script; importing it runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
