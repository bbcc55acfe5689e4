// Benchmark of the national totals (/landelijk, docs/decisions/033-national-results.md) on 28 regions x
// 500 items, each with one or two links, a baseline and 8 quarters of measurements: the cold build of the
// summary (every item stale, as after migration 0025), the time of getNationalResults (the loader's whole
// work: the summary summed per quarter, names; the target: p95 < 100 ms), and one change (a measurement
// written and its item's summary rebuilt, in one transaction) with the read after it, and a rating added
// (every item linked to its innovation rebuilt).
// A script, not a test: `npx tsx tests/bench/national.bench.ts` (or `npm run bench -- --only=national`);
// results go to stdout and tests/bench/results/national.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type Db } from "../../db";
import { seedReferenceData } from "../../db/seed";
import { loadPrincipal } from "../../app/models/session.server";
import { getNationalResults, shownQuarters } from "../../app/models/national-results.server";
import { syncNationalSummary } from "../../app/models/national-summary.server";
import { shiftPeriod } from "../../app/domain/periods";
import { round, summary } from "./lib/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const REGIONS = 28;
const ITEMS = 500;
const QUARTERS = 8;
const now = new Date("2026-12-15T12:00:00Z");

/** Links with a figure from the reference catalogue, cycled over the items (the shapes a region states). */
const SHAPES = [
  { slug: "slim-incontinentiemateriaal", unit: "fte", task: 4, events: null },
  { slug: "spraakgestuurd-rapporteren", unit: "fte", task: 3, events: null },
  { slug: "medicijndispenser", unit: "clients", task: null, events: null },
  { slug: "beeldzorg-wijkverpleging", unit: "clients", task: null, events: 3 },
] as const;

function bigWorld(db: Db) {
  const c = db.$client;
  const quarters = shownQuarters(now, QUARTERS);
  const inn = c.prepare("SELECT id FROM innovations WHERE slug = ?").pluck();
  const shapes = SHAPES.map((s) => ({ ...s, id: inn.get(s.slug) as number }));
  const mechanisms = ["prevention", "substitution", "working-differently", null];
  c.transaction(() => {
    const adviser = Number(c.prepare("INSERT INTO users (email, name, kind) VALUES ('bench-national@example.nl', 'Bench', 'adviser')").run().lastInsertRowid);
    const regions = c.prepare("SELECT id FROM regions ORDER BY id LIMIT ?").pluck().all(REGIONS) as number[];
    const insAgenda = c.prepare("INSERT INTO agendas (region_id, title, period) VALUES (?, ?, '2026-2028')");
    const insItem = c.prepare("INSERT INTO agenda_items (id, agenda_id, position, title, status, mechanism, changed_at) VALUES (?, ?, ?, ?, ?, ?, 0)");
    const insLink = c.prepare(
      "INSERT INTO item_innovations (agenda_id, item_id, innovation_id, reach, reach_unit, task_hours_per_week, events_per_week, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insMeasure = c.prepare(
      "INSERT INTO measurements (agenda_id, item_id, kind, value, unit, hours_per_week, profession, team, period, source, created_at) VALUES (?, ?, ?, ?, 'hours_per_week', ?, ?, '', ?, 'import', ?)",
    );
    const insStatus = c.prepare("INSERT INTO item_status_changes (agenda_id, item_id, from_status, status, lesson_learned, changed_at) VALUES (?, ?, 'in_uitvoering', 'gestopt', 'bench', ?)");
    for (const [r, region] of regions.entries()) {
      const agenda = Number(insAgenda.run(region, `Benchagenda ${r}`).lastInsertRowid);
      for (let i = 0; i < ITEMS; i++) {
        const id = `nat-${r}-${i}`;
        const stopped = i % 50 === 0;
        insItem.run(id, agenda, i, `Punt ${i}`, stopped ? "gestopt" : "in_uitvoering", mechanisms[i % 4]);
        const created = new Date(`2025-0${1 + (i % 9)}-15T12:00:00Z`).getTime();
        for (let k = 0; k < 1 + (i % 2); k++) {
          const s = shapes[(i + k + r) % shapes.length];
          insLink.run(agenda, id, s.id, 20 + (i % 40), s.unit, s.task, s.events, created);
        }
        if (stopped) insStatus.run(agenda, id, new Date("2026-04-15T12:00:00Z").getTime());
        const profession = i % 3 === 0 ? "verzorgende" : "";
        insMeasure.run(agenda, id, "baseline", 400, 400, profession, shiftPeriod(quarters[0], -1), created);
        for (const [qi, p] of quarters.entries()) {
          const v = 400 - qi * (1 + (i % 5));
          insMeasure.run(agenda, id, "measurement", v, v, profession, p, created + qi);
        }
      }
    }
    return adviser;
  })();
  return loadPrincipal({ db, userId: c.prepare("SELECT id FROM users WHERE email = 'bench-national@example.nl'").pluck().get() as number })!;
}

