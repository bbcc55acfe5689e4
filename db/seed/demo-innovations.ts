// Catalogue details for the demo innovations. Ratings hold only figures that the policy documents
// state (see db/reference/innovations.json); everything else starts unrated.
import type { innovationRatings } from "../schema";

type Rating = Omit<typeof innovationRatings.$inferInsert, "innovationId" | "source">;

export const demoInnovationDetails: Record<
  string,
  { description: string; cost?: string; ratings?: Rating[] }
> = {
  "telemonitoring-hartfalen": {
    description:
      "Patiënten met hartklachten meten thuis hun waarden; verpleegkundigen volgen ze op afstand en grijpen vroeg in. Na een jaar bij 500 patiënten: 40% minder verpleegdagen, 30% minder ambulanceritten, 70% minder SEH-bezoeken.",
    cost: "middel",
    ratings: [
      { unit: "pct_task_time", taskName: "klinische verpleegdagen hartfalen", low: 30, expected: 40, high: 40, evidenceLevel: 2, claim: "hospital nursing days after one full year of use, 500 patients: -40%" },
    ],
  },
  "slim-incontinentiemateriaal": {
    description:
      "Sensoren in incontinentiemateriaal melden wanneer verschonen nodig is. Verschoningen per cliënt per dag daalden van 3,5 naar 2,4: ongeveer 30% tijdwinst op deze taak.",
    cost: "laag",
    ratings: [
      { unit: "pct_task_time", taskName: "verschonen (incontinentiezorg)", low: 30, expected: 30, high: 31.4, evidenceLevel: 2, claim: "changes per client per day fell from 3.5 to 2.4; about 30% time saving on this task" },
    ],
  },
  "digitale-vaardigheden-digicoaches": {
    description:
      "Digicoaches uit de eigen teams en scholing in digitale vaardigheden. Minder digitaal vaardige medewerkers besteden 2 tot 4 uur per week (op 32 uur) meer aan digitale taken.",
    cost: "laag",
    ratings: [
      { unit: "hours_per_week_per_fte", low: 2, expected: 3, high: 4, evidenceLevel: 2, claim: "staff with fewer digital skills spend 2 to 4 more hours a week on digital tasks, on a 32-hour week" },
    ],
  },
  "zelfroosteren-meer-uren": {
    description:
      "Roosteren in balans en ruimte om meer uren te werken. Als iedere zorgmedewerker 1 uur per week meer werkt, daalt het landelijke tekort met ongeveer 20.000 banen (macropotentieel).",
  },
};
