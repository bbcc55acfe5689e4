// An uploaded file's preview (decision 029): the column mapping (guessed, then the user's), each row
// taken or rejected with its reasons, and the confirmation that stores the rows taken. Everything shown
// and stored is judged from the cells kept on the server, never from what the browser sends back.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { itemExecutionHref } from "~/domain/flags/links";
import { importFields, type ImportProblem, type RowVerdict } from "~/domain/measurement-import";
import { formatDecimal } from "~/domain/numbers";
import { periodLabel } from "~/domain/periods";
import { parseId } from "~/models/agenda.server";
import { confirmImport, discardImport, getImportPreview, setImportMapping } from "~/models/measurement-imports.server";
import { buttonClass, MEASUREMENTS_ANCHOR, measurementsSaved, quietButtonClass } from "~/components/measurements/measurements-section";
import { SelectField } from "~/components/execution/fields";
import { ScrollRegion } from "~/components/scroll-region";
import { RouteError } from "~/components/route-error";
import { useLocale, useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.preview ? t("measurements.import.pageTitle", { file: data.preview.fileName }) : t("measurements.import.title")]);

// The preview lists every rejected row, and a sample of the rows taken: 10,000 rows do not fit a page.
const SHOWN = { rejected: 200, accepted: 50 };

function guard(args: LoaderFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "record:execution");
  return { agenda, user, itemId: args.params.itemId ?? "", importId: parseId(args.params.importId) ?? 0 };
}

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, itemId, importId } = guard(args);
  const preview = allowedOr403(() => getImportPreview({ db: args.context.db, actor: user.principal, agenda, itemId, importId }));
  const back = itemExecutionHref(agenda.id, itemId);
  if (!preview) return { back, preview: null };
  const rejected = preview.verdicts.filter((v) => v.problems.length > 0);
  const accepted = preview.verdicts.filter((v) => v.figures.length > 0);
  return {
    back,
    preview: {
      fileName: preview.fileName,
      kind: preview.kind,
      status: preview.status,
      headers: preview.headers,
      mapping: preview.mapping,
      mappingProblem: preview.mappingProblem,
      counts: { accepted: accepted.length, rejected: rejected.length, figures: accepted.reduce((n, v) => n + v.figures.length, 0) },
      rejected: rejected.slice(0, SHOWN.rejected),
      accepted: accepted.slice(0, SHOWN.accepted),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user, itemId, importId } = guard(args);
  const form = await args.request.formData();
  const db = args.context.db;
  const actor = user.principal;
  const self = new URL(args.request.url).pathname;
  switch (form.get("intent")) {
    case "mapping": {
      const mapping = Object.fromEntries(importFields.map((f) => [f, form.get(`map-${f}`)]));
      allowedOr403(() => setImportMapping({ db, actor, agenda, itemId, importId, mapping }));
      return redirect(`${self}#preview`);
    }
    case "confirm": {
      const result = allowedOr403(() => confirmImport({ db, actor, agenda, itemId, importId }));
      if (!result.ok) return data({ problem: { key: result.error === "nothing" ? "measurements.import.nothingToConfirm" : result.error === "confirmed" ? "measurements.import.alreadyConfirmed" : "measurements.import.expired" } satisfies ImportProblem }, { status: 409 });
      return redirect(`${itemExecutionHref(agenda.id, itemId)}?opgeslagen=${measurementsSaved.imported}#${MEASUREMENTS_ANCHOR}`);
    }
    case "cancel": {
      allowedOr403(() => discardImport({ db, actor, agenda, itemId, importId }));
      return redirect(`${itemExecutionHref(agenda.id, itemId)}#${MEASUREMENTS_ANCHOR}`);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function ImportPreviewPage() {
  const { back, preview } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const say = (p: ImportProblem) => t(p.key as MessageKey, p.vars);
  if (!preview) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{t("measurements.import.title")}</h1>
        <p role="alert">{t("measurements.import.expired")}</p>
        <Link to={back} className="text-brand-700 underline">{t("measurements.back")}</Link>
      </div>
    );
  }
  const fieldOptions = [["", t("measurements.import.none")] as const, ...preview.headers.map((h, i) => [String(i), h || `#${i + 1}`] as const)];
  const confirmed = preview.status === "confirmed";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={back} className="text-sm text-brand-700 underline">{t("measurements.back")}</Link>
        <h1 className="text-2xl font-semibold break-words">{t("measurements.import.pageTitle", { file: preview.fileName })}</h1>
        <p className="text-sm text-slate-700">{t("measurements.import.kind")}: {t(`measurements.kind.${preview.kind}`).toLowerCase()}</p>
      </div>
      {confirmed ? <p role="status">{t("measurements.import.alreadyConfirmed")}</p> : null}
      {answer?.problem ? <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{say(answer.problem)}</p> : null}
      {!confirmed ? (
        <Form method="post" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-labelledby="mapping-heading">
          <h2 id="mapping-heading" className="text-lg font-semibold">{t("measurements.import.mapping")}</h2>
          <p className="text-sm text-slate-700">{t("measurements.import.mappingHelp")}</p>
          <input type="hidden" name="intent" value="mapping" />
          <div className="grid gap-3 sm:grid-cols-3">
            {importFields.map((field) => (
              <SelectField key={field} label={t(`measurements.field.${field}`)} name={`map-${field}`} options={fieldOptions} defaultValue={preview.mapping[field] === null ? "" : String(preview.mapping[field])} />
            ))}
          </div>
          <button type="submit" className={`${quietButtonClass} self-start`}>{t("measurements.import.applyMapping")}</button>
        </Form>
      ) : null}
      <section id="preview" aria-labelledby="preview-heading" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="preview-heading" className="text-lg font-semibold">{t("measurements.import.preview")}</h2>
        {preview.mappingProblem ? (
          <p role="alert" className="text-sm text-red-800">{say(preview.mappingProblem)}</p>
        ) : (
          <>
            <p data-testid="import-counts">{t("measurements.import.counts", { accepted: preview.counts.accepted, rejected: preview.counts.rejected })}</p>
            {preview.rejected.length > 0 ? (
              <>
                <h3 className="font-semibold">{t("measurements.import.rejectedTitle")}</h3>
                <ul className="list-disc pl-5 text-sm text-red-900" data-testid="import-rejected">
                  {preview.rejected.map((v) => v.problems.map((p, i) => <li key={`${v.row}-${i}`}>{t("measurements.row.prefix", { row: v.row, reason: say(p) })}</li>))}
                </ul>
                {preview.counts.rejected > preview.rejected.length ? <p className="text-sm">{t("measurements.import.moreRows", { count: preview.counts.rejected - preview.rejected.length })}</p> : null}
              </>
            ) : null}
            {preview.accepted.length > 0 ? <AcceptedRows rows={preview.accepted} more={preview.counts.accepted - preview.accepted.length} /> : null}
          </>
        )}
      </section>
      {!confirmed ? (
        <div className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
          {preview.counts.figures > 0 && !preview.mappingProblem ? (
            <>
              <p className="text-sm text-slate-700">{t("measurements.import.confirmHelp")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <button type="submit" className={buttonClass}>{t("measurements.import.confirm", { count: preview.counts.figures })}</button>
              </Form>
            </>
          ) : (
            <p className="text-sm">{t("measurements.import.nothingToConfirm")}</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className={quietButtonClass}>{t("measurements.import.cancel")}</button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

function AcceptedRows({ rows, more }: { rows: RowVerdict[]; more: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h3 className="font-semibold">{t("measurements.import.acceptedTitle")}</h3>
      <ScrollRegion label={t("measurements.import.acceptedTitle")}>
        <table className="min-w-full text-left text-sm" data-testid="import-accepted">
          <thead>
            <tr className="border-b">
              <th scope="col" className="p-2">{t("measurements.import.col.row")}</th>
              <th scope="col" className="p-2">{t("measurements.col.period")}</th>
              <th scope="col" className="p-2">{t("measurements.col.who")}</th>
              <th scope="col" className="p-2">{t("measurements.col.value")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.row} className="border-b align-top">
                <td className="p-2">{v.row}</td>
                <td className="p-2">{v.figures[0].date ?? periodLabel(v.figures[0].period, locale)}</td>
                <td className="p-2">{[v.figures[0].profession, v.figures[0].team].filter(Boolean).join(" · ") || t("measurements.whole")}</td>
                <td className="p-2">
                  {v.figures.map((f) => (
                    <span key={f.unit} className="block whitespace-nowrap">{formatDecimal(f.value, locale, 2)} {t(`measurements.unit.${f.unit}`)}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {more > 0 ? <p className="text-sm">{t("measurements.import.moreRows", { count: more })}</p> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
