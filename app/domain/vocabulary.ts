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

export const itemStatuses = [
  "idee",
  "voorgesteld",
  "prioriteit",
  "in_uitvoering",
  "opgeschaald",
  "gestopt",
] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const mechanisms = ["prevention", "substitution", "working-differently"] as const;
export type Mechanism = (typeof mechanisms)[number];

export const savingUnits = [
  "hours_per_week_per_client",
  "hours_per_week_per_fte",
  "pct_task_time",
] as const;
export type SavingUnit = (typeof savingUnits)[number];

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
