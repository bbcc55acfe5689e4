// A document's blocks as Word (docx): headings as Word's title and heading styles (so its navigation
// pane and a screen reader's heading list work), tables with a repeated header row, page numbers in
// the footer, the reader's proofing language.
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { blockProgress, type Block, type DocumentSpec, type Progress } from "./blocks";

const headingLevel = { h1: HeadingLevel.TITLE, h2: HeadingLevel.HEADING_1, h3: HeadingLevel.HEADING_2 } as const;

const para = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })], spacing: { after: 80 } });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function toWord(block: Block): Array<Paragraph | Table> {
  switch (block.type) {
    case "h1":
    case "h2":
    case "h3":
      return [new Paragraph({ text: block.text, heading: headingLevel[block.type], spacing: { before: 200, after: 100 } })];
    case "p":
      return [para(block.text, { bold: block.style === "bold", italics: block.style === "muted" })];
    case "field":
      return block.value
        ? [new Paragraph({ children: [new TextRun({ text: `${block.label}: `, bold: true }), new TextRun(block.value)], spacing: { after: 80 } })]
        : [];
    case "list":
      return block.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case "table":
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }), ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
        }),
      ];
  }
}

export async function renderDocx(spec: DocumentSpec, onProgress: Progress = () => {}): Promise<Buffer> {
  const progress = blockProgress(spec.blocks.length, onProgress, 5, 70);
  const children = spec.blocks.flatMap((block, i) => {
    const out = toWord(block);
    progress(i);
    return out;
  });
  const [before, middle] = spec.pageOf.split("%p");
  const [between, after] = (middle ?? "").split("%n");
  const doc = new Document({
    creator: "Agendawerk",
    title: spec.title,
    styles: { default: { document: { run: { font: "Calibri", size: 22, language: { value: spec.lang } } } } },
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
