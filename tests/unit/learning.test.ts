// Learning across regions (issue 18, decision 039) on the demo data: other regions are seen only
// through their public items; a question reaches the lead organisation's people (else the
// coordinators), within its length and the daily limit; solved barriers show their way out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { seededTempDatabase } from "../support/temp-db";
import type { Db } from "../../db";
import * as s from "../../db/schema";
import { loadPrincipal } from "../../app/models/session.server";
import { askLead, provenElsewhere, provenForSectors, solvedElsewhere } from "../../app/models/learning.server";
import { listNotifications } from "../../app/models/notifications.server";
import { QUESTIONS_PER_DAY } from "../../app/domain/learning";
import { changeStatus } from "../../app/models/barriers.server";

let env: Awaited<ReturnType<typeof seededTempDatabase>>;
let db: Db;
const userId = (email: string) => db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email)).get()!.id;
const principal = (email: string) => loadPrincipal({ db, userId: userId(email) })!;
const agendaOf = (slug: string) =>
  db.select({ id: s.agendas.id, regionId: s.agendas.regionId }).from(s.agendas).innerJoin(s.regions, eq(s.regions.id, s.agendas.regionId)).where(eq(s.regions.slug, slug)).get()!;
const itemOf = (title: string) => db.select().from(s.agendaItems).where(eq(s.agendaItems.title, title)).get()!;
const TWENTE_SPOKEN = "Spraakgestuurd rapporteren in de verpleeghuizen";
const LIMBURG_SPOKEN = "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland";

beforeAll(async () => {
  env = await seededTempDatabase();
  db = env.db;
});
afterAll(() => env.cleanup());

describe("proven elsewhere", () => {
  it("shows another region's public item with the same innovation, its status, result and lead", () => {
    const [group] = provenElsewhere({ db, actor: principal("werkgroep.twente@demo.agendawerk.nl"), agenda: agendaOf("twente"), itemId: itemOf(TWENTE_SPOKEN).id });
    expect(group.innovation.slug).toBe("spraakgestuurd-rapporteren");
    expect(group.uses).toEqual([expect.objectContaining({ regionName: "Zuid-Limburg", title: LIMBURG_SPOKEN, status: "in_uitvoering", leadOrganisation: "Zorgcentra Heuvelland" })]);
    expect(group.uses[0].realised!.hoursPerYear).toBeGreaterThan(0);
  });

  it("shows nothing of an item its region keeps to the workgroup, and a stopped item's lesson", () => {
    const limburg = itemOf(LIMBURG_SPOKEN);
    const twente = { agenda: agendaOf("twente"), itemId: itemOf(TWENTE_SPOKEN).id, actor: principal("werkgroep.twente@demo.agendawerk.nl") };
    db.update(s.agendaItems).set({ isPublic: false }).where(eq(s.agendaItems.id, limburg.id)).run();
    expect(provenElsewhere({ db, ...twente })).toEqual([]);
    db.update(s.agendaItems).set({ isPublic: true, status: "gestopt" }).where(eq(s.agendaItems.id, limburg.id)).run();
    db.insert(s.itemStatusChanges).values({ agendaId: limburg.agendaId, itemId: limburg.id, fromStatus: "in_uitvoering", status: "gestopt", note: "", lessonLearned: "Zonder wifi op de kamers werkt inspreken niet.", changedAt: new Date() }).run();
    expect(provenElsewhere({ db, ...twente })[0].uses[0].lesson).toBe("Zonder wifi op de kamers werkt inspreken niet.");
    db.update(s.agendaItems).set({ status: "in_uitvoering" }).where(eq(s.agendaItems.id, limburg.id)).run();
  });

  it("is not for someone who cannot read the asking agenda", () => {
    expect(() => provenElsewhere({ db, actor: principal("werkgroep@demo.agendawerk.nl"), agenda: agendaOf("twente"), itemId: itemOf(TWENTE_SPOKEN).id })).toThrow();
  });
});

describe("proven for your sectors", () => {
  it("lists a level-3 innovation another region uses for a shared sector, not one the agenda has", () => {
    const amsterdam = provenForSectors({ db, actor: principal("werkgroep@demo.agendawerk.nl"), agenda: agendaOf("amsterdam") });
    expect(amsterdam).toEqual([expect.objectContaining({ innovation: expect.objectContaining({ slug: "spraakgestuurd-rapporteren" }), level: 3, regions: ["Zuid-Limburg"], sectors: ["verpleeghuiszorg"] })]);
    // Twente has it on its own agenda already.
    expect(provenForSectors({ db, actor: principal("werkgroep.twente@demo.agendawerk.nl"), agenda: agendaOf("twente") })).toEqual([]);
  });
});

