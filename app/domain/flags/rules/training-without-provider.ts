// Training demand with no school or provider named ("opleidingsvraag zonder opleider", decision 030):
// the region's items need people trained, but nobody has asked a school. A signal for the region and
// its schools: capacity at an mbo or hbo is planned a year ahead, so unnamed demand is demand no school
// can plan for. One flag per region, over the open needs of its active items.
import { trainingDemandHref } from "../links";
import { ACTIVE_ITEM_STATUSES } from "../region";
import { isOpenDemand, lineHours, providerKey, NO_PROVIDER } from "../../training";
import { round1, raw, text, type RegionRule } from "./rule";

/**
 * 40 hours: a working week of teaching. Below it the demand is a few people's short course, which an
 * employer arranges without a school; above it somebody should talk to one.
 */
export const MIN_HOURS_WITHOUT_PROVIDER = 40;
/** 400 hours (ten weeks of teaching, a class of twenty for a week's course each) makes it severe. */
export const SEVERE_HOURS_WITHOUT_PROVIDER = 400;

export const trainingWithoutProvider: RegionRule = {
  rule: "training-without-provider",
  evaluate({ view }) {
    const r = view.rows.region;
    let hours = 0;
    let people = 0;
    const items = new Set<string>();
    for (const line of view.rows.trainingNeeds ?? []) {
      const item = view.itemById.get(line.itemId);
      if (!item || item.agendaId !== line.agendaId || !ACTIVE_ITEM_STATUSES.has(item.status)) continue;
      if (!isOpenDemand(line) || providerKey(line) !== NO_PROVIDER) continue;
      hours += lineHours(line);
      people += line.people;
      items.add(line.itemId);
    }
    if (hours < MIN_HOURS_WITHOUT_PROVIDER) return [];
    return [
      {
        key: `training-without-provider:region-${r.id}`,
        rule: "training-without-provider",
        severity: hours >= SEVERE_HOURS_WITHOUT_PROVIDER ? "hoog" : "middel",
        // Whole hours unplaced: rises with every need added without a provider.
        score: Math.round(hours),
        regionId: r.id,
        regionIds: [r.id],
        agendaId: null,
        since: null,
        basis: () => `training-without-provider|${r.id}|${round1(hours)}|${people}|${[...items].sort().join(",")}`,
        describe: () => ({
          subject: raw(r.name),
          explanation: text("flags.explain.training-without-provider", { region: r.name, hours: round1(hours), people, items: items.size }),
          figures: [
            { label: "flags.figure.hoursWithoutProvider", value: round1(hours) },
            { label: "flags.figure.peopleWithoutProvider", value: people },
            { label: "flags.figure.itemsWithoutProvider", value: items.size },
          ],
          threshold: text("flags.threshold.training-without-provider", { hours: MIN_HOURS_WITHOUT_PROVIDER }),
          links: [{ href: trainingDemandHref(r.slug), label: text("flags.link.trainingDemand"), regionId: r.id }],
        }),
      },
    ];
  },
};
