// Training and funding per agenda item (issue 15, decision 030): who must learn to work with the
// innovation, where, and what money pays for it. Pure: the schema, the forms, the flag rule and the
// browser share these vocabularies and sums.
import { formatDecimal, type NumberLocale } from "./numbers";

/**
 * A training need trains people of a role at a school or provider; an implementation line is other
 * one-off time the item costs (project time, a super-user's hours). Both are hours the net saving
 * subtracts (docs/savings.md).
 */
export const trainingKinds = ["opleiding", "implementatie"] as const;
export type TrainingKind = (typeof trainingKinds)[number];

/** The school type a region's schools plan capacity by; "anders" is a private or in-house provider. */
export const schoolTypes = ["mbo", "hbo", "anders"] as const;
export type SchoolType = (typeof schoolTypes)[number];

export const trainingStatuses = ["gepland", "bezig", "afgerond"] as const;
export type TrainingStatus = (typeof trainingStatuses)[number];

/** The funding routes a region draws on (docs/glossary.md names each); "anders" needs a note. */
export const fundingRoutes = [
  "stoz_implementatiestart",
  "stoz_opschaling",
  "stoz_evaluatie",
  "iza_transformatiemiddelen",
  "sectorplanplus",
  "azwa_opleidingsmiddelen",
  "eigen_middelen",
  "anders",
] as const;
export type FundingRoute = (typeof fundingRoutes)[number];

export const fundingStatuses = ["aangevraagd", "toegekend", "afgewezen", "besteed"] as const;
export type FundingStatus = (typeof fundingStatuses)[number];

export type TrainingLine = {
  id: number;
  itemId: string;
  kind: TrainingKind;
  role: string;
  people: number;
  hoursPerPerson: number;
  provider: string;
  schoolType: SchoolType | null;
  skillsLab: boolean;
  status: TrainingStatus;
  period: string | null;
};

export const lineHours = (line: Pick<TrainingLine, "people" | "hoursPerPerson">) => line.people * line.hoursPerPerson;

export type ItemTrainingHours = {
  /** Hours of training: people × hours per person, over every training need. */
  training: number;
  /** Other one-off hours (project time). */
  implementation: number;
  total: number;
  /** What the totals are made of, so every figure leads to its lines. */
  lines: TrainingLine[];
};

/** Training and implementation hours per item; items without lines are absent (no hours, not zero known). */
export function hoursPerItem(lines: readonly TrainingLine[]): Map<string, ItemTrainingHours> {
  const out = new Map<string, ItemTrainingHours>();
  for (const line of lines) {
    let entry = out.get(line.itemId);
    if (!entry) out.set(line.itemId, (entry = { training: 0, implementation: 0, total: 0, lines: [] }));
    const hours = lineHours(line);
    if (line.kind === "opleiding") entry.training += hours;
    else entry.implementation += hours;
    entry.total += hours;
    entry.lines.push(line);
  }
  return out;
}

/** `label`: the key as the first line wrote it (the key itself may be normalised). */
export type DemandRow = { key: string; label: string; people: number; hours: number; lines: number };

/**
 * A region's training demand summed by a key (role, school type, provider, quarter). Implementation
 * lines are no demand on schools and are left out; so are done trainings (the demand is what is still
 * to be taught).
 */
export function sumDemand(lines: readonly TrainingLine[], keyOf: (line: TrainingLine) => string, labelOf: (line: TrainingLine) => string = keyOf): DemandRow[] {
  const rows = new Map<string, DemandRow>();
  for (const line of lines) {
    if (!isOpenDemand(line)) continue;
    const key = keyOf(line);
    const row = rows.get(key) ?? { key, label: labelOf(line), people: 0, hours: 0, lines: 0 };
    row.people += line.people;
    row.hours += lineHours(line);
    row.lines += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.hours - a.hours || a.key.localeCompare(b.key, "nl"));
}

export const isOpenDemand = (line: Pick<TrainingLine, "kind" | "status">) => line.kind === "opleiding" && line.status !== "afgerond";

/** The key a need is counted under when nobody has named a school or provider yet. */
export const NO_PROVIDER = "";
export const providerKey = (line: Pick<TrainingLine, "provider">) => line.provider.trim() || NO_PROVIDER;
/** Case and spacing differ between people typing the same role; they count as one. */
export const roleLabel = (line: Pick<TrainingLine, "role">) => line.role.trim().replace(/\s+/g, " ");
export const roleKey = (line: Pick<TrainingLine, "role">) => roleLabel(line).toLocaleLowerCase("nl");

/** An amount kept in cents as this UI language writes euros ("€ 12.500,50"; whole euros without ",00"). */
export function formatEuros(cents: number, locale: NumberLocale): string {
  const euros = formatDecimal(cents / 100, locale, 2);
  return locale === "nl" ? `€ ${euros}` : `€${euros}`;
}
