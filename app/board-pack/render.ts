// A board pack laid out as blocks (app/documents): the shared renderers make the tagged PDF and the
// Word file of them, in a worker thread (jobs.server.ts), so CPU-bound work never stalls the server.
import type { Block, DocumentSpec, Progress } from "../documents/blocks";
import { renderTaggedPdf } from "../documents/tagged-pdf";
import type { BoardPackData } from "./types";

export const renderPdf = (data: BoardPackData, onProgress: Progress) => renderTaggedPdf(boardPackDocument(data), onProgress);

/** The pack in reading order. */
export function boardPackDocument(data: BoardPackData): DocumentSpec {
  const { labels } = data;
  const blocks: Block[] = [];
  const add = (...b: Block[]) => blocks.push(...b);
  const p = (text: string, style?: "muted" | "bold"): Block => ({ type: "p", text, style });
  const field = (label: string, value: string): Block => ({ type: "field", label, value });

  add(
    { type: "h1", text: labels.heading },
    field(labels.region, data.regionName),
    field(labels.agenda, data.agendaTitle),
    field(labels.period, data.agendaPeriod),
    field(labels.status, data.statusLine),
    p(data.proposedLine, "muted"),
    p(labels.generatedOn, "muted"),
    { type: "h2", text: labels.rule },
    p(data.ruleText),
  );
  if (data.outcomeLines.length) add({ type: "h2", text: labels.outcome }, ...data.outcomeLines.map((line) => p(line)));

  add({ type: "h2", text: labels.savings }, p(data.savingsIntro, "muted"));
  if (data.savingsRows.length) {
    add({ type: "table", header: [labels.rank, labels.item, labels.hoursPerYear, labels.fte, labels.evidence], rows: data.savingsRows.map((r) => [r.rank, r.title, r.hours, r.fte, r.evidence]) });
  }
  if (data.savingsNote) add(p(data.savingsNote, "muted"));
  if (data.savingsTotal) add(p(data.savingsTotal, "bold"));

  add({ type: "h2", text: labels.priorities });
  for (const item of data.priorities) {
    add({ type: "h3", text: `${item.rank}. ${item.title}` });
    if (item.meta) add(p(item.meta, "muted"));
    add(field(labels.lead, item.leadOrganisation), field(labels.why, item.why), field(labels.plan, item.planText));
    if (item.savingsLine) add(field(labels.savings, item.savingsLine));
    if (item.sources.length) add(p(`${labels.basedOn}:`, "bold"), { type: "list", items: item.sources });
    if (item.barriers) add(p(`${labels.barriers}:`, "bold"), item.barriers.length ? { type: "list", items: item.barriers } : p(labels.noBarriers));
  }

  add({ type: "h2", text: labels.votes });
  add(
    data.votes.length
      ? { type: "table", header: [labels.voter, labels.vote, labels.reason, labels.comment, labels.at], rows: data.votes.map((v) => [v.name, v.value, v.reason, v.comment, v.at]) }
      : p(labels.noVotes),
  );
  if (data.otherItems.length) add({ type: "h2", text: labels.allItems }, { type: "list", items: data.otherItems.map((o) => `${o.title} (${o.status})`) });
  return { lang: data.lang, title: data.title, pageOf: labels.pageOf, blocks };
}
