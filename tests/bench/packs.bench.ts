// Benchmark of the board pack (app/board-pack, decision 011): a proposal of 20 ranked items, each with
// a plan, linked innovations with savings and open barriers (texts from the demo agendas, the context
// frozen as createProposal freezes it), made as a PDF and as a Word file the way a user gets them:
// through the job queue (requestPackJob until the file is done), cold (the pack cache cleared before
// each render) and from the cache; the render alone in this process; and what a cheap HTTP request
// to the same process waits meanwhile (the event loop must stay free: rendering is in a worker).
// A script, not a test: `npx tsx tests/bench/packs.bench.ts` (or `npm run bench -- --only=packs`);
// results go to stdout and tests/bench/results/packs.json.
import fs from "node:fs";
import http from "node:http";
import { monitorEventLoopDelay, performance as perf } from "node:perf_hooks";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { demoAgendas } from "../../db/seed/demo-agendas";
import { demoBarriers } from "../../db/seed/demo-barriers";
import { castVote, createProposal, getProposal } from "../../app/models/approvals.server";
import { buildBoardPack } from "../../app/models/board-pack.server";
import { boardPackDocument } from "../../app/board-pack/render";
import { packJobFile, packJobsIdle, requestPackJob, resetPackJobs } from "../../app/board-pack/jobs.server";
import { packFormats, type BoardPackData, type PackFormat } from "../../app/board-pack/types";
import { renderTaggedPdf } from "../../app/documents/tagged-pdf";
import { renderDocx } from "../../app/documents/docx";
import type { Principal } from "../../app/domain/permissions";
import { startRouteWorld } from "../support/route-calls";
import { round, summary } from "./lib/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const ITEMS = 20;

/** 20 items recombined from the demo agendas' items, each with its innovations and two open barriers. */
async function packWorld() {
  const w = await startRouteWorld();
  const region = w.make.region("amsterdam");
  const demo = demoAgendas.flatMap((a) => a.items);
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const { links: _links, ...item } = demo[i % demo.length];
    const other = demo[(i + 3) % demo.length];
    return { ...item, status: "prioriteit" as const, title: `${item.title} (${i + 1})`, plan: [...(item.plan ?? []), ...(other.plan ?? [])] };
  });
  const agenda = w.make.agenda({ region, items });
  const coordinator = w.make.member(region, "coordinator");
  const board = Array.from({ length: 7 }, (_, i) => w.make.member(region, "board", { name: `Bestuurslid ${i + 1}` }));
  const linked = demo.flatMap((d) => d.links ?? []);
  agenda.itemIds.forEach((itemId, i) => {
    const pair = [linked[i % linked.length], linked[(i + 2) % linked.length]];
    for (const l of pair.filter((l, j) => j === 0 || l.innovation !== pair[0].innovation)) {
      w.make.link({ agenda, itemId, innovation: l.innovation, reach: l.reach, reachUnit: l.unit, taskHoursPerWeek: l.taskHoursPerWeek ?? null, eventsPerWeek: l.eventsPerWeek ?? null });
    }
    for (const b of [demoBarriers[i % demoBarriers.length], demoBarriers[(i + 5) % demoBarriers.length]]) {
      w.make.barrier({ agenda, itemId, createdBy: coordinator.id, typeKey: b.typeKey, severity: b.severity, level: b.level, description: b.description });
    }
  });
  const created = await createProposal({
    db: w.db,
    createVersion: (a) => w.collab.createVersion(a),
    agendaId: agenda.id,
    actor: coordinator.principal(),
    rankedItemIds: agenda.itemIds,
    deadline: new Date(Date.now() + 14 * 86_400_000),
  });
  if (!created.ok) throw new Error(created.error);
  board.slice(0, 5).forEach((b, i) =>
    castVote({ db: w.db, proposalId: created.proposalId, actor: b.principal(), value: "akkoord", reason: i % 2 ? "Past bij de regiovisie en het budget." : undefined }),
  );
  const proposal = getProposal({ db: w.db, proposalId: created.proposalId })!;
  return { w, proposal, actor: board[0].principal() };
}

