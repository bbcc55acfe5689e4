// The documents the app makes in its queue (board pack, progress report): press the button, wait for
// the download link, download, and read the file's text as a reader would (pdf.js for a PDF, the
// document's XML without its tags for Word), whitespace collapsed.
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import JSZip from "jszip";
import { pdfText } from "./pdf-text";

export type DocumentFormat = "pdf" | "docx";

export async function documentText(bytes: Uint8Array, format: DocumentFormat) {
  const text = format === "pdf" ? await pdfText(bytes) : (await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, " ");
  return text.replace(/\s+/g, " ");
}

/** Downloads the document `button` starts on `page`, once it is ready; its text. */
export async function downloadQueuedDocument(page: Page, button: string | RegExp, format: DocumentFormat) {
  await page.getByRole("button", { name: button }).click();
  const link = page.getByTestId(`pack-download-${format}`);
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return documentText(fs.readFileSync((await file.path())!), format);
}
