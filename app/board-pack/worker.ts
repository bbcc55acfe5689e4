// Worker thread entry: a long-lived renderer (decision 042). Each message is one document (a board
// pack, a progress report) to render; the bytes go back to the job registry with the message's id.
// Each format's library loads on first use or right after the other format's first render.
import { parentPort } from "node:worker_threads";
import type { DocumentFormat, DocumentSpec } from "../documents/blocks";

export type RenderRequest = { id: number; format: DocumentFormat; document: DocumentSpec };
export type RenderReply = { id: number } & ({ type: "progress"; percent: number } | { type: "done"; bytes: Uint8Array } | { type: "error"; message: string });

const renderers = {
  pdf: async () => (await import("../documents/tagged-pdf")).renderTaggedPdf,
  docx: async () => (await import("../documents/docx")).renderDocx,
};
const reply = (message: RenderReply, transfer?: ArrayBuffer[]) => parentPort!.postMessage(message, transfer);

parentPort!.on("message", async ({ id, format, document }: RenderRequest) => {
  try {
    const render = await renderers[format]();
    const buffer = await render(document, (percent) => reply({ id, type: "progress", percent }));
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    reply({ id, type: "done", bytes }, [bytes.buffer]);
    // Who takes one format often takes the other next: its library loads while nothing waits.
    void renderers[format === "pdf" ? "docx" : "pdf"]();
  } catch (error) {
    reply({ id, type: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
