// The board pack's renderer (decision 042): one worker thread kept for the next document, since
// starting one costs more than a pack; a render that fails fails only its own job, and a worker that
// dies is replaced at the next render. Real worker threads, real pdfkit and docx.
import { afterEach, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { packJobFile, packJobsIdle, packRendererWorker, requestDocumentJob, resetPackJobs } from "../../app/board-pack/jobs.server";
import type { DocumentSpec } from "../../app/documents/blocks";
import type { PackFormat } from "../../app/board-pack/types";
import type { Principal } from "../../app/domain/permissions";

const actor: Principal = { id: 1, kind: "member", memberships: [], coveredRegionIds: [], organisationRegionId: null };
const spec = (text: string): DocumentSpec => ({ lang: "nl-NL", title: "Stukken", pageOf: "Pagina %p van %n", blocks: [{ type: "h1", text: "Stukken" }, { type: "p", text }] });

async function make(format: PackFormat, document: DocumentSpec) {
  const result = requestDocumentJob({ actor, subject: `test:${format}`, back: { href: "/", label: "pack.backToProposal" }, regionId: 1, format, fileBase: "stukken", document, stable: document });
  if (!result.ok) throw new Error(result.reason);
  await packJobsIdle();
  return result.job;
}

afterEach(async () => {
  await packJobsIdle();
  resetPackJobs();
});

describe("the pack renderer", () => {
  it("keeps one worker for the next documents, survives a failed render and is replaced when it dies", async () => {
    const first = await make("pdf", spec("Eerste versie"));
    expect(packJobFile(first)!.subarray(0, 5).toString()).toBe("%PDF-");
    const worker = packRendererWorker();
    expect(worker).not.toBeNull();

    const word = await make("docx", spec("Tweede versie"));
    expect(await (await JSZip.loadAsync(packJobFile(word)!)).file("word/document.xml")!.async("string")).toContain("Tweede versie");
    expect(packRendererWorker()).toBe(worker);

    // A document the renderer cannot make fails its job, not the worker.
    const broken = await make("pdf", { ...spec("Kapot"), blocks: null as never });
    expect(broken.render.status).toBe("failed");
    expect(packRendererWorker()).toBe(worker);
    expect((await make("pdf", spec("Derde versie"))).render.status).toBe("done");
    expect(packRendererWorker()).toBe(worker);

    await worker!.terminate();
    expect(packRendererWorker()).toBeNull();
    const after = await make("docx", spec("Na het einde"));
    expect(after.render.status).toBe("done");
    expect(packRendererWorker()).not.toBe(worker);
  });
});
