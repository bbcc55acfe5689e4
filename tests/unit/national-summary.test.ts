// The national results' summary (decision 033) through every write path that moves it: links, hand
// entry and removal of measurements, an import, a status change, the catalogue (a way of saving, a
// rating), and the collaboration server's projection of items (new, stopped, deleted, restored). After
// each write no item is left stale (the write rebuilt the summary in its own transaction) and the
// result equals a recomputation from scratch; the figures must also have moved, so no step is idle. A
// write that skips the rebuild still reads right.
import fs from "node:fs";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import { factoryDatabase, type Factories } from "../support/factories";
import { getNationalResults } from "../../app/models/national-results.server";
import { syncNationalSummary } from "../../app/models/national-summary.server";
import { addLink, removeLink } from "../../app/models/savings.server";
import { addMeasurement, removeMeasurement } from "../../app/models/measurements.server";
import { confirmImport, createImport } from "../../app/models/measurement-imports.server";
import { readUpload } from "../../app/models/measurement-files.server";
import { changeItemStatus } from "../../app/models/execution.server";
import { addRating, updateInnovation } from "../../app/models/catalogue.server";
import { projectToReadModel } from "../../app/collab/projection.server";
import { addItem, removeItem } from "../../app/domain/agenda-doc";
import { measurementEntrySchema } from "../../app/forms/measurements";
import { ratingSchema } from "../../app/forms/catalogue";
import { parseForm } from "../../app/forms/validation";
import type { Period } from "../../app/domain/periods";

const quarters: Period[] = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
const quiet = { info() {}, warn() {}, error() {} };

let w: ReturnType<typeof factoryDatabase>;
let db: Db;
let make: Factories;
beforeEach(() => {
  w = factoryDatabase();
  db = w.db;
  make = w.make;
});
afterEach(() => w.cleanup());

function parsed<T>(schema: Parameters<typeof parseForm>[0], values: Record<string, string>): T {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  const r = parseForm(schema, f, "nl");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

/** Figures to 6 decimals: the summary and a recomputation add the same terms in another order. */
const rounded = (x: unknown): unknown =>
  typeof x === "number" ? Math.round(x * 1e6) / 1e6 || 0 : Array.isArray(x) ? x.map(rounded) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rounded(v)])) : x;

