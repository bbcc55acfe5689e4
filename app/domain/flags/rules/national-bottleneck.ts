// The same barrier open in many regions at once: a national bottleneck the regional team can take to
// The Hague. Barriers are grouped by sub-type when they have one (financing: Wlz, Zvw, Wmo, subsidy
// ending, business case), by type otherwise: "Bekostiging" open in every region is not one problem
// with one fix, but a Wlz tariff open in three regions is.
import { itemHref } from "../links";
import type { FlagHit } from "../types";
import { barrierTypeName, text, type NationalRegionView, type NationalRule } from "./rule";

/**
 * Three regions: two may share a cause by chance or by a shared supplier; from three on the cause
 * lies above the regions. Of 28 regions that is about one in ten.
 */
export const NATIONAL_BOTTLENECK_REGIONS = 3;

type Group = { key: string; typeKey: string; subTypeKey: string | null; barriers: Array<{ view: NationalRegionView; barrier: NationalRegionView["barriers"][number] }> };

export const nationalBottleneck: NationalRule = {
  rule: "national-bottleneck",
  evaluate({ regions, shared }) {
    const groups = new Map<string, Group>();
    for (const view of regions) {
      for (const b of view.barriers) {
        const key = b.subTypeKey ? `subtype-${b.subTypeKey}` : `type-${b.typeKey}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { key, typeKey: b.typeKey, subTypeKey: b.subTypeKey, barriers: [] }));
        g.barriers.push({ view, barrier: b });
      }
    }
    const hits: FlagHit[] = [];
    for (const g of groups.values()) {
      const regionIds = [...new Set(g.barriers.map((x) => x.view.rows.region.id))].sort((a, b) => a - b);
      if (regionIds.length < NATIONAL_BOTTLENECK_REGIONS) continue;
      g.barriers.sort((a, b) => a.barrier.id - b.barrier.id);
      const type = barrierTypeName(shared, g.typeKey, g.subTypeKey);
      hits.push({
        key: `national-bottleneck:${g.key}`,
        rule: "national-bottleneck",
        severity: "hoog",
        // More regions is worse; a dismissal returns when another region joins.
        score: regionIds.length,
        regionId: null,
        regionIds,
        agendaId: null,
        since: Math.min(...g.barriers.map((x) => x.barrier.createdAt)),
        basis: () => `national-bottleneck|${g.key}|${g.barriers.map((x) => `${x.barrier.id}/${x.view.rows.region.id}/${x.barrier.status}`).join(",")}`,
        describe: () => {
          const names = g.barriers.map((x) => x.view.rows.region.name);
          return {
            subject: text("flags.subject.barrierType", { type }),
            explanation: text("flags.explain.national-bottleneck", { type, regions: regionIds.length, barriers: g.barriers.length, threshold: NATIONAL_BOTTLENECK_REGIONS }),
            figures: [
              { label: "flags.figure.regions", value: regionIds.length },
              { label: "flags.figure.openBarriers", value: g.barriers.length },
              { label: "flags.figure.regionNames", value: [...new Set(names)].sort((a, b) => a.localeCompare(b, "nl")).join(", ") },
            ],
            threshold: text("flags.threshold.national-bottleneck", { regions: NATIONAL_BOTTLENECK_REGIONS }),
            links: g.barriers.map(({ view, barrier: b }) => ({
              href: itemHref(b.agendaId, b.itemId),
              label: text("flags.link.barrierIn", { region: view.rows.region.name, item: view.itemById.get(b.itemId)?.title || "—" }),
              regionId: view.rows.region.id,
            })),
          };
        },
      });
    }
    return hits;
  },
};
