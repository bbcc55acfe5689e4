// Benchmark of the bottleneck flags at 200 and 500 items per region: a cold recompute of all 28
// regions from SQLite (a new runner: load, prepare, evaluate, order), the rules alone when the minute
// turns (every region re-evaluated from kept rows), the incremental path (one region's item changed:
// that region reloaded and re-evaluated) and a page view with nothing changed.
// A script, not a test: `npx tsx tests/bench/flags.bench.ts`. Data are generated with a fixed seed
// into a temp SQLite file; results (p50/p95 in ms) go to stdout and tests/bench/results/flags.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openDatabase, type Db } from "../../db";
import { sqlFlagSource } from "../../app/models/flags.server";
import { FlagRunner, toFlag } from "../../app/domain/flags/runner";
import { prepareRegion, prepareShared } from "../../app/domain/flags/region";
import { nationalRules, regionRules } from "../../app/domain/flags/rules";
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import { percentile, round, seededRandom } from "./lib/stats";
import regionsJson from "../../db/reference/regions.json" with { type: "json" };
import barrierTypesJson from "../../db/reference/barrier-types.json" with { type: "json" };

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = 20260615;
const NOW = Date.parse("2026-06-15T10:00:00Z");

const stats = (samples: number[]) => ({ n: samples.length, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) });

