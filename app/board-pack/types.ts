// What a board pack contains, fully resolved (texts already translated, dates formatted), so the
// renderer in the worker needs neither the database nor the dictionaries.

export type PackRange = { low: number; expected: number; high: number };

export type BoardPackData = {
  fileBase: string;
  labels: {
    heading: string;
    region: string;
    agenda: string;
    period: string;
    status: string;
    generatedOn: string;
    rule: string;
    priorities: string;
    savings: string;
    savingsUnavailable: string;
    savingsTotal: string | null;
    votes: string;
    noVotes: string;
    decision: string;
    allItems: string;
    why: string;
    plan: string;
    lead: string;
    reason: string;
    comment: string;
  };
  regionName: string;
  agendaTitle: string;
  agendaPeriod: string;
  statusLine: string;
  decisionLine: string | null;
  ruleText: string;
  proposedLine: string;
  priorities: Array<{
    rank: number;
    title: string;
    meta: string;
    leadOrganisation: string;
    why: string;
    planText: string;
    savingsLine: string | null;
  }>;
  votes: Array<{ name: string; value: string; reason: string | null; comment: string | null; at: string }>;
  otherItems: Array<{ title: string; status: string }>;
};

export type PackFormat = "pdf" | "docx";
export const packFormats: readonly PackFormat[] = ["pdf", "docx"];
export const packMime: Record<PackFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
