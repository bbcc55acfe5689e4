// Worker thread entry: renders one document (a board pack, a progress report) and hands the bytes
// back to the job registry.
import { parentPort, workerData } from "node:worker_threads";
import type { DocumentFormat, DocumentSpec } from "../documents/blocks";
import { renderTaggedPdf } from "../documents/tagged-pdf";
import { renderDocx } from "../documents/docx";

const { format, document } = workerData as { format: DocumentFormat; document: DocumentSpec };
const onProgress = (percent: number) => parentPort!.postMessage({ type: "progress", percent });

(format === "pdf" ? renderTaggedPdf(document, onProgress) : renderDocx(document, onProgress))
  .then((buffer) => {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    parentPort!.postMessage({ type: "done", bytes }, [bytes.buffer]);
  })
  .catch((error: unknown) => {
    parentPort!.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  });
