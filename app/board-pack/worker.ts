// Worker thread entry: renders one board pack and hands the bytes back to the job registry.
import { parentPort, workerData } from "node:worker_threads";
import { renderBoardPack } from "./render";
import type { BoardPackData, PackFormat } from "./types";

const { format, data } = workerData as { format: PackFormat; data: BoardPackData };

renderBoardPack(format, data, (percent) => parentPort!.postMessage({ type: "progress", percent }))
  .then((buffer) => {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    parentPort!.postMessage({ type: "done", bytes }, [bytes.buffer]);
  })
  .catch((error: unknown) => {
    parentPort!.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  });