describe("the national results' summary", () => {
  it("is rebuilt by every write path in its transaction and equals a recomputation from scratch", async () => {
    const c = db.$client;
    const region = make.region("twente");
    const agenda = make.agenda({ region, items: [] });
    const ref = { id: agenda.id, regionId: region.id };
    const lead = make.member(region);
    const adviser = make.adviser([region]);
    const admin = make.admin();
    const innovation = c.prepare("SELECT id, slug, name_nl, description_nl, kind, mechanism, sectors, sources FROM innovations WHERE slug = 'slim-incontinentiemateriaal'").get() as Record<string, string> & { id: number };
    const doc = new Y.Doc();
    const project = () => projectToReadModel(db, agenda.id, doc, new Date(), quiet);
    const [a, b] = [addItem(doc, { title: "Incontinentie", status: "in_uitvoering" }), addItem(doc, { title: "Spraak", status: "in_uitvoering" })];

    const run = () => getNationalResults({ db, actor: adviser.principal(), quarters });
    // From the sources alone: the summary emptied and every item listed stale, inside a rolled-back savepoint.
    const recomputed = () => {
      let result: ReturnType<typeof run> | undefined;
      try {
        c.transaction(() => {
          c.exec("DELETE FROM national_summary; DELETE FROM national_summary_items; INSERT OR IGNORE INTO national_summary_stale SELECT id FROM agenda_items");
          result = run();
          throw new Error("roll back");
        })();
      } catch (e) {
        if (!result) throw e;
      }
      return result!;
    };
    // The factories' own inserts (no model function) leave their items stale, like a migrated database.
    syncNationalSummary({ db });
    let before = rounded(run());
    const step = async (path: string, write: () => unknown, moves = true) => {
      await write();
      expect(c.prepare("SELECT item_id FROM national_summary_stale").pluck().all(), path).toEqual([]);
      const now = rounded(run());
      expect(now, path).toEqual(rounded(recomputed()));
      if (moves) expect(now, `${path} moves the figures`).not.toEqual(before);
      before = now;
    };

    // New items without links or measurements count nowhere yet.
    await step("projection: new items", project, false);
    let link = 0;
    await step("link added", () => {
      const r = addLink({ db, actor: lead.principal(), agendaId: agenda.id, input: { intent: "add-link", itemId: a, innovationId: innovation.id, reach: 120, reachUnit: "fte", taskHoursPerWeek: 4, reachOrganisations: "", reachBy: null } });
      if (!r.ok) throw new Error(r.error);
      addLink({ db, actor: lead.principal(), agendaId: agenda.id, input: { intent: "add-link", itemId: b, innovationId: innovation.id, reach: 30, reachUnit: "fte", taskHoursPerWeek: 2, reachOrganisations: "", reachBy: null } });
      link = r.linkId;
    });
    const entry = (values: Record<string, string>) => parsed<Parameters<typeof addMeasurement>[0]["entry"]>(measurementEntrySchema, { intent: "add", kind: "measurement", unit: "hours_per_week", periodMode: "quarter", ...values });
    await step("baseline and measurement by hand", () => {
      addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: a, entry: entry({ kind: "baseline", value: "400", period: "2025-Q4" }) });
      addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: a, entry: entry({ value: "380", period: "2026-Q2" }) });
    });
    let late = 0;
    await step("a later measurement", () => {
      const r = addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: a, entry: entry({ value: "300", period: "2026-Q3" }) });
      if (!r.ok) throw new Error(r.error);
      late = r.id;
    });
    await step("measurement removed", () => removeMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: a, measurementId: late }));
    await step("import confirmed", async () => {
      addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: b, entry: entry({ kind: "baseline", value: "2000", period: "2025-Q4" }) });
      const table = await readUpload(new Uint8Array(fs.readFileSync("db/seed/rooster-voorbeeld.csv")));
      if (!table.ok) throw new Error(table.error.key);
      const created = createImport({ db, actor: lead.principal(), agenda: ref, itemId: b, kind: "measurement", fileName: "rooster-voorbeeld.csv", fileSize: 1, table });
      if (!created.ok) throw new Error(created.error);
      expect(confirmImport({ db, actor: lead.principal(), agenda: ref, itemId: b, importId: created.id }).ok).toBe(true);
    });
    await step("status history: stopped", () =>
      changeItemStatus({ db, doc, actor: lead.principal(), agenda: ref, itemId: b, input: { intent: "status", status: "gestopt", note: "", lessonLearned: "Te duur" } }),
    );
    await step("catalogue: the innovation's way of saving", () =>
      updateInnovation({ db, actor: admin.principal(), id: innovation.id, input: { intent: "create-innovation", nameNl: innovation.name_nl, nameEn: null, descriptionNl: innovation.description_nl, kind: innovation.kind as "technological", mechanism: "prevention", sectors: JSON.parse(innovation.sectors), costIndication: null, sources: JSON.parse(innovation.sources) } }),
    );
    await step("catalogue: a rating", () =>
      addRating({ db, actor: adviser.principal(), innovationId: innovation.id, input: parsed(ratingSchema, { intent: "add-rating", unit: "pct_task_time", taskName: "Verschonen", taskHoursPerWeek: "4", low: "50", expected: "60", high: "70", evidenceLevel: "4", source: "Proef 2026", quote: "Zestig procent minder.", sourceUrl: "https://example.org/proef", reporting: "first_hand" }) }),
    );
    // The status history already stopped it; the item's own status adds nothing.
    await step("projection: the stopped status reaches the item", project, false);
    await step("link removed", () => removeLink({ db, actor: lead.principal(), agendaId: agenda.id, linkId: link }));
    await step("projection: item deleted", () => {
      removeItem(doc, b);
      project();
    });
    await step("projection: item restored", () => {
      addItem(doc, { id: b, title: "Spraak", status: "in_uitvoering" });
      project();
    });

    // A write past the model functions leaves its item listed; the read takes its stored rows out and
    // puts it back recomputed, so the figures still follow the sources.
    c.prepare("INSERT INTO measurements (agenda_id, item_id, kind, value, unit, hours_per_week, period, source, created_at) VALUES (?, ?, 'measurement', 200, 'hours_per_week', 200, '2026-Q4', 'hand', 0)").run(agenda.id, a);
    expect(c.prepare("SELECT item_id FROM national_summary_stale").pluck().all()).toEqual([a]);
    expect(c.prepare("SELECT count(*) FROM national_summary_items WHERE item_id = ?").pluck().get(a)).toBeGreaterThan(0);
    const unsynced = rounded(run());
    expect(unsynced).toEqual(rounded(recomputed()));
    expect(unsynced).not.toEqual(before);
  });

  // The projection sets every column of an item whose text changed; only a change of what the
  // summary groups by may mark it stale, or every typed word would recompute national figures.
  it("marks an item stale only when its region, status or way of saving really changes", () => {
    const c = db.$client;
    const region = make.region("twente");
    const other = make.region("drenthe");
    const agenda = make.agenda({ region, items: [] });
    const doc = new Y.Doc();
    const id = addItem(doc, { title: "Spraak", status: "in_uitvoering" });
    projectToReadModel(db, agenda.id, doc, new Date(), quiet);
    const stale = () => c.prepare("SELECT item_id FROM national_summary_stale").pluck().all();
    expect(stale()).toEqual([]);
    c.prepare("UPDATE agenda_items SET title = 'Spraak 2', status = status, mechanism = mechanism, agenda_id = agenda_id WHERE id = ?").run(id);
    c.prepare("UPDATE agendas SET region_id = region_id WHERE id = ?").run(agenda.id);
    c.prepare("UPDATE innovations SET mechanism = mechanism").run();
    expect(stale()).toEqual([]);
    c.prepare("UPDATE agenda_items SET status = 'gestopt' WHERE id = ?").run(id);
    expect(stale()).toEqual([id]);
    c.exec("DELETE FROM national_summary_stale");
    c.prepare("UPDATE agendas SET region_id = ? WHERE id = ?").run(other.id, agenda.id);
    expect(stale()).toEqual([id]);
  });
});
