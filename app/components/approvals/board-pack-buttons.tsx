// Starts a document job (a board pack, a progress report) and polls it: the page stays usable and shows progress while the
// server renders in a worker. It is a plain form underneath: without JavaScript the post leads to
// the job's own page, which refreshes itself until the file is ready.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useT } from "../../i18n";

type JobState = { id: string; format: "pdf" | "docx"; status: "queued" | "running" | "done" | "failed"; progress: number; ahead?: number };

export function BoardPackButtons({ proposalId }: { proposalId: number }) {
  const t = useT();
  return <DocumentJobButtons action={`/voorstellen/${proposalId}/bestuurspakket`} heading={t("pack.title")} documentName={t("pack.papers")} />;
}

/** Buttons for the PDF and the Word file of whatever `action` makes (it answers with a job); the buttons name the document. */
export function DocumentJobButtons({ action, heading, documentName }: { action: string; heading: string; documentName: string }) {
  const t = useT();
  const [job, setJob] = useState<JobState | null>(null);
  const [failed, setFailed] = useState(false);
  // The server's Dutch reason when it refused (429: too many requests or packs at once).
  const [refused, setRefused] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(timer.current), []);

  async function poll(id: string) {
    try {
      const res = await fetch(`/bestuurspakket/${id}`, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(String(res.status));
      const next = (await res.json()) as JobState;
      setJob(next);
      if (next.status === "failed") setFailed(true);
      else if (next.status !== "done") timer.current = setTimeout(() => void poll(id), 400);
    } catch {
      setFailed(true);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void start(submitter?.value === "docx" ? "docx" : "pdf");
  }

  async function start(format: "pdf" | "docx") {
    clearTimeout(timer.current);
    setFailed(false);
    setRefused(null);
    setJob({ id: "", format, status: "queued", progress: 0 });
    try {
      const body = new FormData();
      body.set("format", format);
      const res = await fetch(action, { method: "POST", body, headers: { Accept: "application/json" } });
      if (res.status === 429) {
        setJob(null);
        setRefused(((await res.json()) as { message: string }).message);
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const started = (await res.json()) as JobState;
      setJob(started);
      void poll(started.id);
    } catch {
      setFailed(true);
    }
  }

  const busy = job !== null && (job.status === "queued" || job.status === "running") && !failed;
  return (
    <section aria-labelledby="pack-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="pack-heading" className="mb-2 text-lg font-semibold">{heading}</h2>
      <form method="post" action={action} onSubmit={onSubmit} className="flex flex-wrap gap-2">
        <button type="submit" name="format" value="pdf" disabled={busy} className="rounded border border-brand-700 px-3 py-2 text-brand-800 disabled:opacity-60">
          {t("pack.pdf", { document: documentName })}
        </button>
        <button type="submit" name="format" value="docx" disabled={busy} className="rounded border border-brand-700 px-3 py-2 text-brand-800 disabled:opacity-60">
          {t("pack.docx", { document: documentName })}
        </button>
      </form>
      <div className="mt-3">
        {job ? (
          <PackJobStatus job={job} failed={failed} />
        ) : (
          <div aria-live="polite">{refused ? <p role="alert" className="text-sm text-amber-900">{refused}</p> : null}</div>
        )}
      </div>
    </section>
  );
}

/** Progress, failure or the download link of a job; announced to screen readers as it changes. */
export function PackJobStatus({ job, failed }: { job: Pick<JobState, "id" | "format" | "status" | "progress" | "ahead">; failed: boolean }) {
  const t = useT();
  const busy = (job.status === "queued" || job.status === "running") && !failed;
  return (
    <div aria-live="polite" className="text-sm">
      {failed ? (
        <p role="alert" className="text-red-800">{t("pack.failed")}</p>
      ) : busy ? (
        <div>
          <p>{t("pack.generating", { percent: job.progress })}</p>
          {job.status === "queued" && job.ahead ? <p>{t("pack.ahead", { count: job.ahead })}</p> : null}
          <progress max={100} value={job.progress} className="w-64" aria-label={t("pack.generating", { percent: job.progress })} />
        </div>
      ) : job.status === "done" && job.id ? (
        <p>
          {t("pack.ready")}{" "}
          <a href={`/bestuurspakket/${job.id}?download=1`} className="font-medium text-brand-700 underline" data-testid={`pack-download-${job.format}`}>
            {t("pack.download", { format: job.format === "pdf" ? "PDF" : "Word" })}
          </a>
        </p>
      ) : null}
    </div>
  );
}
