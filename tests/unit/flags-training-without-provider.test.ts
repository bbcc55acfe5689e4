// training-without-provider: a region's open training demand with no school or provider named.
import { afterEach, describe, expect, it } from "vitest";
import { MIN_HOURS_WITHOUT_PROVIDER, SEVERE_HOURS_WITHOUT_PROVIDER, trainingWithoutProvider } from "../../app/domain/flags/rules/training-without-provider";
import type { RegionRows } from "../../app/domain/flags/types";
import { computeFlags } from "../../app/models/flags.server";
import { saveTrainingNeed } from "../../app/models/training.server";
import { item, NOW, region, render, runRule } from "../support/flag-fixtures";
import { factoryDatabase } from "../support/factories";

type Need = NonNullable<RegionRows["trainingNeeds"]>[number];
const need = (over: Partial<Need> = {}): Need => ({ itemId: "a", agendaId: 1, kind: "opleiding", people: 10, hoursPerPerson: 4, provider: "", status: "gepland", ...over });
const run = (needs: Need[], status = "prioriteit") => runRule(trainingWithoutProvider, region(1, { items: [item("a", { status }), item("b", { status })], trainingNeeds: needs }));

describe("training-without-provider: open training demand no school has been asked for", () => {
  it(`fires from ${MIN_HOURS_WITHOUT_PROVIDER} hours without a provider, summed over the region's items`, () => {
    expect(run([need({ people: 9, hoursPerPerson: 4 })])).toEqual([]); // 36 hours
    const [hit] = run([need({ people: 9, hoursPerPerson: 4 }), need({ itemId: "b", people: 1, hoursPerPerson: 4 })]);
    expect([hit.key, hit.severity, hit.score]).toEqual(["training-without-provider:region-1", "middel", 40]);
    expect(render(hit.describe(NOW).explanation)).toContain("40 uur opleidingsvraag (10 mensen, 2 agendapunten)");
    expect(hit.describe(NOW).links[0].href).toBe("/regios/r1/opleidingsvraag");
  });

  it(`is hoog from ${SEVERE_HOURS_WITHOUT_PROVIDER} hours`, () => {
    expect(run([need({ people: 100, hoursPerPerson: 4 })])[0].severity).toBe("hoog");
  });

  it("does not count needs with a provider, done training, implementation hours, or stopped and finished items", () => {
    const big = { people: 100, hoursPerPerson: 10 };
    expect(run([need({ ...big, provider: "ROC Midden" })])).toEqual([]);
    expect(run([need({ ...big, status: "afgerond" })])).toEqual([]);
    expect(run([need({ ...big, kind: "implementatie" })])).toEqual([]);
    for (const status of ["gestopt", "geborgd", "opgeschaald"]) expect(run([need(big)], status), status).toEqual([]);
    // A line of an item no longer on the agenda is no demand.
    expect(run([need({ ...big, itemId: "gone" })])).toEqual([]);
  });

  describe("from the database", () => {
    let ctx: ReturnType<typeof factoryDatabase>;
    afterEach(() => ctx.cleanup());
    it("fires once a lead records demand without a provider, and the region's flags see it at once", () => {
      ctx = factoryDatabase();
      const r = ctx.make.region("twente");
      const agenda = ctx.make.agenda({ region: r, items: [{ title: "Slimme zorg", status: "prioriteit" }] });
      const lead = ctx.make.member(r);
      const ours = () => computeFlags({ db: ctx.db }).filter((f) => f.rule === "training-without-provider");
      expect(ours()).toEqual([]);
      saveTrainingNeed({
        db: ctx.db,
        actor: lead.principal(),
        agenda: { id: agenda.id, regionId: r.id },
        itemId: agenda.itemIds[0],
        input: { intent: "add-training", kind: "opleiding", role: "Verzorgende IG", people: 20, hoursPerPerson: 8, provider: "", schoolType: null, skillsLab: false, status: "gepland", period: null },
      });
      expect(ours().map((f) => [f.regionId, f.severity])).toEqual([[r.id, "middel"]]);
    });
  });
});
