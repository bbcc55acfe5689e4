// Word documents for the import's tests, bench and fixture (decision 034), made with the `docx`
// package: the sample regional agenda (tests/fixtures/regio-agenda.docx is this, written by
// tests/fixtures/make-word-agenda.ts) and a long agenda of numbered pages for the timing.
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

// A 2 x 2 PNG (grey), enough for Word to hold a picture.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkYGD4z8DAwMDAxMDAAAAOHgEBaCzYjAAAAABJRU5ErkJggg==",
  "base64",
);

export const SAMPLE_ITEMS = [
  { title: "Slimme zorg thuis", trekker: "Zuyderland", period: "Q1 2025 – Q4 2026", mechanism: "Substitutie / zelfredzaamheid", plan: "Inzet van beeldzorg en sensoren in de wijk." },
  { title: "Valpreventie in de wijk", trekker: "GGD Zuid Limburg", period: "2025 – 2027", mechanism: "Preventie", plan: "Valrisico vroeg signaleren met de huisarts." },
  { title: "Roosteren met zelfroosteren", trekker: "Sevagram", period: "jan 2026 t/m dec 2026", mechanism: "Anders werken", plan: "Teams maken hun eigen rooster." },
];

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

/** The sample agenda: headings, an introduction with bold, italic, a link, a list, a picture and a comment, and a table of items. */
export async function sampleAgenda(): Promise<Buffer> {
  const doc = new Document({
    creator: "Werkgroep Zuid-Limburg",
    title: "Regionale innovatieagenda Zuid-Limburg",
    comments: {
      children: [{ id: 0, author: "Coördinator", date: new Date("2025-01-15T10:00:00Z"), children: [new Paragraph("Nog afstemmen met de stuurgroep.")] }],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Regionale innovatieagenda Zuid-Limburg" }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: "Inleiding" }),
          new Paragraph({
            children: [
              new TextRun("De regio zet in op "),
              new TextRun({ text: "arbeidsbesparing", bold: true }),
              new TextRun(" in zorg en welzijn, "),
              new TextRun({ text: "samen met de partners", italics: true }),
              new TextRun(". Zie ook "),
              new ExternalHyperlink({ link: "https://www.example.org/regioplan", children: [new TextRun({ text: "het regioplan", style: "Hyperlink" })] }),
              new TextRun("."),
            ],
          }),
          new Paragraph({
            children: [new CommentRangeStart(0), new TextRun("Onze speerpunten zijn:"), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })],
          }),
          new Paragraph({ text: "minder administratie", bullet: { level: 0 } }),
          new Paragraph({ text: "meer zelfredzaamheid", bullet: { level: 0 } }),
          new Paragraph({ text: "slimmer roosteren", bullet: { level: 0 } }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 40, height: 40 } })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: "Agendapunten" }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: ["Titel", "Trekker", "Periode", "Mechanisme", "Omschrijving"].map((h) => cell(h, true)) }),
              ...SAMPLE_ITEMS.map((i) => new TableRow({ children: [cell(i.title), cell(i.trekker), cell(i.period), cell(i.mechanism), cell(i.plan)] })),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const WORDS = "zorg welzijn medewerkers tijd cliënten wijkteam huisarts sensoren beeldbellen planning opleiding regio partners besparing evaluatie".split(" ");
const sentence = (seed: number, words: number) =>
  Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";

/** About `pages` pages of A4: one item per heading with its lead and period lines and ~400 words of plan each. */
export async function longAgenda(pages = 50): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Regionaal plan (lang)" }),
    new Paragraph({ children: [new TextRun("Dit plan beschrijft "), new TextRun({ text: "alle", bold: true }), new TextRun(" agendapunten van de regio.")] }),
  ];
  for (let n = 1; n <= pages; n++) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: `Agendapunt ${n}` }));
    children.push(new Paragraph(`Trekker: Organisatie ${n}`));
    children.push(new Paragraph(`Periode: Q${(n % 4) + 1} 2026 – Q4 2027`));
    for (let p = 0; p < 4; p++) {
      children.push(new Paragraph({ children: [new TextRun(sentence(n + p, 50)), new TextRun({ text: ` ${sentence(n * p, 20)}`, italics: true }), new TextRun(` ${sentence(p, 30)}`)] }));
    }
    children.push(new Paragraph({ text: sentence(n, 12), bullet: { level: 0 } }), new Paragraph({ text: sentence(n + 1, 12), bullet: { level: 0 } }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
