// Demo content for three regions' agendas, in Dutch, written as a workgroup would.
import type { ItemInit } from "../../app/domain/agenda-doc";

export type DemoAgenda = {
  region: string;
  title: string;
  period: string;
  status: "concept" | "actief";
  intro: string[];
  items: Array<ItemInit & { links?: DemoLink[] }>;
};

/**
 * An innovation linked to an item, with what the region itself states: the reach, and where the
 * innovation's ratings need them, the hours per FTE per week spent on the task a percentage is a share
 * of, or how often the rated event happens per unit of reach per week (docs/savings.md).
 */
export type DemoLink = {
  innovation: string;
  reach: number;
  unit: "clients" | "fte";
  organisations: string;
  by: string;
  taskHoursPerWeek?: number;
  eventsPerWeek?: number;
};

export const demoAgendas: DemoAgenda[] = [
  {
    region: "amsterdam",
    title: "Regionale innovatieagenda Amsterdam",
    period: "2026-2028",
    status: "actief",
    intro: [
      "Zorgaanbieders, onderwijs en gemeente in de regio Amsterdam zetten samen in op innovaties die arbeid besparen.",
      "We beginnen steeds bij het waarom: wat levert het op voor de kwaliteit van zorg en van werk?",
    ],
    items: [
      {
        title: "Slim incontinentiemateriaal in alle verpleeghuizen",
        status: "prioriteit",
        mechanism: "working-differently",
        actionLine: "Technologie in de langdurige zorg",
        leadOrganisation: "Zorggroep Amstelhof",
        contact: "Joost de Vries",
        startDate: "2026-03-01",
        endDate: "2027-12-31",
        sectors: ["verpleeghuiszorg"],
        professionalsInvolved: "ja",
        professionalsHow: "Verzorgenden uit twee pilotafdelingen kiezen het materiaal en de werkafspraken.",
        why: "Minder onnodige verschoningen geeft cliënten een rustiger nacht en zorgmedewerkers tijd voor aandacht.",
        plan: [
          "We rollen sensoren in incontinentiemateriaal uit op twaalf afdelingen, na een pilot op twee afdelingen.",
          "De financiering van de sensoren is nog niet geregeld voor de jaren na de pilot.",
        ],
        // Amstelhof's own time registration: about 4 hours per FTE per week go to changing and checking.
        links: [{ innovation: "slim-incontinentiemateriaal", reach: 180, unit: "fte", organisations: "Zorggroep Amstelhof (twaalf afdelingen)", by: "2027-12-31", taskHoursPerWeek: 4 }],
      },
      {
        title: "Digicoaches voor digitale vaardigheden",
        status: "in_uitvoering",
        mechanism: "working-differently",
        actionLine: "Leren en ontwikkelen",
        leadOrganisation: "ROC Amstelland",
        contact: "Fatima El Amrani",
        startDate: "2025-09-01",
        endDate: "2026-08-31",
        sectors: ["huisartsenzorg", "ouderenzorg"],
        professionalsInvolved: "ja",
        professionalsHow: "Digicoaches komen uit de teams zelf.",
        why: "Medewerkers die digitaal vaardig zijn, besteden 2 tot 4 uur per week minder aan digitale taken.",
        plan: ["Elke organisatie leidt twee digicoaches op via het ROC; zij begeleiden collega's op de werkvloer."],
      },
      {
        title: "Beeldbellen in de wijkverpleging",
        status: "idee",
        mechanism: "substitution",
        actionLine: "Zorg op afstand",
        leadOrganisation: "",
        contact: "",
        sectors: ["wijkverpleging"],
        professionalsInvolved: null,
        why: "",
        plan: ["Wijkteams onderzoeken welke bezoeken op afstand kunnen zonder verlies van kwaliteit."],
        // The teams expect three of a client's visits a week to become video moments.
        links: [{ innovation: "beeldzorg-wijkverpleging", reach: 60, unit: "clients", organisations: "Buurtzorg Amstel-Noord", by: "2027-06-30", eventsPerWeek: 3 }],
      },
    ],
  },
  {
    region: "twente",
    title: "Innovatieagenda Zorg en Welzijn Twente",
    period: "2026-2028",
    status: "actief",
    intro: ["In Twente werken zorg, onderwijs en gemeenten samen aan arbeidsbesparende innovaties."],
    items: [
      {
        title: "Telemonitoring hartfalen vanuit het ziekenhuis",
        status: "prioriteit",
        mechanism: "prevention",
        actionLine: "Zorg op afstand",
        leadOrganisation: "Ziekenhuis Twente Oost",
        contact: "Ruben Kamphuis",
        startDate: "2026-01-01",
        endDate: "2028-12-31",
        sectors: ["ziekenhuis", "wijkverpleging"],
        professionalsInvolved: "ja",
        professionalsHow: "Verpleegkundig specialisten hartfalen ontwerpen het monitoringsprotocol.",
        why: "Minder ligdagen en spoedbezoeken; verpleegkundigen sturen op afstand bij.",
        plan: ["Vijfhonderd patiënten met hartfalen krijgen thuis telemonitoring.", "Gegevensuitwisseling met de huisarts loopt nog niet via een standaard."],
        // Care demand (fewer nursing days): shown apart, no labour saved without a stated assumption.
        links: [{ innovation: "telemonitoring-hartfalen", reach: 500, unit: "clients", organisations: "Ziekenhuis Twente Oost", by: "2028-12-31" }],
      },
      {
        title: "Valdetectie met sensoren rond het bed",
        status: "voorgesteld",
        mechanism: "working-differently",
        actionLine: "Technologie in de langdurige zorg",
        leadOrganisation: "Carinthe Zorg",
        contact: "Anouk Smit",
        sectors: ["verpleeghuiszorg", "gehandicaptenzorg"],
        professionalsInvolved: "deels",
        why: "Nachtdiensten lopen minder controlerondes en cliënten slapen ongestoord.",
        plan: ["Drie locaties testen sensoren; de leverancier wordt gekozen via een regionale aanbesteding."],
      },
      {
        title: "Spraakgestuurd rapporteren in de verpleeghuizen",
        status: "in_uitvoering",
        mechanism: "working-differently",
        actionLine: "Minder administratie",
        leadOrganisation: "Carinthe Zorg",
        contact: "Anouk Smit",
        startDate: "2026-02-01",
        endDate: "2027-06-30",
        sectors: ["verpleeghuiszorg"],
        professionalsInvolved: "ja",
        professionalsHow: "Verzorgenden en verpleegkundigen van vier teams testen de spraakapp en stellen de werkafspraken op.",
        why: "Minder typen na elke dienst geeft tijd terug aan bewoners.",
        plan: ["Na een proef met vier teams gaan alle teams van Carinthe Zorg hun rapportages inspreken."],
        // Carinthe's teams report about 3 hours per FTE per week (their own estimate).
        links: [{ innovation: "spraakgestuurd-rapporteren", reach: 250, unit: "fte", organisations: "Carinthe Zorg", by: "2027-06-30", taskHoursPerWeek: 3 }],
      },
    ],
  },
  {
    region: "zuid-limburg",
    title: "Regionale innovatieagenda Zuid-Limburg",
    period: "2025-2027",
    status: "concept",
    intro: ["Zuid-Limburg kiest voor preventie en zelfredzaamheid."],
    items: [
      {
        title: "Slimme medicijndispensers thuis",
        status: "prioriteit",
        isPublic: true,
        mechanism: "substitution",
        actionLine: "Langer thuis",
        leadOrganisation: "Thuiszorg Heuvelland",
        contact: "Mieke Claessens",
        startDate: "2025-06-01",
        endDate: "2026-06-01",
        sectors: ["wijkverpleging", "ouderenzorg"],
        professionalsInvolved: "ja",
        professionalsHow: "Wijkverpleegkundigen selecteren cliënten.",
        why: "Cliënten nemen zelf hun medicatie in; de wijkverpleging rijdt minder medicatierondes.",
        plan: ["Tweehonderd cliënten krijgen een dispenser; de wijkverpleging volgt de inname op afstand."],
        links: [{ innovation: "medicijndispenser", reach: 200, unit: "clients", organisations: "Thuiszorg Heuvelland", by: "2026-06-01" }],
      },
      {
        title: "Leefstijlprogramma voor ouderen",
        status: "idee",
        mechanism: "prevention",
        actionLine: "Preventie",
        leadOrganisation: "GGD Zuid-Limburg",
        contact: "",
        sectors: ["sociaal domein"],
        professionalsInvolved: "nee",
        why: "",
        plan: ["Gemeenten en huisartsen bieden een beweegprogramma aan voor 65-plussers."],
      },
      {
        title: "Digicoaches in de thuiszorgteams",
        status: "in_uitvoering",
        isPublic: true,
        mechanism: "working-differently",
        actionLine: "Leren en ontwikkelen",
        leadOrganisation: "Thuiszorg Heuvelland",
        contact: "Mieke Claessens",
        startDate: "2025-09-01",
        endDate: "2026-12-31",
        sectors: ["wijkverpleging"],
        professionalsInvolved: "ja",
        professionalsHow: "Elk team kiest een eigen digicoach.",
        why: "Minder tijd kwijt aan digitale taken geeft meer tijd voor cliënten.",
        plan: ["Twaalf thuiszorgteams krijgen een digicoach die collega's op de werkvloer begeleidt."],
        links: [{ innovation: "digitale-vaardigheden-digicoaches", reach: 120, unit: "fte", organisations: "Thuiszorg Heuvelland", by: "2026-12-31" }],
      },
      {
        // Public, adopted and measured: the public page's and "proven elsewhere"'s demo (issue 18).
        title: "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland",
        status: "in_uitvoering",
        isPublic: true,
        mechanism: "working-differently",
        actionLine: "Minder administratie",
        leadOrganisation: "Zorgcentra Heuvelland",
        contact: "Ingrid Lemmens",
        startDate: "2025-10-01",
        endDate: "2027-03-31",
        sectors: ["verpleeghuiszorg"],
        professionalsInvolved: "ja",
        professionalsHow: "Verzorgenden van drie locaties kozen de app en schreven de afspraken over wat ingesproken wordt.",
        why: "Rapporteren kost verzorgenden ruim drie uur per week; inspreken na elke zorgmoment geeft tijd terug aan bewoners.",
        plan: ["Drie locaties van Zorgcentra Heuvelland spreken hun rapportages in; na een jaar volgen de andere vijf locaties."],
        links: [{ innovation: "spraakgestuurd-rapporteren", reach: 90, unit: "fte", organisations: "Zorgcentra Heuvelland (drie locaties)", by: "2027-03-31", taskHoursPerWeek: 3.5 }],
      },
    ],
  },
];
