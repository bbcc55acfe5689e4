// Renders a board pack as PDF (pdfkit) or Word (docx). Runs in a worker thread: CPU-bound work
// that must not stall the server's event loop for other users.
// The PDF is tagged (PDF/UA's basics, as government documents must be accessible): document
// language and title (shown as the window title), a structure tree in reading order with headings
// (H1, H2, H3), paragraphs, lists and tables with header cells; page numbers are artifacts.
import PDFDocument from "pdfkit";
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  Table,
  TableRow,
  TableCell,
  WidthType,
} from "docx";
import type { BoardPackData, PackFormat } from "./types";

type Progress = (percent: number) => void;

export async function renderBoardPack(format: PackFormat, data: BoardPackData, onProgress: Progress = () => {}) {
  return format === "pdf" ? renderPdf(data, onProgress) : renderDocx(data, onProgress);
}

const ink = "#0f172a";
const muted = "#334155";

/** The pack's tables: header row first, one row per entry. */
function packTables(data: BoardPackData) {
  const { labels } = data;
  return {
    savings: {
      header: [labels.rank, labels.item, labels.hoursPerYear, labels.fte, labels.evidence],
      rows: data.savingsRows.map((r) => [r.rank, r.title, r.hours, r.fte, r.evidence]),
    },
    votes: {
      header: [labels.voter, labels.vote, labels.reason, labels.comment, labels.at],
      rows: data.votes.map((v) => [v.name, v.value, v.reason, v.comment, v.at]),
    },
  };
}

export function renderPdf(data: BoardPackData, onProgress: Progress): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      bufferPages: true,
      tagged: true,
      pdfVersion: "1.7",
      lang: data.lang,
      displayTitle: true,
      info: { Title: data.title, Author: "Agendawerk" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const { labels } = data;
    const tables = packTables(data);
    const root = doc.struct("Document");
    doc.addStructure(root);
    const tag = (type: string, draw: () => void) => root.add(doc.struct(type, {}, draw));

    const h1 = (t: string) => tag("H1", () => doc.font("Helvetica-Bold").fontSize(20).fillColor(ink).text(t).moveDown(0.5));
    const h2 = (t: string) => tag("H2", () => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).fillColor(ink).text(t).moveDown(0.3));
    const h3 = (t: string) => tag("H3", () => doc.moveDown(0.4).font("Helvetica-Bold").fontSize(11.5).fillColor(ink).text(t));
    const p = (t: string, opts: { muted?: boolean; bold?: boolean } = {}) =>
      tag("P", () => doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(10.5).fillColor(opts.muted ? muted : ink).text(t, { paragraphGap: 3 }));
    const field = (label: string, value: string) => {
      if (!value) return;
      tag("P", () => {
        doc.font("Helvetica-Bold").fontSize(10.5).fillColor(ink).text(`${label}: `, { continued: true });
        doc.font("Helvetica").text(value, { paragraphGap: 3 });
      });
    };
    const list = (items: string[]) => {
      const l = doc.struct("L");
      root.add(l);
      for (const item of items) l.add(doc.struct("LI", {}, () => doc.font("Helvetica").fontSize(10.5).fillColor(ink).text(`• ${item}`, { indent: 8, paragraphGap: 2 })));
      l.end();
    };
    const table = ({ header, rows }: { header: string[]; rows: string[][] }) => {
      doc.moveDown(0.3).font("Helvetica").fontSize(9.5).fillColor(ink);
      // structParent makes it a Table of TR/TH/TD elements (pdfkit 0.17; not in @types/pdfkit 0.17.3).
      const tagged = { structParent: root };
      doc.table({
        ...tagged,
        defaultStyle: { border: 0.5, borderColor: "#94a3b8", padding: 4 },
        data: [header.map((text) => ({ text, type: "TH" as const, scope: "column", font: { src: "Helvetica-Bold" }, backgroundColor: "#e2e8f0" })), ...rows],
      });
      doc.moveDown(0.5);
    };

    h1(labels.heading);
    field(labels.region, data.regionName);
    field(labels.agenda, data.agendaTitle);
    field(labels.period, data.agendaPeriod);
    field(labels.status, data.statusLine);
    p(data.proposedLine, { muted: true });
    p(labels.generatedOn, { muted: true });
    h2(labels.rule);
    p(data.ruleText);
    if (data.outcomeLines.length) {
      h2(labels.outcome);
      for (const line of data.outcomeLines) p(line);
    }
    onProgress(20);

    h2(labels.savings);
    p(data.savingsIntro, { muted: true });
    if (tables.savings.rows.length) table(tables.savings);
    if (data.savingsNote) p(data.savingsNote, { muted: true });
    if (data.savingsTotal) p(data.savingsTotal, { bold: true });

    h2(labels.priorities);
    data.priorities.forEach((item, i) => {
      h3(`${item.rank}. ${item.title}`);
      if (item.meta) p(item.meta, { muted: true });
      field(labels.lead, item.leadOrganisation);
      field(labels.why, item.why);
      field(labels.plan, item.planText);
      if (item.savingsLine) field(labels.savings, item.savingsLine);
      if (item.sources.length) {
        p(`${labels.basedOn}:`, { bold: true });
        list(item.sources);
      }
      if (item.barriers) {
        p(`${labels.barriers}:`, { bold: true });
        if (item.barriers.length) list(item.barriers);
        else p(labels.noBarriers);
      }
      onProgress(20 + Math.round((50 * (i + 1)) / data.priorities.length));
    });

    h2(labels.votes);
    if (tables.votes.rows.length) table(tables.votes);
    else p(labels.noVotes);
    onProgress(85);
    if (data.otherItems.length) {
      h2(labels.allItems);
      list(data.otherItems.map((o) => `${o.title} (${o.status})`));
    }
    root.end();

    // Page numbers once the count is known: artifacts, outside the reading order.
    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent("Artifact", { type: "Pagination" });
      doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(muted)
        .text(labels.pageOf.replace("%p", String(i + 1)).replace("%n", String(pages.count)), doc.page.margins.left, doc.page.height - 36, {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: "center",
          lineBreak: false,
        });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    onProgress(95);
  });
}

