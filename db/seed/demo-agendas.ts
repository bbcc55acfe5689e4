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

/** An innovation linked to an item, with the reach the region itself states. */
export type DemoLink = { innovation: string; reach: number; unit: "clients" | "fte"; organisations: string; by: string };

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
    ],
  },
];
