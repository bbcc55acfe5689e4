// Catalogue descriptions for the demo innovations. Their ratings are the reference ratings of
// db/seed/reference-ratings.ts (sourced figures with quotes), never typed here.

export const demoInnovationDetails: Record<string, { description: string; cost?: string }> = {
  "telemonitoring-hartfalen": {
    description:
      "Patiënten met hartklachten meten thuis hun waarden; verpleegkundigen volgen ze op afstand en grijpen vroeg in. Na een jaar bij 500 patiënten: 40% minder verpleegdagen, 30% minder ambulanceritten, 70% minder SEH-bezoeken. Dat is minder zorgvraag, geen vastgestelde besparing op uren van medewerkers.",
    cost: "middel",
  },
  "slim-incontinentiemateriaal": {
    description:
      "Sensoren in incontinentiemateriaal melden wanneer verschonen nodig is. Verschoningen per cliënt per dag daalden van 3,5 naar 2,4: ongeveer 30% tijdwinst op deze taak.",
    cost: "laag",
  },
  "digitale-vaardigheden-digicoaches": {
    description:
      "Digicoaches uit de eigen teams en scholing in digitale vaardigheden. Minder digitaal vaardige medewerkers besteden 2 tot 4 uur per week (op 32 uur) meer aan digitale taken: een verschil tussen groepen, nog geen gemeten effect van de coaching.",
    cost: "laag",
  },
  "zelfroosteren-meer-uren": {
    description:
      "Roosteren in balans en ruimte om meer uren te werken. Als iedere zorgmedewerker 1 uur per week meer werkt, daalt het landelijke tekort met ongeveer 20.000 banen (macropotentieel). Meer uren werken vergroot het arbeidsaanbod; het bespaart geen arbeid.",
  },
  "beeldzorg-wijkverpleging": {
    description:
      "Een wijkverpleegkundige vervangt een fysiek zorgmoment door een beeldzorgmoment. Drie organisaties maten bijna 13 minuten tijdwinst per vervangen zorgmoment.",
    cost: "middel",
  },
  "spraakgestuurd-rapporteren": {
    description:
      "Zorgmedewerkers spreken hun rapportage in in plaats van die te typen. In een onderzoek voor Digizo.nu (293 medewerkers, 14 organisaties) ging dat op een smartphone 3,5 keer sneller dan typen.",
    cost: "middel",
  },
};
