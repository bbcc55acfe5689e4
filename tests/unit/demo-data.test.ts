// The demo data, tested once for itself: the seed runs (and runs again without harm), every demo
// login works, Zuid-Limburg's agenda is adopted, the three demo regions have agendas whose read model agrees with their document,
// with linked rated innovations, and the flags it shows. Every other unit test builds its own data
// (tests/support/factories.ts) and must not depend on what the demo contains.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import { seededTempDatabase } from "../support/temp-db";
import type { Db } from "../../db";
import * as s from "../../db/schema";
import { accountsWithDemoPassword, DEMO_PASSWORD, demoUsers, seedDemoData } from "../../db/seed";
import innovationsJson from "../../db/reference/innovations.json" with { type: "json" };
import barrierTypesJson from "../../db/reference/barrier-types.json" with { type: "json" };
import { newSourcedInnovations } from "../../db/seed/reference-ratings";
import { verifyLogin } from "../../app/models/user.server";
import { loadPrincipal } from "../../app/models/session.server";
import { computeFlags, getNationalOverview } from "../../app/models/flags.server";
import { parseFlagFilter } from "../../app/domain/flags/filter";
import { loadRoomState } from "../../app/collab/storage.server";
import { projectItemsSafely } from "../../app/collab/projection.server";
import { agendaRoom } from "../../app/domain/rooms";
import { documentViolations } from "../../app/domain/agenda-schema";
import { silentLogger } from "../../collab-server/types";
import { getAgendaSavings } from "../../app/models/savings.server";
import { getInnovationBySlug } from "../../app/models/catalogue.server";
import { getBarrier, listBarriers } from "../../app/models/barriers.server";
import { getBarrierMarkers, resolveItemAnchor } from "../../app/domain/barrier-anchors";
import { demoBarriers } from "../../db/seed/demo-barriers";
import { DEMO_ADOPTION } from "../../db/seed/demo-adoption";
import { getAdoptedAgenda, getProposal } from "../../app/models/approvals.server";

let env: Awaited<ReturnType<typeof seededTempDatabase>>;
let db: Db;
const regionId = (slug: string) => db.select({ id: s.regions.id }).from(s.regions).where(eq(s.regions.slug, slug)).get()!.id;
const agendaOf = (slug: string) => db.select({ id: s.agendas.id }).from(s.agendas).where(eq(s.agendas.regionId, regionId(slug))).get()!.id;
const principal = (email: string) => loadPrincipal({ db, userId: db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email)).get()!.id })!;
const noFilter = () => parseFlagFilter(new URLSearchParams());
const ADVISER = "adviseur@demo.agendawerk.nl";
const DEMO_REGIONS = ["amsterdam", "twente", "zuid-limburg"];

const tableCounts = () =>
  Object.fromEntries(
    [s.regions, s.organisations, s.users, s.memberships, s.adviserCoverage, s.agendas, s.agendaItems, s.innovations, s.innovationRatings, s.barrierTypes, s.ydocSnapshots, s.itemInnovations, s.barriers, s.priorityProposals, s.votes, s.adoptedVersions, s.measurements].map((t, i) => [
      i,
      db.select({ n: count() }).from(t).get()!.n,
    ]),
  );

beforeAll(async () => {
  env = await seededTempDatabase();
  db = env.db;
});
afterAll(() => env.cleanup());