/** A cheap HTTP request to this process every 10 ms while `during` runs: what the server's other requests wait. */
async function probeWhile(during: () => Promise<unknown>) {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const samples: number[] = [];
  // Beside the request's time, the event loop's own delay: a request slowed while the loop is free
  // waited for a core (the worker's render on a loaded machine), not for this thread.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let busy = 0;
  loop.enable();
  const busyBefore = perf.eventLoopUtilization();
  let running = true;
  const probe = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(url)).text();
      samples.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await probe;
    loop.disable();
    busy = perf.eventLoopUtilization(busyBefore).utilization;
    server.close();
  }
  return { ...summary(samples), eventLoopDelayP99: round(loop.percentile(99) / 1e6), loopBusyPercent: round(busy * 100, 1) };
}

/** One pack as a user gets it: asked for, then waited for until the file is there. */
async function viaQueue(actor: Principal, proposalId: number, regionId: number, format: PackFormat, data: BoardPackData) {
  const t = performance.now();
  const result = requestPackJob({ actor, proposalId, regionId, format, data });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  await packJobsIdle();
  const file = packJobFile(result.job);
  if (!file) throw new Error(`pack failed: ${result.job.render.error}`);
  return { ms: performance.now() - t, bytes: file.length, reused: result.reused };
}

async function main() {
  const reps = quick ? 3 : 10;
  const { w, proposal, actor } = await packWorld();
  try {
    const data = buildBoardPack({ proposal, locale: "nl" });
    const spec = boardPackDocument(data);
    const formats: Record<string, unknown> = {};
    for (const format of packFormats) {
      const render = format === "pdf" ? renderTaggedPdf : renderDocx;
      // The first render in a fresh process loads the library and its fonts.
      let t = performance.now();
      await render(spec);
      const firstInProcessMs = round(performance.now() - t);
      const inProcess: number[] = [];
      for (let i = 0; i < reps; i++) {
        t = performance.now();
        await render(spec);
        inProcess.push(performance.now() - t);
      }
      // The first pack of the format through the queue: the worker starting (for the first format)
      // and loading the format's library.
      resetPackJobs();
      const first = await viaQueue(actor, proposal.id, proposal.regionId, format, data);
      const cold: number[] = [];
      let bytes = 0;
      const probeMs = await probeWhile(async () => {
        for (let i = 0; i < reps; i++) {
          // No cache hit: every render is made anew, as for a proposal whose content just changed.
          resetPackJobs();
          const r = await viaQueue(actor, proposal.id, proposal.regionId, format, data);
          if (r.reused) throw new Error("cold render was a cache hit");
          cold.push(r.ms);
          bytes = r.bytes;
        }
      });
      const cached: number[] = [];
      for (let i = 0; i < reps; i++) {
        // Another user asks for the pack already made: handed out from the cache.
        resetPackJobs();
        await viaQueue(actor, proposal.id, proposal.regionId, format, data);
        const other = { ...actor, id: actor.id + 1000 + i };
        const r = await viaQueue(other, proposal.id, proposal.regionId, format, data);
        if (!r.reused) throw new Error("cached render was not a cache hit");
        cached.push(r.ms);
      }
      formats[format] = { bytes, firstMs: round(first.ms), coldMs: summary(cold), cachedMs: summary(cached), renderInProcessMs: summary(inProcess), firstInProcessMs, probeDuringColdMs: probeMs };
    }
    const probeAloneMs = await probeWhile(() => new Promise((r) => setTimeout(r, quick ? 1000 : 3000)));
    const results = {
      benchmark: "packs",
      at: new Date().toISOString(),
      node: process.version,
      machine: { cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0]) },
      note: "firstMs: the first pack of the format through the queue in this process (for the first format, pdf, the renderer worker starting; for each, its library loading); coldMs: requestPackJob until the file is done, the pack cache cleared before each (what a user waits for a pack whose content changed, the worker running); cachedMs: the same pack asked for by another user (a cache hit); renderInProcessMs: renderTaggedPdf/renderDocx alone in this process after a first render; probe*: a GET to an HTTP server in this process every 10 ms, during the cold renders and alone, with the event loop's delay p99 and its utilisation (the main thread's share of busy time) meanwhile",
      world: { items: spec.blocks.filter((b) => b.type === "h3").length, blocks: spec.blocks.length, votes: proposal.votes.length },
      formats,
      probeAloneMs,
    };
    const json = JSON.stringify(results, null, 2);
    fs.mkdirSync(path.join(here, "results"), { recursive: true });
    fs.writeFileSync(path.join(here, "results", "packs.json"), json + "\n");
    console.log(json);
  } finally {
    await packJobsIdle();
    resetPackJobs();
    await w.stop();
  }
}

// Runs when started as a script; importing it runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
