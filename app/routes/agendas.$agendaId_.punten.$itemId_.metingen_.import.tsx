// The upload of a roster or HR export for an item's measurements (decision 029). The only route with a
// body limit above the app's 64 KB (http/guards.ts). A file that cannot be read is answered on this
// route's page with its reason and stores nothing; a readable one becomes a preview (…/import/<id>)
// and stores nothing yet.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { uploadedFile } from "~/utils/upload.server";
import { itemExecutionHref } from "~/domain/flags/links";
import { measurementKinds } from "~/domain/vocabulary";
import type { ImportProblem } from "~/domain/measurement-import";
import { readUpload } from "~/models/measurement-files.server";
import { createImport } from "~/models/measurement-imports.server";
import { measurementImportPath, UploadForm } from "~/components/measurements/measurements-section";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("measurements.import.title")]);

// The upload form on its own, where a refused file is answered (the action's page is this route's).
export async function loader(args: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission(args, "record:execution");
  return { agendaId: agenda.id, itemId: args.params.itemId ?? "" };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "record:execution");
  const itemId = args.params.itemId ?? "";
  const refuse = (problem: ImportProblem) => data({ problem }, { status: 400 });
  const upload = await uploadedFile(args.request);
  if (!upload) return refuse({ key: "measurements.file.missing" });
  const { form, file } = upload;
  const kindValue = String(form.get("kind"));
  const kind = measurementKinds.find((k) => k === kindValue) ?? "measurement";
  const table = await readUpload(new Uint8Array(await file.arrayBuffer()));
  if (!table.ok) return refuse(table.error);
  const created = allowedOr403(() =>
    createImport({ db: args.context.db, actor: user.principal, agenda, itemId, kind, fileName: file.name, fileSize: file.size, table }),
  );
  if (!created.ok) return refuse({ key: "measurements.error.item" });
  return redirect(measurementImportPath(agenda.id, itemId, created.id));
}

export default function UploadPage() {
  const { agendaId, itemId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const problem = answer ? t(answer.problem.key as MessageKey, answer.problem.vars) : undefined;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={itemExecutionHref(agendaId, itemId)} className="text-sm text-brand-700 underline">{t("measurements.back")}</Link>
        <h1 className="text-2xl font-semibold">{t("measurements.import.title")}</h1>
      </div>
      <section className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
        <UploadForm data={{ agendaId, item: { id: itemId } }} problem={problem} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
