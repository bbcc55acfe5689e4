// What the board sees and when it decides (decision 026), on a temp SQLite with factories and the
// real collaboration server (for the version a proposal freezes): a reason with any choice, the
// priorities' savings and barriers frozen with the proposal (the barriers also as the proposal
// page renders them beside today's), the agenda page's returned proposal, and a tagged board pack
// in the reader's language whose figures are the frozen ones.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type RouteWorld, startRouteWorld } from "../support/route-calls";
import { pdfTags, pdfText } from "../support/pdf-text";
import * as s from "../../db/schema";
import type { TestAgenda, TestUser } from "../support/factories";
import { castVote, createProposal, getAdoptionStatus, getProposal } from "../../app/models/approvals.server";
import { buildBoardPack } from "../../app/models/board-pack.server";
import { renderPdf } from "../../app/board-pack/render";
import { priorityContext } from "../../app/models/proposal-context.server";
import { formatRange } from "../../app/domain/savings";
import { barrierChanges, type ContextBarrier } from "../../app/domain/proposal-context";
import { changeStatus } from "../../app/models/barriers.server";
import { PriorityContext } from "../../app/components/approvals/priority-context";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";

let w: RouteWorld;
let agenda: TestAgenda;
let coordinator: TestUser;
let board: TestUser[];
let linkId: number;

beforeEach(async () => {
  w = await startRouteWorld();
  const region = w.make.region("twente");
  agenda = w.make.agenda({ region, items: [{ title: "Slimme incontinentiezorg" }, { title: "Digitale overdracht" }] });
  coordinator = w.make.member(region, "coordinator");
  board = [w.make.member(region, "board", { name: "Anna Bestuur" }), w.make.member(region, "board", { name: "Bram Bestuur" })];
  linkId = w.make.link({ agenda, itemId: agenda.itemIds[0], innovation: "slim-incontinentiemateriaal", reach: 180, reachUnit: "fte", taskHoursPerWeek: 4 });
  w.make.barrier({ agenda, itemId: agenda.itemIds[0], createdBy: coordinator.id, description: "Geen financiering na de pilot" });
});
afterEach(async () => {
  await w.stop();
});

const propose = async () => {
  const result = await createProposal({
    db: w.db,
    createVersion: (a) => w.collab.createVersion(a),
    agendaId: agenda.id,
    actor: coordinator.principal(),
    rankedItemIds: [agenda.itemIds[0], agenda.itemIds[1]],
    deadline: new Date(Date.now() + 7 * 86_400_000),
  });
  if (!result.ok) throw new Error(result.error);
  return result.proposalId;
};
/**
 * One priority's context as the proposal page shows it to a board member: the route's loader on
 * the real database, rendered on the server under a root loader giving the locale, as in the app.
 * Returns the saving line and the barrier lines as text, and the whole block's text.
 */
