// The progress report per region and quarter (decision 032) on a temp SQLite with factories and the
// real collaboration server (a proposal freezes a version): drafted from the adopted priorities'
// records, a tagged PDF and a Word file that carry the progress note, the measured saving and the
// adviser's advice, the foreword frozen with the content once sent, and the board told in its inbox.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { type RouteWorld, startRouteWorld } from "../support/route-calls";
import { pdfTags, pdfText } from "../support/pdf-text";
import * as s from "../../db/schema";
import type { TestAgenda, TestUser } from "../support/factories";
import { castVote, createProposal } from "../../app/models/approvals.server";
import { saveAdvice, saveProgressNote } from "../../app/models/execution.server";
import { addMeasurement } from "../../app/models/measurements.server";
import { parseForm } from "../../app/forms/validation";
import { measurementEntrySchema } from "../../app/forms/measurements";
import { getProgressReport, saveForeword, sendReport } from "../../app/models/progress-report.server";
import { listNotifications } from "../../app/models/notifications.server";
import { NotAllowedError } from "../../app/models/errors.server";
import { progressReportDocument } from "../../app/progress-report/document";
import { renderTaggedPdf } from "../../app/documents/tagged-pdf";
import { renderDocx } from "../../app/documents/docx";

let w: RouteWorld;
let agenda: TestAgenda;
let region: { id: number; slug: string; name: string };
let coordinator: TestUser;
let lead: TestUser;
let adviser: TestUser;
let board: TestUser[];

const PERIOD = "2026-Q3";
const HAPPENED = "Twee teams werken sinds juli met slim incontinentiemateriaal.";
const ADVICE = "Ga door met opschalen naar de thuiszorg; zorg voor een tweede meting.";

beforeEach(async () => {
  w = await startRouteWorld();
  const r = w.make.region("twente");
  region = { id: r.id, slug: r.slug, name: r.name };
  agenda = w.make.agenda({ region: r, items: [{ title: "Slimme incontinentiezorg" }, { title: "Digitale overdracht" }] });
  coordinator = w.make.member(r, "coordinator");
  lead = w.make.member(r);
  adviser = w.make.adviser([r]);
  board = [w.make.member(r, "board", { name: "Anna Bestuur" }), w.make.member(r, "board", { name: "Bram Bestuur" })];
  w.make.link({ agenda, itemId: agenda.itemIds[0], innovation: "slim-incontinentiemateriaal", reach: 180, reachUnit: "fte", taskHoursPerWeek: 4 });
  w.make.barrier({ agenda, itemId: agenda.itemIds[0], createdBy: coordinator.id, description: "Geen financiering na de pilot" });
  const proposal = await createProposal({
    db: w.db,
    createVersion: (a) => w.collab.createVersion(a),
    agendaId: agenda.id,
    actor: coordinator.principal(),
    rankedItemIds: [agenda.itemIds[0], agenda.itemIds[1]],
    deadline: new Date(Date.now() + 7 * 86_400_000),
  });
  if (!proposal.ok) throw new Error(proposal.error);
  for (const b of board) castVote({ db: w.db, proposalId: proposal.proposalId, actor: b.principal(), value: "akkoord" });

  const scope = { id: agenda.id, regionId: r.id };
  const itemId = agenda.itemIds[0];
  saveProgressNote({ db: w.db, actor: lead.principal(), agenda: scope, itemId, input: { intent: "progress", period: PERIOD, happened: HAPPENED, progressPct: 45, nextStep: "Tweede meting in oktober.", risk: "middel", riskNote: "" } });
  const measure = (kind: string, value: string, period: string) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ intent: "add", kind, value, unit: "hours_per_week", profession: "Verzorgende IG", team: "Team Oost", periodMode: "quarter", period })) f.set(k, v);
    const parsed = parseForm(measurementEntrySchema, f);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    addMeasurement({ db: w.db, actor: lead.principal(), agenda: scope, itemId, entry: parsed.data });
  };
  measure("baseline", "120", "2026-Q2");
  measure("measurement", "100", PERIOD);
  saveAdvice({ db: w.db, actor: adviser.principal(), region: r, input: { intent: "advice", period: PERIOD, advice: ADVICE } });
});
afterEach(async () => {
  await w.stop();
});

