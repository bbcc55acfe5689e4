// A board-pack job as a page, for browsers without JavaScript: it reloads itself every second
// until the file is ready, then offers the download. (With JavaScript the proposal page polls
// the JSON of bestuurspakket.$jobId instead and nobody comes here.)
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { packJobState } from "../board-pack/jobs.server";
import { requirePackJob } from "../utils/pack-job.server";
import { RouteError } from "../components/route-error";
import { PackJobStatus } from "../components/approvals/board-pack-buttons";
import { useT } from "../i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...titleMeta(matches, (t) => [t("pack.title")]),
  ...(data && (data.job.status === "queued" || data.job.status === "running") ? [{ httpEquiv: "refresh", content: "1" }] : []),
];

export async function loader(args: LoaderFunctionArgs) {
  return { job: packJobState(requirePackJob(args)) };
}

export default function BoardPackProgress() {
  const { job } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("pack.title")}</h1>
      <PackJobStatus job={job} failed={job.status === "failed"} />
      <Link to={job.back.href} className="text-brand-700 underline">{t(job.back.label)}</Link>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
