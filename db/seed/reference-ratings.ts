// The catalogue's reference ratings: researched figures from db/reference/innovations-sourced.json
// (a copy of ../shared/reference/innovations-sourced.json). Each rating names the evidence it rests on
// (`evidence`: the id in that file), and takes the quote, address, first- or second-hand and the
// publisher from there, so no quote is typed twice. The figure is the one the source states, in the
// source's unit; a percentage computed from two stated figures says how (`derivation`). A single value
// is low = expected = high; a range only where the source gives one. Levels follow the field's
// instruments (docs/savings.md, "Bewijsniveaus"). Tested against the file in tests/unit/reference-ratings.test.ts.
import sourced from "../reference/innovations-sourced.json" with { type: "json" };
import type { RatingKind, Reporting, SavingUnit } from "../../app/domain/vocabulary";

export type ReferenceRating = {
  /** Unique key (db column `ref`): the evidence id, with a suffix when one source gives several figures. */
  ref: string;
  innovation: string;
  evidence: string;
  kind: RatingKind;
  unit: SavingUnit;
  /** The figure as stated; a range only when the source states one. */
  value: number | { low: number; high: number; expected?: number };
  evidenceLevel: 1 | 2 | 3 | 4;
  /** For percentages and per-event units: what the figure is a share of, or the event. */
  taskName?: string;
  derivation?: string;
  professions?: { from: string[]; to: string[] };
};