const docxText = async (bytes: Buffer) => (await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");

describe("the progress report", () => {
  it("is drafted from the records and comes out as a tagged PDF and a Word file with the note, the measured saving and the advice", async () => {
    const view = getProgressReport({ db: w.db, actor: board[0].principal(), region, period: PERIOD });
    expect(view.sent).toBeNull();
    const [first, second] = view.content.agendas[0].priorities;
    expect(first).toMatchObject({ rank: 1, note: { happened: HAPPENED, progressPct: 45 }, measured: { hoursPerYear: 20 * 52 } });
    expect(first.projected?.evidenceLevel).toBeGreaterThan(0);
    expect(first.barriers[0]).toMatchObject({ description: "Geen financiering na de pilot", answer: null });
    expect(second).toMatchObject({ note: null, measured: null });

    for (const [locale, lang, measured] of [["nl", "nl-NL", "Gemeten: 1.000 uur per jaar"], ["en", "en", "Measured: 1,000 hours per year"]] as const) {
      const spec = progressReportDocument({ content: view.content, sent: view.sent, locale });
      const pdf = await renderTaggedPdf(spec);
      const raw = pdf.toString("latin1");
      expect(raw).toMatch(/\/MarkInfo\s+\d+ 0 R|\/MarkInfo\s*<<\s*\/Marked true/);
      expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
      expect(raw).toContain(`/Lang (${lang})`);
      const tags = await pdfTags(pdf);
      expect(tags.markInfo).toMatchObject({ Marked: true });
      expect(tags.info.Title).toBe(spec.title);
      for (const type of ["H1", "H2", "H3", "P", "Table", "TH", "TD", "L", "LI"]) expect(tags.types, type).toContain(type);
      const text = (await pdfText(pdf)).replace(/\s+/g, " ");
      const word = (await docxText(await renderDocx(spec))).replace(/\s+/g, " ");
      for (const found of [text, word]) {
        expect(found).toContain(HAPPENED);
        expect(found).toContain(ADVICE);
        expect(found).toContain(measured);
      }
    }
  });

  it("keeps the foreword and the content as sent, tells the board, and refuses a second send or any later foreword", () => {
    expect(() => saveForeword({ db: w.db, actor: lead.principal(), region, period: PERIOD, foreword: "Nee" })).toThrow(NotAllowedError);
    expect(() => sendReport({ db: w.db, actor: board[0].principal(), region, period: PERIOD })).toThrow(NotAllowedError);
    expect(saveForeword({ db: w.db, actor: coordinator.principal(), region, period: PERIOD, foreword: "Een goed kwartaal." })).toEqual({ ok: true });
    const at = new Date("2026-10-05T09:00:00Z");
    expect(sendReport({ db: w.db, actor: coordinator.principal(), region, period: PERIOD, now: at })).toEqual({ ok: true });

    // Later records do not change what was sent.
    saveAdvice({ db: w.db, actor: adviser.principal(), region, input: { intent: "advice", period: PERIOD, advice: "Een later advies." } });
    const sent = getProgressReport({ db: w.db, actor: board[1].principal(), region, period: PERIOD });
    expect(sent.sent).toMatchObject({ at: at.getTime(), by: coordinator.name });
    expect(sent.content.advice?.text).toBe(ADVICE);
    expect(sent.content.foreword?.text).toBe("Een goed kwartaal.");
    expect(saveForeword({ db: w.db, actor: coordinator.principal(), region, period: PERIOD, foreword: "Anders" })).toEqual({ ok: false, error: "report.error.sent" });
    expect(sendReport({ db: w.db, actor: coordinator.principal(), region, period: PERIOD })).toEqual({ ok: false, error: "report.error.sent" });

    for (const b of board) {
      expect(listNotifications({ db: w.db, actor: b.principal() }).filter((n) => n.kind === "report")).toEqual([expect.objectContaining({ reportPeriod: PERIOD, reportRegionSlug: region.slug })]);
    }
    expect(listNotifications({ db: w.db, actor: lead.principal() }).filter((n) => n.kind === "report")).toEqual([]);
    const audit = w.db.select().from(s.auditLog).where(eq(s.auditLog.action, "report.send")).all();
    expect(audit).toEqual([expect.objectContaining({ actorId: coordinator.id, regionId: region.id })]);
  });
});
