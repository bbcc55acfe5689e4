// Renders a board pack as PDF (pdfkit) or Word (docx). Runs in a worker thread: CPU-bound work
// that must not stall the server's event loop for other users.
import PDFDocument from "pdfkit";
import { Document, HeadingLevel, Packer, Paragraph, TextRun, Table, TableRow, TableCell, WidthType } from "docx";
import type { BoardPackData, PackFormat } from "./types";

type Progress = (percent: number) => void;

export async function renderBoardPack(format: PackFormat, data: BoardPackData, onProgress: Progress = () => {}) {
  return format === "pdf" ? renderPdf(data, onProgress) : renderDocx(data, onProgress);
}

export function renderPdf(data: BoardPackData, onProgress: Progress): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      info: { Title: `${data.labels.heading} – ${data.agendaTitle}`, Author: "Agendawerk" },
      lang: "nl-NL",
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const { labels } = data;
    const h1 = (t: string) => doc.font("Helvetica-Bold").fontSize(20).fillColor("#0f172a").text(t).moveDown(0.5);
    const h2 = (t: string) => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).fillColor("#0f172a").text(t).moveDown(0.3);
    const h3 = (t: string) => doc.moveDown(0.4).font("Helvetica-Bold").fontSize(11.5).fillColor("#0f172a").text(t);
    const p = (t: string, opts: { muted?: boolean; bold?: boolean } = {}) =>
      doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(10.5).fillColor(opts.muted ? "#334155" : "#0f172a").text(t, { paragraphGap: 3 });
    const field = (label: string, value: string) => {
      if (!value) return;
      doc.font("Helvetica-Bold").fontSize(10.5).fillColor("#0f172a").text(`${label}: `, { continued: true });
      doc.font("Helvetica").text(value, { paragraphGap: 3 });
    };

    h1(labels.heading);
    field(labels.region, data.regionName);
    field(labels.agenda, data.agendaTitle);
    field(labels.period, data.agendaPeriod);
    field(labels.status, data.statusLine);
    if (data.decisionLine) p(data.decisionLine);
    p(data.proposedLine, { muted: true });
    p(labels.generatedOn, { muted: true });
    h2(labels.rule);
    p(data.ruleText);
    onProgress(20);

    h2(labels.priorities);
    data.priorities.forEach((item, i) => {
      h3(`${item.rank}. ${item.title}`);
      if (item.meta) p(item.meta, { muted: true });
      field(labels.lead, item.leadOrganisation);
      field(labels.why, item.why);
      field(labels.plan, item.planText);
      field(labels.savings, item.savingsLine ?? labels.savingsUnavailable);
      onProgress(20 + Math.round((50 * (i + 1)) / data.priorities.length));
    });
    h2(labels.savings);
    p(labels.savingsTotal ?? labels.savingsUnavailable);

    h2(labels.votes);
    if (!data.votes.length) p(labels.noVotes);
    for (const v of data.votes) {
      p(`${v.name}: ${v.value} (${v.at})`, { bold: true });
      if (v.reason) field(labels.reason, v.reason);
      if (v.comment) field(labels.comment, v.comment);
    }
    onProgress(85);
    if (data.otherItems.length) {
      h2(labels.allItems);
      for (const o of data.otherItems) p(`• ${o.title} (${o.status})`);
    }
    doc.end();
    onProgress(95);
  });
}

export async function renderDocx(data: BoardPackData, onProgress: Progress): Promise<Buffer> {
  const { labels } = data;
  const para = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })], spacing: { after: 80 } });
  const field = (label: string, value: string) =>
    value
      ? [new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)], spacing: { after: 80 } })]
      : [];
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level, spacing: { before: 200, after: 100 } });

  const children: Array<Paragraph | Table> = [
    heading(labels.heading, HeadingLevel.TITLE),
    ...field(labels.region, data.regionName),
    ...field(labels.agenda, data.agendaTitle),
    ...field(labels.period, data.agendaPeriod),
    ...field(labels.status, data.statusLine),
    ...(data.decisionLine ? [para(data.decisionLine)] : []),
    para(data.proposedLine, { italics: true }),
    para(labels.generatedOn, { italics: true }),
    heading(labels.rule, HeadingLevel.HEADING_1),
    para(data.ruleText),
    heading(labels.priorities, HeadingLevel.HEADING_1),
  ];
  onProgress(20);
  data.priorities.forEach((item, i) => {
    children.push(heading(`${item.rank}. ${item.title}`, HeadingLevel.HEADING_2));
    if (item.meta) children.push(para(item.meta, { italics: true }));
    children.push(
      ...field(labels.lead, item.leadOrganisation),
      ...field(labels.why, item.why),
      ...field(labels.plan, item.planText),
      ...field(labels.savings, item.savingsLine ?? labels.savingsUnavailable),
    );
    onProgress(20 + Math.round((40 * (i + 1)) / data.priorities.length));
  });
  children.push(heading(labels.savings, HeadingLevel.HEADING_1), para(labels.savingsTotal ?? labels.savingsUnavailable));
  children.push(heading(labels.votes, HeadingLevel.HEADING_1));
  if (!data.votes.length) children.push(para(labels.noVotes));
  else {
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: [cell("", true), cell(labels.decision, true), cell(labels.reason, true), cell(labels.comment, true)] }),
          ...data.votes.map((v) => new TableRow({ children: [cell(`${v.name} (${v.at})`), cell(v.value), cell(v.reason ?? ""), cell(v.comment ?? "")] })),
        ],
      }),
    );
  }
  if (data.otherItems.length) {
    children.push(heading(labels.allItems, HeadingLevel.HEADING_1));
    for (const o of data.otherItems) children.push(new Paragraph({ text: `${o.title} (${o.status})`, bullet: { level: 0 } }));
  }
  onProgress(70);
  const doc = new Document({
    creator: "Agendawerk",
    title: `${labels.heading} – ${data.agendaTitle}`,
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  onProgress(95);
  return buffer;
}
