// A document's blocks as a tagged PDF (pdfkit): PDF/UA's basics, as government documents must be
// accessible. Document language and title (shown as the window title), a structure tree in reading
// order with headings (H1, H2, H3), paragraphs, lists and tables with header cells; page numbers
// are artifacts, outside the reading order.
import PDFDocument from "pdfkit";
import { blockProgress, type Block, type DocumentSpec, type Progress } from "./blocks";

const ink = "#0f172a";
const muted = "#334155";

export function renderTaggedPdf(spec: DocumentSpec, onProgress: Progress = () => {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      bufferPages: true,
      tagged: true,
      pdfVersion: "1.7",
      lang: spec.lang,
      displayTitle: true,
      info: { Title: spec.title, Author: "Agendawerk" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const root = doc.struct("Document");
    doc.addStructure(root);
    const tag = (type: string, draw: () => void) => root.add(doc.struct(type, {}, draw));

    const draw = (block: Block) => {
      switch (block.type) {
        case "h1":
          return tag("H1", () => doc.font("Helvetica-Bold").fontSize(20).fillColor(ink).text(block.text).moveDown(0.5));
        case "h2":
          return tag("H2", () => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).fillColor(ink).text(block.text).moveDown(0.3));
        case "h3":
          return tag("H3", () => doc.moveDown(0.4).font("Helvetica-Bold").fontSize(11.5).fillColor(ink).text(block.text));
        case "p":
          return tag("P", () =>
            doc
              .font(block.style === "bold" ? "Helvetica-Bold" : "Helvetica")
              .fontSize(10.5)
              .fillColor(block.style === "muted" ? muted : ink)
              .text(block.text, { paragraphGap: 3 }),
          );
        case "field":
          if (!block.value) return;
          return tag("P", () => {
            doc.font("Helvetica-Bold").fontSize(10.5).fillColor(ink).text(`${block.label}: `, { continued: true });
            doc.font("Helvetica").text(block.value, { paragraphGap: 3 });
          });
        case "list": {
          const l = doc.struct("L");
          root.add(l);
          for (const item of block.items) l.add(doc.struct("LI", {}, () => doc.font("Helvetica").fontSize(10.5).fillColor(ink).text(`• ${item}`, { indent: 8, paragraphGap: 2 })));
          l.end();
          return;
        }
        case "table": {
          doc.moveDown(0.3).font("Helvetica").fontSize(9.5).fillColor(ink);
          // structParent makes it a Table of TR/TH/TD elements (pdfkit 0.17; not in @types/pdfkit 0.17.3).
          const tagged = { structParent: root };
          doc.table({
            ...tagged,
            defaultStyle: { border: 0.5, borderColor: "#94a3b8", padding: 4 },
            data: [block.header.map((text) => ({ text, type: "TH" as const, scope: "column", font: { src: "Helvetica-Bold" }, backgroundColor: "#e2e8f0" })), ...block.rows],
          });
          doc.moveDown(0.5);
          return;
        }
      }
    };
    const progress = blockProgress(spec.blocks.length, onProgress);
    spec.blocks.forEach((block, i) => {
      draw(block);
      progress(i);
    });
    root.end();

    // Page numbers once the count is known.
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
        .text(spec.pageOf.replace("%p", String(i + 1)).replace("%n", String(pages.count)), doc.page.margins.left, doc.page.height - 36, {
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