export async function renderDocx(data: BoardPackData, onProgress: Progress): Promise<Buffer> {
  const { labels } = data;
  const tables = packTables(data);
  const para = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })], spacing: { after: 80 } });
  const field = (label: string, value: string) =>
    value
      ? [new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)], spacing: { after: 80 } })]
      : [];
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level, spacing: { before: 200, after: 100 } });
  const bullets = (items: string[]) => items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const table = ({ header, rows }: { header: string[]; rows: string[][] }) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
    });

  const children: Array<Paragraph | Table> = [
    heading(labels.heading, HeadingLevel.TITLE),
    ...field(labels.region, data.regionName),
    ...field(labels.agenda, data.agendaTitle),
    ...field(labels.period, data.agendaPeriod),
    ...field(labels.status, data.statusLine),
    para(data.proposedLine, { italics: true }),
    para(labels.generatedOn, { italics: true }),
    heading(labels.rule, HeadingLevel.HEADING_1),
    para(data.ruleText),
  ];
  if (data.outcomeLines.length) children.push(heading(labels.outcome, HeadingLevel.HEADING_1), ...data.outcomeLines.map((l) => para(l)));
  children.push(heading(labels.savings, HeadingLevel.HEADING_1), para(data.savingsIntro, { italics: true }));
  if (tables.savings.rows.length) children.push(table(tables.savings));
  if (data.savingsNote) children.push(para(data.savingsNote, { italics: true }));
  if (data.savingsTotal) children.push(para(data.savingsTotal, { bold: true }));
  children.push(heading(labels.priorities, HeadingLevel.HEADING_1));
  onProgress(20);
  data.priorities.forEach((item, i) => {
    children.push(heading(`${item.rank}. ${item.title}`, HeadingLevel.HEADING_2));
    if (item.meta) children.push(para(item.meta, { italics: true }));
    children.push(...field(labels.lead, item.leadOrganisation), ...field(labels.why, item.why), ...field(labels.plan, item.planText));
    if (item.savingsLine) children.push(...field(labels.savings, item.savingsLine));
    if (item.sources.length) children.push(para(`${labels.basedOn}:`, { bold: true }), ...bullets(item.sources));
    if (item.barriers) children.push(para(`${labels.barriers}:`, { bold: true }), ...(item.barriers.length ? bullets(item.barriers) : [para(labels.noBarriers)]));
    onProgress(20 + Math.round((40 * (i + 1)) / data.priorities.length));
  });
  children.push(heading(labels.votes, HeadingLevel.HEADING_1));
  children.push(tables.votes.rows.length ? table(tables.votes) : para(labels.noVotes));
  if (data.otherItems.length) children.push(heading(labels.allItems, HeadingLevel.HEADING_1), ...bullets(data.otherItems.map((o) => `${o.title} (${o.status})`)));
  onProgress(70);
  const [before, middle] = labels.pageOf.split("%p");
  const [between, after] = (middle ?? "").split("%n");
  const doc = new Document({
    creator: "Agendawerk",
    title: data.title,
    styles: { default: { document: { run: { font: "Calibri", size: 22, language: { value: data.lang } } } } },
    sections: [
      {
        children,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after ?? ""] })] }),
            ],
          }),
        },
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  onProgress(95);
  return buffer;
}
