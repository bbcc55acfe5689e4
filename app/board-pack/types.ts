// What a board pack contains, fully resolved (texts already translated, dates formatted), so the
// renderer in the worker needs neither the database nor the dictionaries.
import { documentMime, type DocumentFormat } from "../documents/blocks";

export type BoardPackData = {
  fileBase: string;
  /** The document's language (PDF /Lang): the reader's. */
  lang: string;
  title: string;
  labels: {
    heading: string;
    region: string;
    agenda: string;
    period: string;
    status: string;
    generatedOn: string;
    rule: string;
    outcome: string;
    priorities: string;
    savings: string;
    rank: string;
    item: string;
    hoursPerYear: string;
    fte: string;
    evidence: string;
    barriers: string;
    noBarriers: string;
    basedOn: string;
    votes: string;
    noVotes: string;
    voter: string;
    vote: string;
    at: string;
    allItems: string;
    why: string;
    plan: string;
    lead: string;
    reason: string;
    comment: string;
    /** "Pagina %p van %n". */
    pageOf: string;
  };
  regionName: string;
  agendaTitle: string;
  agendaPeriod: string;
  statusLine: string;
  /** When and why the decision fell, and who did not vote; empty while open. */
  outcomeLines: string[];
  ruleText: string;
  proposedLine: string;
  /** Whether the savings are those frozen with the proposal, or were never recorded. */
  savingsIntro: string;
  savingsRows: Array<{ rank: string; title: string; hours: string; fte: string; evidence: string }>;
  /** Said once, for the rows without a figure. */
  savingsNote: string | null;
  savingsTotal: string | null;
  priorities: Array<{
    rank: number;
    title: string;
    meta: string;
    leadOrganisation: string;
    why: string;
    planText: string;
    savingsLine: string | null;
    sources: string[];
    /** Open barriers when proposed; null when they were not recorded. */
    barriers: string[] | null;
  }>;
  votes: Array<{ name: string; value: string; reason: string; comment: string; at: string }>;
  otherItems: Array<{ title: string; status: string }>;
};

export type PackFormat = DocumentFormat;
export const packFormats: readonly PackFormat[] = ["pdf", "docx"];
export const packMime = documentMime;
