// A document as a list of blocks, fully resolved to text: what the board pack and the progress report
// are made of, rendered alike as a tagged PDF (tagged-pdf.ts), a Word file (docx.ts) and, for the
// report's preview, HTML. Pure: the renderers run in worker threads and need neither database nor
// dictionaries.

export type Block =
  /** h1 is the document's heading (once); h2 its sections; h3 an entry within a section. */
  | { type: "h1" | "h2" | "h3"; text: string }
  | { type: "p"; text: string; style?: "muted" | "bold" }
  /** "Label: value" on one line; left out when the value is empty. */
  | { type: "field"; label: string; value: string }
  | { type: "list"; items: string[] }
  /** A table whose first row is column headers. */
  | { type: "table"; header: string[]; rows: string[][] };

export type DocumentSpec = {
  /** The document's language (PDF /Lang, Word's proofing language): the reader's. */
  lang: string;
  title: string;
  /** The footer's page number, "Pagina %p van %n". */
  pageOf: string;
  blocks: Block[];
};

export type DocumentFormat = "pdf" | "docx";
export const documentMime: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export type Progress = (percent: number) => void;

/** Progress while walking the blocks: `from`–`to` percent, in proportion to the blocks done. */
export function blockProgress(count: number, onProgress: Progress, from = 5, to = 90) {
  const step = Math.max(1, Math.floor(count / 10));
  return (index: number) => {
    if ((index + 1) % step === 0 || index + 1 === count) onProgress(from + Math.round(((to - from) * (index + 1)) / Math.max(1, count)));
  };
}