/** 28 regions × `itemsPerRegion` items with innovation links, ratings, barriers, proposals, votes and decisions. */
export function generate(db: Db, itemsPerRegion: number) {
  const rand = seededRandom(SEED + itemsPerRegion);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const c = db.$client;
  const itemStatuses = ["idee", "voorgesteld", "prioriteit", "prioriteit", "in_uitvoering", "opgeschaald", "gestopt"] as const;
  const units = ["hours_per_week_per_client", "hours_per_week_per_fte", "pct_task_time"] as const;
  const counts = { items: 0, links: 0, ratings: 0, barriers: 0, proposals: 0, votes: 0 };
  c.transaction(() => {
    const insRegion = c.prepare("INSERT INTO regions (slug, name, care_workers, saving_target, saving_target_unit) VALUES (?, ?, ?, ?, 'fte')");
    const insUser = c.prepare("INSERT INTO users (email, name, kind) VALUES (?, ?, 'member')");
    const insType = c.prepare("INSERT INTO barrier_types (key, name_nl, name_en, scope_hint, origin) VALUES (?, ?, ?, ?, ?)");
    const insInnovation = c.prepare("INSERT INTO innovations (slug, name_nl, name_en, kind, mechanism) VALUES (?, ?, ?, 'technological', 'substitution')");
    const insRating = c.prepare(
      "INSERT INTO innovation_ratings (innovation_id, unit, task_hours_per_week, low, expected, high, evidence_level, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
    );
    const insAgenda = c.prepare("INSERT INTO agendas (region_id, title, period, status, created_at) VALUES (?, ?, '2026-2028', ?, ?)");
    const insItem = c.prepare(
      `INSERT INTO agenda_items (id, agenda_id, position, title, status, lead_organisation, end_date, why, professionals_involved, changed_at, progress_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLink = c.prepare("INSERT INTO item_innovations (agenda_id, item_id, innovation_id, reach, reach_unit) VALUES (?, ?, ?, ?, ?)");
    const insBarrier = c.prepare(
      `INSERT INTO barriers (agenda_id, item_id, type_key, severity, level, description, status, quote, created_by, created_at)
       VALUES (?, ?, ?, ?, 'regio', 'Belemmering', ?, 'passage', ?, ?)`,
    );
    const insVersion = c.prepare("INSERT INTO agenda_versions (agenda_id, kind, state, created_at) VALUES (?, 'before_proposal', x'00', ?)");
    const insProposal = c.prepare(
      `INSERT INTO priority_proposals (agenda_id, proposed_by, version_id, ranked_items, frozen_items, decision_rule, board_size, deadline, status, created_at)
       VALUES (?, ?, ?, '[]', '[]', '{"kind":"consent","quorum":0.5}', 5, ?, ?, ?)`,
    );
    const insVote = c.prepare("INSERT INTO votes (proposal_id, user_id, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    const insAdopted = c.prepare("INSERT INTO adopted_versions (agenda_id, proposal_id, version_id, adopted_at) VALUES (?, ?, ?, ?)");

    const userIds = Array.from({ length: 5 }, (_, i) => Number(insUser.run(`bench${i}@example.nl`, `Bench ${i}`).lastInsertRowid));
    for (const t of barrierTypesJson.types) insType.run(t.key, t.nl, t.en, t.scope_hint, t.from);
    const typeKeys = barrierTypesJson.types.map((t) => t.key);
    const innovationIds: number[] = [];
    for (let i = 0; i < 60; i++) {
      const id = Number(insInnovation.run(`bench-innovation-${i}`, `Innovatie ${i}`, `Innovation ${i}`).lastInsertRowid);
      innovationIds.push(id);
      // A few innovations stay unrated, as in real life.
      const n = i % 10 === 0 ? 0 : 1 + Math.floor(rand() * 4);
      for (let r = 0; r < n; r++) {
        const unit = pick(units);
        const expected = unit === "pct_task_time" ? 5 + rand() * 30 : 0.1 + rand() * 2;
        insRating.run(id, unit, unit === "pct_task_time" ? 2 + rand() * 10 : null, expected * 0.5, expected, expected * 1.5, 1 + Math.floor(rand() * 4));
        counts.ratings++;
      }
    }
    regionsJson.regions.forEach((region, r) => {
      const regionId = Number(insRegion.run(region.slug, region.name, rand() < 0.5 ? 20_000 + Math.floor(rand() * 60_000) : null, rand() < 0.2 ? 500 + rand() * 3000 : null).lastInsertRowid);
      const agendaId = Number(insAgenda.run(regionId, `Agenda ${region.name}`, rand() < 0.8 ? "actief" : "concept", NOW - 200 * DAY_MS).lastInsertRowid);
      for (let i = 0; i < itemsPerRegion; i++) {
        const id = `r${r}-i${i}`;
        const status = pick(itemStatuses);
        insItem.run(
          id,
          agendaId,
          i,
          `Agendapunt ${i} van ${region.name}`,
          status,
          rand() < 0.1 ? "" : "Zorgorganisatie",
          rand() < 0.7 ? `202${5 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-15` : null,
          rand() < 0.15 ? "" : "Omdat het zorgmedewerkers tijd geeft.",
          pick(["ja", "deels", "nee", null]),
          ...[NOW - Math.floor(rand() * 120) * DAY_MS].flatMap((changed) => [changed, changed - Math.floor(rand() * 60) * DAY_MS]),
        );
        counts.items++;
        const links = rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 2);
        for (let l = 0; l < links; l++) {
          insLink.run(agendaId, id, pick(innovationIds), Math.floor(10 + rand() * 2000), rand() < 0.5 ? "clients" : "fte");
          counts.links++;
        }
        if (rand() < 0.4) {
          insBarrier.run(agendaId, id, pick(typeKeys), pick(["laag", "middel", "hoog"]), pick(["open", "in_behandeling", "geescaleerd", "opgelost"]), pick(userIds), NOW - Math.floor(rand() * 90) * DAY_MS);
          counts.barriers++;
        }
      }
      // Each region: one decided proposal (half adopted) and one still open, some waiting long.
      for (const [status, age] of [
        [rand() < 0.5 ? "adopted" : "returned", 120],
        ["open", Math.floor(rand() * 60)],
      ] as const) {
        const versionId = Number(insVersion.run(agendaId, NOW - age * DAY_MS).lastInsertRowid);
        const proposalId = Number(insProposal.run(agendaId, userIds[0], versionId, NOW + 30 * DAY_MS, status, NOW - age * DAY_MS).lastInsertRowid);
        counts.proposals++;
        for (const u of userIds) {
          insVote.run(proposalId, u, pick(["akkoord", "bezwaar", "onthouding"]), NOW - age * DAY_MS, NOW - age * DAY_MS);
          counts.votes++;
        }
        if (status === "adopted") insAdopted.run(agendaId, proposalId, versionId, NOW - 100 * DAY_MS);
      }
    });
  })();
  c.exec("ANALYZE");
  return counts;
}

function time(fn: () => unknown) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Wall and CPU time of one call; CPU time says less about other processes sharing the two cores. */
function timeBoth(fn: () => unknown): [number, number] {
  const cpu = process.cpuUsage();
  const wall = time(fn);
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
}

/** A fixed integer loop, to tell a slow or busy machine from slow code when comparing runs. */
function calibrationMs() {
  const samples: number[] = [];
  for (let r = 0; r < 5; r++) {
    samples.push(
      time(() => {
        let s = 0;
        for (let i = 0; i < 1e7; i++) s += i % 7;
        return s;
      }),
    );
  }
  return round(percentile(samples, 50));
}

function runCase(itemsPerRegion: number, { fullIterations, pureIterations }: { fullIterations: number; pureIterations: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-bench-flags-"));
  const db = openDatabase({ file: path.join(dir, "flags.sqlite") });
  try {
    const counts = generate(db, itemsPerRegion);
    const source = sqlFlagSource(db);
    // In a read transaction, as the model runs it.
    const run = (runner: FlagRunner, at: number) => db.$client.transaction(() => runner.run(at))();
    const cold = () => {
      const set = run(new FlagRunner(source), NOW);
      set.all();
      return set;
    };
    const flags = cold().all();
    for (let i = 0; i < 3; i++) cold(); // warm-up: JIT and page cache
    const full: number[] = [];
    const fullCpu: number[] = [];
    for (let i = 0; i < fullIterations; i++) {
      const [wall, cpu] = timeBoth(cold);
      full.push(wall);
      fullCpu.push(cpu);
    }

    // Every rule over every region's prepared rows (what the old engine's evaluation did), with the
    // ordered list: the cost of re-evaluating everything, which the runner now does only at the
    // Dutch midnight or when shared inputs change.
    const shared = prepareShared(source.shared());
    const views = source.regions([...source.versions().regions.keys()]).map((rows) => prepareRegion(rows, shared));
    const today = dutchCalendarDay(NOW);
    const everything = () => {
      const hits = views.flatMap((view) => regionRules.flatMap((rule) => rule.evaluate({ view, now: NOW, today, wake: () => {} })));
      hits.push(...nationalRules.flatMap((rule) => rule.evaluate({ regions: views, shared, now: NOW })));
      return hits.length;
    };
    for (let i = 0; i < 20; i++) everything();
    const pure: number[] = [];
    const pureCpu: number[] = [];
    for (let i = 0; i < pureIterations; i++) {
      const [wall, cpu] = timeBoth(everything);
      pure.push(wall);
      pureCpu.push(cpu);
    }

    // One runner kept, as the server keeps it per database. The minute turns: only regions a rule
    // asked to be woken for (a threshold crossed, a score step) are evaluated again, from kept rows.
    const runner = new FlagRunner(source);
    run(runner, NOW).all();
    let minute = 0;
    const turn = () => run(runner, NOW + ++minute * 60_000).all();
    const evaluationsBefore = runner.stats.regionEvaluations;
    const minuteTurn: number[] = [];
    for (let i = 0; i < pureIterations; i++) minuteTurn.push(time(turn));
    const regionsPerMinute = (runner.stats.regionEvaluations - evaluationsBefore) / pureIterations;
    // Nothing changed, same minute: a page view's cost of the flags (one version query).
    const at = NOW + minute * 60_000;
    const unchanged: number[] = [];
    for (let i = 0; i < pureIterations; i++) unchanged.push(time(() => run(runner, at).all()));
    // One item of one region changed (the projection's write, outside the timing): that region is
    // reloaded and re-evaluated, the national rules rerun, the rest is kept.
    const items = db.$client.prepare("select id from agenda_items where agenda_id = (select min(id) from agendas) limit 50").pluck().all() as string[];
    const touch = db.$client.prepare("update agenda_items set title = title || '.' where id = ?");
    const oneRegion: number[] = [];
    const loadsBefore = runner.stats.regionLoads;
    for (let i = 0; i < Math.min(pureIterations, 100); i++) {
      touch.run(items[i % items.length]);
      oneRegion.push(time(() => run(runner, at).all()));
    }
    const regionLoadsPerChange = (runner.stats.regionLoads - loadsBefore) / Math.min(pureIterations, 100);
    // The same change seen from that region's page (agenda, region): runRegion loads and evaluates the
    // region only, the national rules over every region's open barriers (one query), its flags ordered.
    const regionId = db.$client.prepare("select region_id from agendas where id = (select min(id) from agendas)").pluck().get() as number;
    const pageRunner = new FlagRunner(source);
    db.$client.transaction(() => pageRunner.runRegion(at, regionId))();
    // A new runner (server start, or every region's view rebuilt after the ratings changed): one region.
    const onePageCold: number[] = [];
    for (let i = 0; i < fullIterations; i++) onePageCold.push(time(() => db.$client.transaction(() => new FlagRunner(source).runRegion(at, regionId))()));
    const onePage: number[] = [];
    for (let i = 0; i < Math.min(pureIterations, 100); i++) {
      touch.run(items[i % items.length]);
      onePage.push(time(() => db.$client.transaction(() => pageRunner.runRegion(at, regionId))()));
    }
    // For context: every flag's texts, figures and links built (what a CSV of all flags costs).
    const withTexts: number[] = [];
    for (let i = 0; i < Math.min(pureIterations, 40); i++) withTexts.push(time(() => run(runner, at).all().map((h) => toFlag(h, at))));
    const byRule: Record<string, number> = {};
    for (const f of flags) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    return {
      case: `28x${itemsPerRegion}`,
      data: { regions: 28, ...counts },
      flags: { total: flags.length, byRule },
      fullRecomputeMs: stats(full),
      fullRecomputeCpuMs: stats(fullCpu),
      pureEvaluationMs: stats(pure),
      pureEvaluationCpuMs: stats(pureCpu),
      minuteTurnMs: stats(minuteTurn),
      regionsEvaluatedPerMinute: regionsPerMinute,
      oneRegionChangedMs: stats(oneRegion),
      regionLoadsPerChange,
      oneRegionPageMs: stats(onePage),
      oneRegionPageColdMs: stats(onePageCold),
      unchangedMs: stats(unchanged),
      evaluationWithAllTextsMs: stats(withTexts),
    };
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const results = {
    benchmark: "flags",
    at: new Date().toISOString(),
    node: process.version,
    seed: SEED,
    note:
      "fullRecomputeMs = a new FlagRunner: versions, rows of all 28 regions (set-based SQL), prepare, every rule, ordered list; pureEvaluationMs = every rule over every region's prepared rows (no SQL, no ordering; the runner does this only at the Dutch midnight); minuteTurnMs = the kept runner one minute later each time (only regions due for a threshold crossing or score step re-evaluated; regionsEvaluatedPerMinute says how many), ordered list; oneRegionChangedMs = one item of one region changed: that region reloaded and re-evaluated, national rules rerun, ordered list; oneRegionPageMs = the same change as that region's page gets it (runRegion: that region only, national rules over every region's open barriers from one query); oneRegionPageColdMs = a new runner's runRegion (compare fullRecomputeMs); unchangedMs = nothing changed (version query, cached list); evaluationWithAllTextsMs = ordered list with every flag's texts, figures and links built (toFlag); *CpuMs = process CPU time (GC threads included)",
    machine: { cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0]), calibrationLoop1e7Ms: calibrationMs() },
    cases: [runCase(200, { fullIterations: 40, pureIterations: 300 }), runCase(500, { fullIterations: 40, pureIterations: 300 })],
  };

  const json = JSON.stringify(results, null, 2);
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "flags.json"), json + "\n");
  console.log(json);
}

// Runs when started as a script; importing it (to reuse `generate`) runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