describe("a question to the lead", () => {
  it("reaches the lead organisation's people in their inbox, and is bounded", () => {
    const asker = principal("werkgroep.twente@demo.agendawerk.nl");
    const target = itemOf(LIMBURG_SPOKEN).id;
    expect(askLead({ db, actor: asker, itemId: target, body: "kort" })).toEqual({ ok: false, error: "learning.error.length" });
    expect(askLead({ db, actor: asker, itemId: itemOf("Leefstijlprogramma voor ouderen").id, body: "Hoe pakken jullie dit aan?" })).toEqual({ ok: false, error: "learning.error.notPublic" });
    expect(askLead({ db, actor: asker, itemId: target, body: "Hoe hebben jullie de teams meegekregen?" })).toEqual({ ok: true, recipients: 2 });
    // Zorgcentra Heuvelland's coordinator and board member; not the workgroup member of another organisation.
    const inbox = (email: string) => listNotifications({ db, actor: principal(email) }).filter((n) => n.kind === "question");
    expect(inbox("coordinator.limburg@demo.agendawerk.nl")).toHaveLength(1);
    expect(inbox("bestuurder2.limburg@demo.agendawerk.nl")).toHaveLength(1);
    expect(inbox("werkgroep.limburg@demo.agendawerk.nl")).toHaveLength(0);
    for (let i = 1; i < QUESTIONS_PER_DAY; i++) expect(askLead({ db, actor: asker, itemId: target, body: `Vraag nummer ${i} over de aanpak` }).ok).toBe(true);
    expect(askLead({ db, actor: asker, itemId: target, body: "Nog een vraag over de aanpak" })).toEqual({ ok: false, error: "learning.error.rateLimited" });
    expect(askLead({ db, actor: asker, itemId: target, body: "De volgende dag mag het weer", now: new Date(Date.now() + 86_400_001) }).ok).toBe(true);
  });

  it("goes to the coordinators when nobody of the lead organisation is on Agendawerk", () => {
    const target = itemOf("Slimme medicijndispensers thuis");
    db.update(s.agendaItems).set({ leadOrganisation: "Een organisatie zonder accounts" }).where(eq(s.agendaItems.id, target.id)).run();
    expect(askLead({ db, actor: principal("werkgroep@demo.agendawerk.nl"), itemId: target.id, body: "Welke dispenser kozen jullie?" })).toEqual({ ok: true, recipients: 1 });
  });
});

describe("solved elsewhere", () => {
  it("shows how another region solved a barrier of a type this agenda has open, on a public item only", () => {
    const limburg = agendaOf("zuid-limburg");
    const barrier = db.select().from(s.barriers).where(and(eq(s.barriers.agendaId, limburg.id), eq(s.barriers.typeKey, "financing"))).get()!;
    const actor = principal("werkgroep@demo.agendawerk.nl");
    expect(solvedElsewhere({ db, actor, agenda: agendaOf("amsterdam") })).toEqual([]);
    // Solving through the barrier's own path: the status change's reason says how.
    const solved = changeStatus({ db, barrierId: barrier.id, actor: principal("coordinator.limburg@demo.agendawerk.nl"), to: "opgelost", reason: "De gemeenten betalen het eerste jaar uit de Wmo." });
    expect(solved.ok).toBe(true);
    expect(db.select({ r: s.barriers.resolution }).from(s.barriers).where(eq(s.barriers.id, barrier.id)).get()!.r).toBe("De gemeenten betalen het eerste jaar uit de Wmo.");
    const onPublic = db.select({ isPublic: s.agendaItems.isPublic }).from(s.agendaItems).where(eq(s.agendaItems.id, barrier.itemId)).get()!.isPublic;
    db.update(s.agendaItems).set({ isPublic: true }).where(eq(s.agendaItems.id, barrier.itemId)).run();
    expect(solvedElsewhere({ db, actor, agenda: agendaOf("amsterdam") })).toEqual([expect.objectContaining({ regionName: "Zuid-Limburg", resolution: "De gemeenten betalen het eerste jaar uit de Wmo." })]);
    db.update(s.agendaItems).set({ isPublic: false }).where(eq(s.agendaItems.id, barrier.itemId)).run();
    expect(solvedElsewhere({ db, actor, agenda: agendaOf("amsterdam") })).toEqual([]);
    db.update(s.agendaItems).set({ isPublic: onPublic }).where(eq(s.agendaItems.id, barrier.itemId)).run();
  });
});