/** Wall time per read, and the process's CPU time per read: on the shared machine the wall time's tail is the scheduler's. */
function time(db: Db, actor: ReturnType<typeof bigWorld>, rounds: number) {
  getNationalResults({ db, actor, now });
  const [wall, cpu]: number[][] = [[], []];
  for (let i = 0; i < rounds; i++) {
    const [t, u] = [performance.now(), process.cpuUsage()];
    getNationalResults({ db, actor, now });
    wall.push(performance.now() - t);
    const used = process.cpuUsage(u);
    cpu.push((used.user + used.system) / 1000);
  }
  return { nationalMs: summary(wall), nationalCpuMs: summary(cpu) };
}

/** The whole summary from scratch: emptied, every item listed stale (as migration 0025 leaves it), synced. */
function coldBuilds(db: Db, rounds: number) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    db.$client.exec("DELETE FROM national_summary; DELETE FROM national_summary_items; INSERT OR IGNORE INTO national_summary_stale SELECT id FROM agenda_items");
    const t = performance.now();
    syncNationalSummary({ db });
    samples.push(performance.now() - t);
  }
  return summary(samples);
}

/** A measurement written as the model writes one (insert and sync in one transaction), then the read. */
function oneChange(db: Db, actor: ReturnType<typeof bigWorld>, rounds: number) {
  const c = db.$client;
  const quarter = shownQuarters(now, 1)[0];
  const insert = c.prepare("INSERT INTO measurements (agenda_id, item_id, kind, value, unit, hours_per_week, period, source, created_at) SELECT agenda_id, id, 'measurement', 350, 'hours_per_week', 350, ?, 'hand', ? FROM agenda_items WHERE id = ?");
  const [write, read]: number[][] = [[], []];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    c.transaction(() => {
      insert.run(quarter, now.getTime() + i, `nat-${i % REGIONS}-${1 + i}`);
      syncNationalSummary({ db });
    })();
    write.push(performance.now() - t);
    t = performance.now();
    getNationalResults({ db, actor, now });
    read.push(performance.now() - t);
  }
  return { changeMs: summary(write), readAfterChangeMs: summary(read) };
}

/** A rating added to an innovation a quarter of the links use: every item linked to it is rebuilt. */
function ratingChange(db: Db, rounds: number) {
  const c = db.$client;
  const innovationId = c.prepare("SELECT id FROM innovations WHERE slug = ?").pluck().get(SHAPES[0].slug);
  const copy = c.prepare("INSERT INTO innovation_ratings (innovation_id, unit, task_name, task_hours_per_week, low, expected, high, evidence_level, source, kind) SELECT innovation_id, unit, task_name, task_hours_per_week, low, expected, high, evidence_level, 'bench', kind FROM innovation_ratings WHERE innovation_id = ? AND kind = 'labour_saved' LIMIT 1");
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    c.transaction(() => {
      copy.run(innovationId);
      syncNationalSummary({ db });
    })();
    samples.push(performance.now() - t);
  }
  return { ratingChangeMs: summary(samples), itemsPerRatingChange: c.prepare("SELECT count(DISTINCT item_id) FROM item_innovations WHERE innovation_id = ?").pluck().get(innovationId) };
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-bench-national-"));
  const db = openDatabase({ file: path.join(dir, "bench.sqlite") });
  try {
    seedReferenceData({ db });
    const actor = bigWorld(db);
    const c = db.$client;
    c.exec("ANALYZE");
    const counts = {
      regions: REGIONS,
      items: c.prepare("SELECT count(*) FROM agenda_items").pluck().get(),
      links: c.prepare("SELECT count(*) FROM item_innovations").pluck().get(),
      measurements: c.prepare("SELECT count(*) FROM measurements").pluck().get(),
    };
    const rounds = quick ? 10 : 40;
    const coldBuildMs = coldBuilds(db, quick ? 1 : 3);
    const summaryRows = c.prepare("SELECT count(*) FROM national_summary").pluck().get();
    const r = getNationalResults({ db, actor, now });
    const last = r.total[r.total.length - 1];
    const reads = time(db, actor, rounds);
    const cases = [{ case: `${REGIONS}x${ITEMS}`, ...counts, summaryRows, quarters: QUARTERS, coldBuildMs, ...reads, ...oneChange(db, actor, quick ? 10 : 20), ...ratingChange(db, quick ? 1 : 3) }];
    const result = {
      date: new Date().toISOString(),
      quick,
      cases,
      check: { projectedHours: round(last.projected.expected, 0), realisedHours: round(last.realised, 0), measuredItems: last.measuredItems },
    };
    fs.mkdirSync(path.join(here, "results"), { recursive: true });
    fs.writeFileSync(path.join(here, "results/national.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
