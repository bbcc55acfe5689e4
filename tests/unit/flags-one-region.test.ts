// One region's flags without evaluating the others (the agenda and region pages): the same flags,
// texts and fingerprints as a run over every region, a national bottleneck included, before and
// after its inputs change, and with the other regions left unloaded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { factoryDatabase, type Region } from "../support/factories";
import type { Db } from "../../db";
import { agendas, barriers } from "../../db/schema";
import { sqlFlagSource } from "../../app/models/flags.server";
import { FlagRunner, fingerprintOf, toFlag } from "../../app/domain/flags/runner";
import type { FlagHit } from "../../app/domain/flags/types";
import { DAY_MS } from "../../app/domain/flags/thresholds";

let env: ReturnType<typeof factoryDatabase>;
let db: Db;
let regions: Region[];
const NOW = Date.now();

// Four regions with a Wlz barrier each (a national bottleneck), one of them on an archived agenda's
// item (its link says "—"), and a region with none (no national flag for it).
beforeAll(() => {
  env = factoryDatabase();
  db = env.db;
  const { make } = env;
  regions = ["amsterdam", "twente", "zuid-limburg", "groningen", "friesland"].map((slug) => make.region(slug));
  const author = make.admin();
  regions.slice(0, 4).forEach((region, i) => {
    const agenda = make.agenda({ region, status: i === 3 ? "gearchiveerd" : "actief", items: [{ title: `Slimme zorg in ${region.name}`, status: "prioriteit" }, { title: "", professionalsInvolved: null }] });
    make.barrier({ agenda, itemId: agenda.itemIds[i === 1 ? 1 : 0], createdBy: author.id, typeKey: "financing", subTypeKey: "financing-wlz", severity: i ? "middel" : "hoog", createdAt: new Date(NOW - (40 + i) * DAY_MS) });
  });
});
afterAll(() => env.cleanup());

const inTransaction = <T>(f: () => T) => db.$client.transaction(f)();
const shown = (hits: FlagHit[]) => hits.map((h) => ({ ...toFlag(h, NOW), fingerprint: fingerprintOf(h) }));

describe("runRegion", () => {
  it("gives each region the flags a run over every region gives it, loading only that region", () => {
    const all = inTransaction(() => new FlagRunner(sqlFlagSource(db)).run(NOW));
    expect(all.all().filter((h) => h.rule === "national-bottleneck").map((h) => h.regionIds.length)).toEqual([4]);
    for (const region of regions) {
      const runner = new FlagRunner(sqlFlagSource(db));
      const one = inTransaction(() => runner.runRegion(NOW, region.id));
      expect(shown(one), region.slug).toEqual(shown(all.ofRegion(region.id)));
      expect(runner.stats.regionLoads).toBe(1);
    }
  });

  it("follows a change, and a run over every region after it agrees", () => {
    const runner = new FlagRunner(sqlFlagSource(db));
    const [ams, twente] = regions;
    inTransaction(() => runner.runRegion(NOW, ams.id));
    // Twente's barrier closes: the bottleneck shrinks to three regions, seen from Amsterdam.
    const agenda = db.select({ id: agendas.id }).from(agendas).where(eq(agendas.regionId, twente.id)).get()!;
    db.update(barriers).set({ status: "opgelost" }).where(eq(barriers.agendaId, agenda.id)).run();
    const one = inTransaction(() => runner.runRegion(NOW, ams.id));
    expect(one.find((h) => h.rule === "national-bottleneck")?.regionIds.length).toBe(3);
    const fresh = inTransaction(() => new FlagRunner(sqlFlagSource(db)).run(NOW));
    expect(shown(one)).toEqual(shown(fresh.ofRegion(ams.id)));
    expect(shown(inTransaction(() => runner.run(NOW)).all())).toEqual(shown(fresh.all()));
  });
});