describe("the seed", () => {
  it("seeds the 28 regions, the catalogue, barrier types and three agendas", () => {
    expect(db.select({ n: count() }).from(s.regions).get()!.n).toBe(28);
    // The policy documents' innovations plus the researched ones the catalogue did not have.
    expect(db.select({ n: count() }).from(s.innovations).get()!.n).toBe(innovationsJson.innovations.length + newSourcedInnovations.length);
    expect(db.select({ n: count() }).from(s.barrierTypes).get()!.n).toBe(barrierTypesJson.types.length);
    expect(db.select({ n: count() }).from(s.agendas).get()!.n).toBe(3);
    expect(db.select({ n: count() }).from(s.agendaItems).get()!.n).toBe(10);
    // Demo savings: seven items carry an innovation with the reach (and task hours or frequency) the region states.
    expect(db.select({ n: count() }).from(s.itemInnovations).get()!.n).toBe(7);
  });

  it("gives each of the three demo regions an agenda with linked innovations that carry ratings", () => {
    const rows = db
      .select({ slug: s.regions.slug, innovationId: s.itemInnovations.innovationId })
      .from(s.itemInnovations)
      .innerJoin(s.agendas, eq(s.agendas.id, s.itemInnovations.agendaId))
      .innerJoin(s.regions, eq(s.regions.id, s.agendas.regionId))
      .all();
    expect([...new Set(rows.map((r) => r.slug))].sort()).toEqual(DEMO_REGIONS);
    const rated = new Set(
      db.select({ id: s.innovationRatings.innovationId }).from(s.innovationRatings).where(inArray(s.innovationRatings.innovationId, rows.map((r) => r.innovationId))).all().map((r) => r.id),
    );
    expect(rows.every((r) => rated.has(r.innovationId))).toBe(true);
  });

  it("projects each agenda's stored document (snapshot and logged updates) into exactly its agenda_items", () => {
    for (const agenda of db.select().from(s.agendas).all()) {
      const { doc } = loadRoomState(db, agendaRoom(agenda.id), silentLogger);
      const fromLog = projectItemsSafely(doc, silentLogger).map((i) => [i.id, i.title, i.status, i.planText]);
      const rows = db.select().from(s.agendaItems).where(eq(s.agendaItems.agendaId, agenda.id)).orderBy(s.agendaItems.position).all();
      expect(rows.map((r) => [r.id, r.title, r.status, r.planText])).toEqual(fromLog);
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("writes agendas the document schema accepts", () => {
    for (const agenda of db.select().from(s.agendas).all()) {
      expect(documentViolations(loadRoomState(db, agendaRoom(agenda.id), silentLogger).doc)).toEqual([]);
    }
  });

  it("seeding again neither duplicates nor loses data", async () => {
    const before = tableCounts();
    db.update(s.users).set({ name: "Changed Name" }).where(eq(s.users.email, "werkgroep@demo.agendawerk.nl")).run();
    await seedDemoData({ db });
    expect(tableCounts()).toEqual(before);
    expect(db.select().from(s.users).where(eq(s.users.email, "werkgroep@demo.agendawerk.nl")).get()!.name).toBe("Changed Name");
  });
});

describe("the demo logins", () => {
  it("each open with the published demo password, and are all found as such", async () => {
    for (const u of demoUsers) {
      expect(await verifyLogin({ db, email: u.email, password: DEMO_PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true });
    }
    expect(await accountsWithDemoPassword({ db })).toEqual(demoUsers.map((u) => u.email).sort());
  });

  it("give regional users memberships and the adviser four regions", () => {
    expect(principal("bestuurder@demo.agendawerk.nl").memberships).toEqual([{ regionId: regionId("amsterdam"), role: "board" }]);
    expect(principal(ADVISER).coveredRegionIds).toHaveLength(4);
  });
});

describe("the demo's savings", () => {
  it("gives each demo agenda of the three regions a non-zero saving with its level and the ratings behind it", () => {
    for (const region of ["amsterdam", "twente", "zuid-limburg"]) {
      const savings = getAgendaSavings({ db, agendaId: agendaOf(region) })!;
      expect(savings.total.fte.expected, region).toBeGreaterThan(0);
      expect(savings.total.evidence?.weakest, region).toBeGreaterThanOrEqual(1);
      const links = Object.values(savings.items).flatMap((i) => i.links).filter((l) => l.saving.ok);
      expect(links.length, region).toBeGreaterThan(0);
      for (const link of links) {
        // One click away: each rating behind the figure is on the innovation's page with its quote.
        const page = getInnovationBySlug({ db, slug: link.innovationSlug })!;
        for (const b of link.basis) {
          const rating = page.ratings.find((r) => r.id === b.id)!;
          expect(rating, `${region} ${link.innovationSlug}`).toBeTruthy();
          expect(rating.source.length).toBeGreaterThan(3);
          expect(rating.evidenceLevel).toBe(b.evidenceLevel);
          expect(rating.quote || rating.ref).toBeTruthy();
        }
        expect(link.basis.length).toBe(link.projection.saved!.evidence.count);
      }
    }
  });

  it("gives the demo figures of docs/savings.md", () => {
    const total = (region: string) => getAgendaSavings({ db, agendaId: agendaOf(region) })!.total;
    // Amsterdam: 30% of 4 h × 180 FTE × 45 = 9,720 h; 13 min × 3 a week × 60 clients × 52 = 2,028 h.
    expect(total("amsterdam").hoursPerYear.expected).toBeCloseTo(9720 + 2028);
    expect(total("amsterdam").evidence).toEqual({ weakest: 2, strongest: 2, count: 2 });
    // Twente: 0.75-1.74-2.16 h × 250 FTE × 45 weeks.
    expect(total("twente").hoursPerYear.low).toBeCloseTo(8437.5);
    expect(total("twente").hoursPerYear.expected).toBeCloseTo(19575);
    expect(total("twente").hoursPerYear.high).toBeCloseTo(24300);
    expect(total("twente").evidence).toEqual({ weakest: 2, strongest: 3, count: 5 });
    // Zuid-Limburg: 1.167-2.5-2.567 h × 200 clients × 52 weeks, plus the spoken reports of Twente's
    // ratings on 3.5 task hours: 0.875-2.03-2.52 h × 90 FTE × 45 weeks.
    expect(total("zuid-limburg").hoursPerYear.expected).toBeCloseTo(26000 + 0.58 * 3.5 * 90 * 45);
    expect(total("zuid-limburg").evidence).toEqual({ weakest: 1, strongest: 3, count: 8 });
  });

  it("shows care demand and a gap between groups on the demo agendas without counting them", () => {
    const twente = getAgendaSavings({ db, agendaId: agendaOf("twente") })!;
    const tele = Object.values(twente.items).flatMap((i) => i.links).find((l) => l.innovationSlug === "telemonitoring-hartfalen")!;
    expect(tele.saving).toEqual({ ok: false, reason: "care_demand" });
    expect(tele.projection.careDemand).toBe(5);
    expect(twente.careDemandLinks).toBe(1);
    const limburg = getAgendaSavings({ db, agendaId: agendaOf("zuid-limburg") })!;
    const coach = Object.values(limburg.items).flatMap((i) => i.links).find((l) => l.innovationSlug === "digitale-vaardigheden-digicoaches")!;
    expect(coach.saving).toEqual({ ok: false, reason: "not_labour_saved" });
    expect(coach.projection).toMatchObject({ saved: null, supply: null, shifted: null });
  });
});

describe("the demo adoption", () => {
  it("has Zuid-Limburg's board adopt its agenda through a proposal and votes, with public and workgroup-only items", () => {
    const agendaId = agendaOf("zuid-limburg");
    const adopted = getAdoptedAgenda({ db, agendaId })!;
    expect(adopted.rankedItems.map((r) => r.title)).toEqual([...DEMO_ADOPTION.ranked]);
    const proposal = getProposal({ db, proposalId: adopted.proposalId })!;
    expect(proposal.status).toBe("adopted");
    expect(proposal.votes.map((v) => v.value)).toEqual(["akkoord", "akkoord"]);
    expect(adopted.items.filter((i) => i.isPublic).map((i) => i.title).sort()).toEqual(
      ["Digicoaches in de thuiszorgteams", "Slimme medicijndispensers thuis", "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland"],
    );
    // Adopted before the execution records began: its progress since is on the items.
    expect(adopted.adoptedAt.getTime()).toBeLessThan(Date.now() - 200 * 86_400_000);
    // A workgroup member edited a public item's plan since, in the document and so in the read model.
    const planOf = (items: Array<{ title: string; planText: string }>) => items.find((i) => i.title === DEMO_ADOPTION.laterEdit.title)!.planText;
    expect(planOf(db.select().from(s.agendaItems).where(eq(s.agendaItems.agendaId, agendaId)).all())).toBe(DEMO_ADOPTION.laterEdit.plan);
    expect(planOf(adopted.items)).toMatch(/^Twaalf thuiszorgteams/);
    for (const slug of ["amsterdam", "twente"]) expect(getAdoptedAgenda({ db, agendaId: agendaOf(slug) }), slug).toBeNull();
  });
});

describe("the demo barriers", () => {
  it("are anchored, idempotent, include financing open in all three regions and an old severe one", async () => {
    expect(db.select({ n: count() }).from(s.barriers).get()!.n).toBe(demoBarriers.length);
    await seedDemoData({ db });
    expect(db.select({ n: count() }).from(s.barriers).get()!.n).toBe(demoBarriers.length);

    const financing = listBarriers({ db, regionIds: db.select({ id: s.regions.id }).from(s.regions).all().map((r) => r.id), filter: { type: "financing", status: "open" } });
    expect(new Set(financing.map((b) => b.regionSlug))).toEqual(new Set(["amsterdam", "twente", "zuid-limburg"]));
    const old = listBarriers({ db, regionIds: [regionId("amsterdam")], filter: { severity: "hoog", olderThan: "30" } });
    expect(old.map((b) => b.quote)).toEqual(["De financiering van de sensoren is nog niet geregeld"]);

    for (const slug of ["amsterdam", "twente", "zuid-limburg"]) {
      const { doc } = loadRoomState(db, agendaRoom(agendaOf(slug)), silentLogger);
      const markers = [...getBarrierMarkers(doc).entries()];
      expect(markers.length).toBeGreaterThan(0);
      for (const [id, m] of markers) {
        const row = getBarrier({ db, barrierId: Number(id) })!;
        expect(resolveItemAnchor(doc, m.itemId, m.start, m.end)).toMatchObject({ kind: "ok", quote: row.quote });
      }
    }
  });
});

describe("the demo's flags", () => {
  it("do not flag every region: only the three regions with an agenda have signals", () => {
    const overview = getNationalOverview({ db, actor: principal(ADVISER), filter: noFilter() });
    expect(overview.tiles).toHaveLength(28);
    const flagged = overview.tiles.filter((t) => t.count > 0).map((t) => t.slug);
    expect(flagged.sort()).toEqual(DEMO_REGIONS);
    // Worst first: the region with a severe signal leads the grid.
    expect(overview.tiles[0].slug).toBe("amsterdam");
    expect(overview.tiles[0].bySeverity.hoog).toBeGreaterThan(0);
    // No region set a target: no below-target signal anywhere.
    expect(overview.flags.some((f) => f.rule === "below-target")).toBe(false);
  });

  it("keep three different financing causes apart: no national bottleneck", () => {
    const flags = computeFlags({ db });
    expect(flags.filter((f) => f.rule === "national-bottleneck")).toEqual([]);
    const financing = db.select({ sub: s.barriers.subTypeKey }).from(s.barriers).where(eq(s.barriers.typeKey, "financing")).all();
    expect(financing.map((b) => b.sub).sort()).toEqual(["financing-wlz", "financing-wmo", "financing-zvw"]);
    expect(flags.some((f) => f.rule === "high-barrier" && f.regionId === regionId("amsterdam"))).toBe(true);
  });

  it("join them into one national bottleneck when the causes are the same", () => {
    for (const { id } of db.select({ id: s.barriers.id }).from(s.barriers).where(eq(s.barriers.typeKey, "financing")).all()) {
      db.update(s.barriers).set({ subTypeKey: "financing-wlz" }).where(eq(s.barriers.id, id)).run();
    }
    const national = computeFlags({ db }).find((f) => f.rule === "national-bottleneck")!;
    expect(national.key).toBe("national-bottleneck:subtype-financing-wlz");
    expect(national.regionIds).toEqual(DEMO_REGIONS.map(regionId).sort((a, b) => a - b));
  });
});