export const referenceRatings: ReferenceRating[] = [
  // Medicijndispenser: three figures from three sources, each its own rating (no blend).
  { ref: "md-zvb-10min", innovation: "medicijndispenser", evidence: "md-zvb-10min", kind: "labour_saved", unit: "minutes_per_day_per_client", value: 10, evidenceLevel: 2 },
  { ref: "md-vilans-22min", innovation: "medicijndispenser", evidence: "md-vilans-22min", kind: "labour_saved", unit: "minutes_per_day_per_client", value: 22, evidenceLevel: 2 },
  { ref: "md-omring-2.5h", innovation: "medicijndispenser", evidence: "md-omring-2.5h", kind: "labour_saved", unit: "hours_per_week_per_client", value: 2.5, evidenceLevel: 1 },
  // Beeldzorg: per care moment replaced; the region states how many a client has per week.
  { ref: "bz-13min", innovation: "beeldzorg-wijkverpleging", evidence: "bz-13min", kind: "labour_saved", unit: "minutes_per_event", value: 13, evidenceLevel: 2, taskName: "fysiek zorgmoment vervangen door een beeldzorgmoment" },
  // Tessa: one value per organisation, not a range.
  { ref: "ds-tessa-minutes#thebe", innovation: "dagstructuur-sociale-robot", evidence: "ds-tessa-minutes", kind: "labour_saved", unit: "minutes_per_week_per_client", value: 102, evidenceLevel: 2 },
  { ref: "ds-tessa-minutes#zorggroep", innovation: "dagstructuur-sociale-robot", evidence: "ds-tessa-minutes", kind: "labour_saved", unit: "minutes_per_week_per_client", value: 129, evidenceLevel: 2 },
  // Telemonitoring: fewer nursing days, rides and visits are less care demand, not staff hours.
  { ref: "tm-hartwacht#verpleegdagen", innovation: "telemonitoring-hartfalen", evidence: "tm-hartwacht", kind: "care_demand", unit: "pct_care_use", value: 40, evidenceLevel: 2, taskName: "verpleegdagen" },
  { ref: "tm-hartwacht#spoedritten", innovation: "telemonitoring-hartfalen", evidence: "tm-hartwacht", kind: "care_demand", unit: "pct_care_use", value: 30, evidenceLevel: 2, taskName: "spoedritten" },
  { ref: "tm-hartwacht#seh", innovation: "telemonitoring-hartfalen", evidence: "tm-hartwacht", kind: "care_demand", unit: "pct_care_use", value: 70, evidenceLevel: 2, taskName: "SEH-bezoeken" },
  { ref: "tm-scheper#opnames", innovation: "telemonitoring-hartfalen", evidence: "tm-scheper", kind: "care_demand", unit: "pct_care_use", value: 64, evidenceLevel: 2, taskName: "klinische opnames" },
  { ref: "tm-scheper#verpleegdagen", innovation: "telemonitoring-hartfalen", evidence: "tm-scheper", kind: "care_demand", unit: "pct_care_use", value: 87, evidenceLevel: 2, taskName: "verpleegdagen" },
  // Slim incontinentiemateriaal: a share of the task; the region states the task's hours.
  { ref: "si-seed", innovation: "slim-incontinentiemateriaal", evidence: "si-seed", kind: "labour_saved", unit: "pct_task_time", value: 30, evidenceLevel: 2, taskName: "verschonen en controleren van incontinentiemateriaal" },
  // Spraakgestuurd rapporteren: the value assessment (3) and two pilots (2).
  { ref: "sr-digizo#smartphone", innovation: "spraakgestuurd-rapporteren", evidence: "sr-digizo", kind: "labour_saved", unit: "pct_task_time", value: 72, evidenceLevel: 3, taskName: "invoeren van rapportages (smartphone)", derivation: "(122 − 34) / 122 = 72% van de invoertijd per rapportage" },
  { ref: "sr-digizo#laptop", innovation: "spraakgestuurd-rapporteren", evidence: "sr-digizo", kind: "labour_saved", unit: "pct_task_time", value: 58, evidenceLevel: 3, taskName: "invoeren van rapportages (laptop)", derivation: "(102 − 43) / 102 = 58% van de invoertijd per rapportage" },
  { ref: "sr-awiz-kwartier", innovation: "spraakgestuurd-rapporteren", evidence: "sr-awiz-kwartier", kind: "labour_saved", unit: "pct_task_time", value: 25, evidenceLevel: 2, taskName: "rapporteren (zelf geschatte tijd)", derivation: "(56 − 42) / 56 = 25% van de geschatte rapportagetijd" },
  { ref: "sr-patyna#vig", innovation: "spraakgestuurd-rapporteren", evidence: "sr-patyna", kind: "labour_saved", unit: "hours_per_year_per_fte", value: 43, evidenceLevel: 2, taskName: "per verzorgende IG (per medewerker, niet per fte)" },
  { ref: "sr-patyna#verpleegkundige", innovation: "spraakgestuurd-rapporteren", evidence: "sr-patyna", kind: "labour_saved", unit: "hours_per_year_per_fte", value: 93, evidenceLevel: 2, taskName: "per verpleegkundige (per medewerker, niet per fte)" },
  // AI-verslaglegging: an expectation (1) of the hospital itself.
  { ref: "ai-jbz", innovation: "ai-verslaglegging", evidence: "ai-jbz", kind: "labour_saved", unit: "pct_task_time", value: 15, evidenceLevel: 1, taskName: "registratie door medisch specialisten" },
  // eOverdracht: per handover, both sides.
  { ref: "eo-25-20#zender", innovation: "eoverdracht", evidence: "eo-25-20", kind: "labour_saved", unit: "minutes_per_event", value: 25, evidenceLevel: 1, taskName: "overdracht (zendende organisatie)" },
  { ref: "eo-25-20#ontvanger", innovation: "eoverdracht", evidence: "eo-25-20", kind: "labour_saved", unit: "minutes_per_event", value: 20, evidenceLevel: 1, taskName: "overdracht (ontvangende organisatie)" },
  { ref: "vw-9min", innovation: "verzorgend-wassen", evidence: "vw-9min", kind: "labour_saved", unit: "minutes_per_event", value: 9, evidenceLevel: 2, taskName: "wasbeurt" },
  // A supplier's claim (1).
  { ref: "pl-omring-40", innovation: "slimme-planning", evidence: "pl-omring-40", kind: "labour_saved", unit: "pct_task_time", value: 40, evidenceLevel: 1, taskName: "plannen van de zorg (planners of zelfplannende teams)" },
  // Digicoaches: the gap between two groups of staff, not an effect of coaching.
  { ref: "dv-seed", innovation: "digitale-vaardigheden-digicoaches", evidence: "dv-seed", kind: "time_spent", unit: "hours_per_week_per_fte", value: { low: 2, high: 4 }, evidenceLevel: 2, taskName: "extra tijd aan digitale taken van minder digitaal vaardige medewerkers (op 32 uur)" },
  // More hours worked: labour supply, never a saving.
  { ref: "mu-vws-20k", innovation: "zelfroosteren-meer-uren", evidence: "mu-vws-20k", kind: "labour_supply", unit: "hours_per_week_per_fte", value: 1, evidenceLevel: 1, taskName: "één uur per week meer in het contract" },
  { ref: "mu-sirm", innovation: "zelfroosteren-meer-uren", evidence: "mu-sirm", kind: "labour_supply", unit: "hours_per_week_per_fte", value: 1.1, evidenceLevel: 1, taskName: "gemiddeld 1,1 uur per week meer werken" },
  // Skill mix: work moves from nurses to other functions; no hour is saved.
  {
    ref: "th-skipr-30pct",
    innovation: "jobcarving",
    evidence: "th-skipr-30pct",
    kind: "task_shifting",
    unit: "pct_task_time",
    value: 70,
    evidenceLevel: 2,
    taskName: "werktijd van een verpleegkundige",
    derivation: "100 − 30: de rest van de tijd gaat naar taken onder verpleegkundig niveau (bovengrens van wat kan verschuiven)",
    professions: { from: ["verpleegkundige"], to: ["functies onder verpleegkundig niveau"] },
  },
];

