// Reads the text of a PDF the way a reader would, with Mozilla's current pdf.js. (pdf-parse, used
// before, bundles pdf.js 1.10 from 2018, which rejected about a third of valid pdfkit files.)
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const standardFontDataUrl = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts/");

export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of the array it is given, so hand it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return pages.join("\n");
  } finally {
    await pdf.destroy();
  }
}

/** The PDF's marking, structure element types and info (title), as pdf.js reads them: what a tagged PDF is checked by. */
export async function pdfTags(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  try {
    const types = new Set<string>();
    const walk = (node: { role?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) types.add(node.role);
      for (const c of node.children ?? []) walk(c as never);
    };
    for (let n = 1; n <= pdf.numPages; n++) walk((await (await pdf.getPage(n)).getStructTree()) as never);
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    return { markInfo: await pdf.getMarkInfo(), types, info, pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
