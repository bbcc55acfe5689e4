// The upload of a Word agenda (issue 16, decision 034). The route's own body limit (http/guards.ts)
// lets the file through; a file that cannot be read is answered here with its reason and stores
// nothing; a readable one becomes a preview (…/importeren/<id>) and the agenda is not touched yet.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { uploadedFile } from "~/utils/upload.server";
import { createWordImport, readWordUpload, type WordProblem } from "~/models/word-import.server";
import { Field } from "~/components/field";
import { ImportProgress, wordImportPath } from "~/components/word-import/word-import";
import { buttonClass } from "~/components/measurements/measurements-section";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("wordImport.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission(args, "edit:agenda");
  return { agendaId: agenda.id };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "edit:agenda");
  const refuse = (problem: WordProblem) => data({ problem }, { status: 400 });
  const upload = await uploadedFile(args.request);
  if (!upload) return refuse({ key: "wordImport.file.missing" });
  const { file } = upload;
  const read = await readWordUpload(new Uint8Array(await file.arrayBuffer()));
  if (!read.ok) return refuse(read.error);
  const id = allowedOr403(() => createWordImport({ db: args.context.db, actor: user.principal, agenda, fileName: file.name, fileSize: file.size, doc: read.doc }));
  return redirect(wordImportPath(agenda.id, id));
}

export default function WordUploadPage() {
  const { agendaId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/agendas/${agendaId}`} className="text-sm text-brand-700 underline">{t("wordImport.back")}</Link>
        <h1 className="text-2xl font-semibold">{t("wordImport.title")}</h1>
      </div>
      <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-busy={busy}>
        <p className="text-sm text-slate-700">{t("wordImport.help")}</p>
        <Field
          label={t("wordImport.file")}
          name="file"
          type="file"
          required
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          error={busy ? undefined : answer?.problem.key}
        />
        <button type="submit" className={`${buttonClass} self-start`} disabled={busy}>{t("wordImport.upload")}</button>
        <ImportProgress busy={busy} label={t("wordImport.converting")} />
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
