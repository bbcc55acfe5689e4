// The product's fixed vocabularies. Pure constants: shared by the schema, the forms and the browser
// bundle, which must not pull in the database layer.

export const organisationKinds = [
  "care_provider",
  "school",
  "municipality",
  "employer_organisation",
  "insurer",
  "knowledge_institute",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const userKinds = ["member", "adviser", "admin"] as const;
export type UserKind = (typeof userKinds)[number];

export const regionRoles = ["member", "coordinator", "board"] as const;
export type RegionRole = (typeof regionRoles)[number];

export const agendaStatuses = ["concept", "actief", "gearchiveerd"] as const;

// In the order an item moves through them; "voorgesteld" predates execution records and stays for the
// items that carry it. "geborgd": embedded in regular work; "gestopt" needs a lesson learned (issue 15).
export const itemStatuses = [
  "idee",
  "voorgesteld",
  "prioriteit",
  "in_voorbereiding",
  "in_uitvoering",
  "geborgd",
  "opgeschaald",
  "gestopt",
] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Every item starts here; any later status is an execution record with its history (decision 028). */
export const initialItemStatus: ItemStatus = "idee";

/** Milestone states: open until done (or dropped, which keeps it visible with the reason). */
export const milestoneStates = ["open", "gehaald", "vervallen"] as const;
export type MilestoneState = (typeof milestoneStates)[number];

/** A progress note's risk: how likely the item misses its next step. */
export const progressRisks = ["laag", "middel", "hoog"] as const;
export type ProgressRisk = (typeof progressRisks)[number];

// Measured savings (issue 15): a baseline and measurements per item, each in one of these units;
// app/domain/measurements.ts says how each becomes hours per week (docs/savings.md, "Gemeten besparing").
export const measurementUnits = ["hours_per_week", "overtime_hours_per_month", "vacancies_fte", "minutes_per_client"] as const;
export type MeasurementUnit = (typeof measurementUnits)[number];

/** The baseline is the situation before the item; measurements are compared with it. */
export const measurementKinds = ["baseline", "measurement"] as const;
export type MeasurementKind = (typeof measurementKinds)[number];

/** Entered by hand (by whom is created_by) or read from an uploaded file (its name and row). */
export const measurementSources = ["hand", "import"] as const;
export type MeasurementSource = (typeof measurementSources)[number];

/** An upload is kept as a preview until the user confirms it (or it expires unconfirmed). */
export const measurementImportStatuses = ["preview", "confirmed"] as const;

export const mechanisms = ["prevention", "substitution", "working-differently"] as const;
export type Mechanism = (typeof mechanisms)[number];

// A rating keeps the unit its source uses; app/domain/savings.ts says how each becomes hours (and
// which need a field of the item's link, or an assumption nobody has made).
export const savingUnits = [
  "hours_per_week_per_client",
  "hours_per_week_per_fte",
  "pct_task_time",
  "minutes_per_day_per_client",
  "minutes_per_week_per_client",
  "hours_per_year_per_fte",
  "minutes_per_event",
  "pct_care_use",
] as const;
export type SavingUnit = (typeof savingUnits)[number];

// What a rated figure is: only labour saved adds up to a saving. More hours worked (supply) and work
// moved between professions (shifting) are shown apart; a drop in care use (fewer nursing days) is
// care demand, and time a task takes now is no effect at all.
export const ratingKinds = ["labour_saved", "labour_supply", "task_shifting", "care_demand", "time_spent"] as const;
export type RatingKind = (typeof ratingKinds)[number];

/** First-hand: published by whoever measured or estimated; second-hand: relayed by someone else. */
export const reportings = ["first_hand", "second_hand"] as const;
export type Reporting = (typeof reportings)[number];

export const barrierStatuses = [
  "open",
  "in_behandeling",
  "geescaleerd",
  "opgelost",
  "niet_oplosbaar",
] as const;

export const severities = ["laag", "middel", "hoog"] as const;

export const solveLevels = ["organisatie", "regio", "landelijk"] as const;

export const proposalStatuses = ["open", "adopted", "returned", "expired"] as const;

export const voteValues = ["akkoord", "bezwaar", "onthouding"] as const;

/** What a region's saving target or expected shortage counts: people (heads) or FTE (full-time jobs). */
export const targetUnits = ["people", "fte"] as const;
export type TargetUnit = (typeof targetUnits)[number];