type SourcedEvidence = (typeof sourced)["innovations"][number]["evidence"][number];
const evidenceById = new Map<string, SourcedEvidence & { innovation: string }>();
for (const inn of sourced.innovations) for (const e of inn.evidence) evidenceById.set(e.id, { ...e, innovation: inn.slug });

export function sourcedEvidence(id: string) {
  const e = evidenceById.get(id);
  if (!e) throw new Error(`No evidence ${id} in innovations-sourced.json`);
  return e;
}

/** The row a reference rating becomes (without innovation id), as the seed stores it. */
export function referenceRatingRow(r: ReferenceRating) {
  const e = sourcedEvidence(r.evidence);
  const range = typeof r.value === "number" ? { low: r.value, expected: r.value, high: r.value } : r.value;
  // A placeholder quote ("(seed document, not re-found ...)") is no quote: shown as "not found".
  const quote = e.seenInSearchExcerpt && !e.sourceQuote.startsWith("(") ? e.sourceQuote : null;
  return {
    ref: r.ref,
    kind: r.kind,
    unit: r.unit,
    taskName: r.taskName ?? null,
    taskHoursPerWeek: null,
    low: range.low,
    // Not stated: never shown nor summed (expectedStated false); the column needs a number.
    expected: range.expected ?? range.low,
    high: range.high,
    expectedStated: range.expected !== undefined,
    evidenceLevel: r.evidenceLevel,
    source: [e.publisher, e.year, e.sourceTitle].filter(Boolean).join(", "),
    claim: e.claim,
    quote,
    sourceUrl: e.sourceUrl || null,
    reporting: (e.reporting === "first-hand" ? "first_hand" : "second_hand") as Reporting,
    derivation: r.derivation ?? null,
    professions: r.professions ?? null,
  };
}

// Innovations of the researched file that the catalogue did not have; the one on skill mix is the
// existing "jobcarving" (its rating sits there), the rest come in as they are.
const alreadyInCatalogue = new Set(["taakherschikking-jobcarving"]);
export const newSourcedInnovations = sourced.innovations.filter((i) => !i.matchesExistingSlug && !alreadyInCatalogue.has(i.slug));
