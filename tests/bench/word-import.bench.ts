// Benchmark of the Word import (decision 034) on a 50-page agenda (tests/support/word-documents.ts):
// the server's part of the two steps a coordinator waits for, on a temp database with the real
// collaboration server: converting and keeping the preview (readWordUpload + createWordImport), and
// writing it into the live document through the room with its version (confirmWordImport). Target:
// the two together < 3 s. A script, not a test: `npx tsx tests/bench/word-import.bench.ts [--quick]`;
// results go to stdout and tests/bench/results/word-import.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { confirmWordImport, createWordImport, getWordImport, readWordUpload } from "../../app/models/word-import.server";
import { longAgenda } from "../support/word-documents";
import { startRouteWorld } from "../support/route-calls";
import { round, summary } from "./lib/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const rounds = process.argv.includes("--quick") ? 3 : 10;
const PAGES = 50;

const world = await startRouteWorld();
try {
  const region = world.make.region("amsterdam");
  const actor = world.make.member(region, "coordinator").principal();
  const bytes = await longAgenda(PAGES);
  const convert: number[] = [];
  const apply: number[] = [];
  const total: number[] = [];
  let items = 0;
  for (let r = 0; r < rounds + 1; r++) {
    const agenda = world.make.agenda({ region, items: [{ title: "Bestaand punt", plan: ["Tekst."] }] });
    const scope = { id: agenda.id, regionId: agenda.regionId };
    const t0 = performance.now();
    const read = await readWordUpload(bytes);
    if (!read.ok) throw new Error(read.error.key);
    const id = createWordImport({ db: world.db, actor, agenda: scope, fileName: "lang.docx", fileSize: bytes.length, doc: read.doc });
    const t1 = performance.now();
    const view = getWordImport({ db: world.db, actor, agenda: scope, importId: id })!;
    const result = await confirmWordImport({
      db: world.db,
      actor,
      agenda: scope,
      importId: id,
      edits: { includeIntro: view.draft.includeIntro, items: view.draft.items },
      changeAgenda: (change) => world.collab.changeAgenda({ agendaId: agenda.id, actor, change }),
    });
    const t2 = performance.now();
    if (!result.ok) throw new Error(result.error);
    items = result.items;
    // The first round warms up mammoth and the room server.
    if (r === 0) continue;
    convert.push(t1 - t0);
    apply.push(t2 - t1);
    total.push(t2 - t0);
  }
  const out = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`,
    document: { pages: PAGES, bytes: bytes.length, items },
    rounds,
    convertMs: summary(convert),
    applyMs: summary(apply),
    totalMs: summary(total),
    target: "total < 3000 ms",
    met: summary(total).p95 < 3000,
  };
  console.log(JSON.stringify(out, null, 2));
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results/word-import.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`word import, ${PAGES} pages: total p50 ${round(summary(total).p50)} ms, p95 ${round(summary(total).p95)} ms`);
} finally {
  await world.stop();
}