async function shownContext(proposalId: number, itemId: string) {
  const page = await w.call(proposalRoute.loader, board[0], { params: { proposalId: String(proposalId) } });
  expect(page.status).toBe(200);
  const { proposal, today } = page.body as Awaited<ReturnType<typeof proposalRoute.loader>>;
  const element = createElement(PriorityContext, { itemId, frozen: proposal.context?.items[itemId] ?? null, today: today[itemId] });
  const handler = createStaticHandler([{ id: "root", path: "/", loader: () => ({ locale: "nl" }), element }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error(`root loader answered ${context.status}`);
  const html = renderToStaticMarkup(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
  const text = (fragment: string) => fragment.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
  const list = html.match(/<ul[^>]*data-testid="context-barriers"[^>]*>(.*?)<\/ul>/)?.[1] ?? "";
  const saving = html.match(/data-testid="context-saving">(.*?)<\/p>/)?.[1] ?? "";
  return { saving: text(saving), barriers: [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => text(m[1])), text: text(html) };
}
const audit = (action: string) => w.db.select().from(s.auditLog).where(eq(s.auditLog.action, action)).all();

describe("a board member's vote", () => {
  it("keeps a reason with Akkoord, and a changed reason on the same choice is a change, audited", async () => {
    const proposalId = await propose();
    const vote = (reason: string) => castVote({ db: w.db, proposalId, actor: board[0].principal(), value: "akkoord", reason });
    expect(vote("Past bij de regiovisie.")).toMatchObject({ ok: true, changed: true, first: true });
    expect(vote("Past bij de regiovisie en het budget.")).toMatchObject({ ok: true, changed: true, first: false });
    expect(vote("Past bij de regiovisie en het budget.")).toMatchObject({ ok: true, changed: false });
    expect(getProposal({ db: w.db, proposalId })!.votes[0]).toMatchObject({ value: "akkoord", reason: "Past bij de regiovisie en het budget." });
    expect(audit("vote.changed").map((a) => a.data)).toEqual([
      expect.objectContaining({ reason: "Past bij de regiovisie en het budget.", previous: expect.objectContaining({ reason: "Past bij de regiovisie." }) }),
    ]);
  });
});

describe("the proposal's frozen context", () => {
  it("stores each priority's saving with its ratings and open barriers; today's values move on, the frozen ones do not", async () => {
    const proposalId = await propose();
    const frozen = getProposal({ db: w.db, proposalId })!.context!;
    const first = frozen.items[agenda.itemIds[0]];
    expect(first.saving!.hoursPerYear.expected).toBeGreaterThan(0);
    expect(first.links[0].ratings.length).toBeGreaterThan(0);
    expect(first.links[0].ratings[0]).toMatchObject({ source: expect.any(String), evidenceLevel: expect.any(Number), unit: expect.any(String) });
    expect(first.barriers).toEqual([expect.objectContaining({ typeKey: "financing", description: "Geen financiering na de pilot" })]);
    expect(frozen.items[agenda.itemIds[1]]).toEqual({ saving: null, links: [], barriers: [] });

    w.db.update(s.itemInnovations).set({ reach: 360 }).where(eq(s.itemInnovations.id, linkId)).run();
    const today = priorityContext({ db: w.db, agendaId: agenda.id, itemIds: [agenda.itemIds[0]] }).items[agenda.itemIds[0]];
    expect(today.saving!.hoursPerYear.expected).toBeCloseTo(first.saving!.hoursPerYear.expected * 2);
    expect(getProposal({ db: w.db, proposalId })!.context!.items[agenda.itemIds[0]].saving).toEqual(first.saving);
  });

  const barrier = (id: number): ContextBarrier => ({ id, typeKey: "financing", typeNl: "Financiering", typeEn: "Financing", severity: "middel", description: `Belemmering ${id}` });

  it("tells barriers apart by id: one still open is neither closed nor added, even read afresh as another object", () => {
    const then = [barrier(1), barrier(2)];
    const now = [{ ...barrier(2) }, barrier(3)];
    expect(barrierChanges(then, now)).toEqual({ closed: [barrier(1)], added: [barrier(3)] });
    expect(barrierChanges(then, then.map((b) => ({ ...b })))).toEqual({ closed: [], added: [] });
    expect(barrierChanges([], [])).toEqual({ closed: [], added: [] });
  });

  it("lists a barrier still open once, one solved or closed since as closed, and one added since as added", async () => {
    const item = agenda.itemIds[0];
    const [solved] = w.db.select({ id: s.barriers.id }).from(s.barriers).all();
    const kept = w.make.barrier({ agenda, itemId: item, createdBy: coordinator.id, typeKey: "data-exchange", description: "Geen koppeling met het ECD" });
    const unsolvable = w.make.barrier({ agenda, itemId: item, createdBy: coordinator.id, typeKey: "procurement", description: "Aanbesteding loopt vast" });
    const proposalId = await propose();

    const close = (barrierId: number, to: "opgelost" | "niet_oplosbaar") => {
      const result = changeStatus({ db: w.db, barrierId, actor: coordinator.principal(), to, reason: "Besproken in de werkgroep." });
      expect(result.ok).toBe(true);
    };
    close(solved.id, "opgelost");
    close(unsolvable, "niet_oplosbaar");
    w.make.barrier({ agenda, itemId: item, createdBy: coordinator.id, typeKey: "training-capacity", description: "Te weinig opleidingsplekken" });
    expect(getProposal({ db: w.db, proposalId })!.context!.items[item].barriers.map((b) => b.id)).toEqual([solved.id, kept, unsolvable]);

    const shown = await shownContext(proposalId, item);
    expect(shown.text).not.toContain("Niet vastgelegd bij voorstel");
    expect(shown.barriers).toEqual([
      expect.stringMatching(/: Geen financiering na de pilot · sinds het voorstel opgelost of gesloten$/),
      expect.stringMatching(/: Geen koppeling met het ECD$/),
      expect.stringMatching(/: Aanbesteding loopt vast · sinds het voorstel opgelost of gesloten$/),
      expect.stringMatching(/: Te weinig opleidingsplekken · nieuw sinds het voorstel$/),
    ]);
    // The priority without barriers then or now says so, rather than showing an empty list.
    expect((await shownContext(proposalId, agenda.itemIds[1])).text).toContain("Geen open belemmeringen.");
  });

  it("says a proposal from before the context was stored did not record it, and shows today's barriers as today's", async () => {
    const item = agenda.itemIds[0];
    const proposalId = await propose();
    // Proposals made before decision 026 have no stored context.
    w.db.update(s.priorityProposals).set({ context: null }).where(eq(s.priorityProposals.id, proposalId)).run();
    w.make.barrier({ agenda, itemId: item, createdBy: coordinator.id, typeKey: "training-capacity", description: "Te weinig opleidingsplekken" });

    const shown = await shownContext(proposalId, item);
    expect(shown.text).toContain("Niet vastgelegd bij voorstel: dit voorstel is gedaan voordat besparingen en belemmeringen werden bewaard.");
    expect(shown.saving).toMatch(/^[\d.]+ uur per jaar/);
    // Today's open barriers, each once and none marked as changed since: there is nothing to compare with.
    expect(shown.barriers).toEqual([expect.stringMatching(/: Geen financiering na de pilot$/), expect.stringMatching(/: Te weinig opleidingsplekken$/)]);
  });
});

describe("the agenda page after the board returns a proposal", () => {
  it("says it was returned, when, and the objections", async () => {
    const proposalId = await propose();
    expect(getAdoptionStatus({ db: w.db, agendaId: agenda.id }).notAdopted).toBeNull();
    castVote({ db: w.db, proposalId, actor: board[1].principal(), value: "bezwaar", reason: "Eerst de financiering regelen." });
    expect(getAdoptionStatus({ db: w.db, agendaId: agenda.id }).notAdopted).toMatchObject({
      proposalId,
      status: "returned",
      decidedAt: expect.any(Date),
      objections: [{ name: "Bram Bestuur", reason: "Eerst de financiering regelen." }],
    });
  });
});

describe("the outcome under consent", () => {
  it("falls at the first objection and names who did not vote and why", async () => {
    const proposalId = await propose();
    castVote({ db: w.db, proposalId, actor: board[1].principal(), value: "bezwaar", reason: "Eerst de financiering regelen." });
    expect(castVote({ db: w.db, proposalId, actor: board[0].principal(), value: "akkoord" })).toMatchObject({ ok: false, error: "approvals.error.closed" });
    const { outcomeLines } = buildBoardPack({ proposal: getProposal({ db: w.db, proposalId })!, locale: "nl" });
    expect(outcomeLines[0]).toContain("Er is bezwaar gemaakt");
    expect(outcomeLines[1]).toMatch(/^Niet gestemd: Anna Bestuur\. De stemming sloot met het besluit, vóór de deadline/);
  });
});

describe("the board pack", () => {
  it("is a tagged PDF in the reader's language, numbered, with the savings frozen at proposing even after they change", async () => {
    const proposalId = await propose();
    castVote({ db: w.db, proposalId, actor: board[0].principal(), value: "akkoord", reason: "Goed onderbouwd." });
    castVote({ db: w.db, proposalId, actor: board[1].principal(), value: "akkoord" });
    const frozen = getProposal({ db: w.db, proposalId })!.context!.items[agenda.itemIds[0]].saving!;
    // After adoption the agenda's saving doubles: the pack still shows what the board saw.
    w.db.update(s.itemInnovations).set({ reach: 360 }).where(eq(s.itemInnovations.id, linkId)).run();
    const proposal = getProposal({ db: w.db, proposalId })!;
    expect(proposal.status).toBe("adopted");

    for (const [locale, lang, heading, page] of [
      ["nl", "nl-NL", "Innovatieagenda: stukken voor de stuurgroep", "Pagina 1 van"],
      ["en", "en", "Innovation agenda: steering group papers", "Page 1 of"],
    ] as const) {
      const data = buildBoardPack({ proposal, locale });
      const bytes = await renderPdf(data, () => {});
      const raw = Buffer.from(bytes).toString("latin1");
      // The catalogue's dictionaries are written uncompressed.
      expect(raw).toMatch(/\/MarkInfo\s+\d+ 0 R|\/MarkInfo\s*<<\s*\/Marked true/);
      expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
      expect(raw).toContain(`/Lang (${lang})`);
      expect(raw).toMatch(/\/DisplayDocTitle true/);
      const tags = await pdfTags(bytes);
      expect(tags.markInfo).toMatchObject({ Marked: true });
      expect(tags.info.Title).toBe(data.title);
      for (const type of ["H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "L", "LI"]) expect(tags.types, type).toContain(type);
      const text = (await pdfText(bytes)).replace(/\s+/g, " ");
      expect(text).toContain(heading);
      expect(text).toContain(`${page} ${tags.pages}`);
      // Adopted on …, once: not "Vastgesteld – Vastgesteld op".
      expect(text).not.toMatch(/Vastgesteld – Vastgesteld|Adopted – Adopted/);
      expect(data.savingsRows[0].hours).toBe(data.priorities[0].savingsLine!.split(" ")[0]);
      // The item without a figure is said once, not as a placeholder per line.
      expect(data.savingsNote).not.toBeNull();
      expect(text.split(data.savingsNote!.slice(0, 20)).length - 1).toBe(1);
    }
    const data = buildBoardPack({ proposal, locale: "nl" });
    const today = priorityContext({ db: w.db, agendaId: agenda.id, itemIds: [agenda.itemIds[0]] }).items[agenda.itemIds[0]].saving!;
    expect(today.hoursPerYear.expected).not.toBeCloseTo(frozen.hoursPerYear.expected);
    expect(data.savingsRows[0].hours).toBe(formatRange(frozen.hoursPerYear, "nl"));
    expect(data.priorities[0].barriers).toEqual([expect.stringContaining("Geen financiering na de pilot")]);
    expect(data.outcomeLines[0]).toContain("Het besluit viel op");
  });
});
