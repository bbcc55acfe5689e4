// A Word import's preview (decision 034): the introduction and the items found, each item's fields
// mapped and editable, another way of finding the items, and the confirmation that writes the stored
// (edited) draft into the live agenda as one change. After it, the page says what was added and
// where to undo it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { parseId } from "~/models/agenda.server";
import { confirmWordImport, discardWordImport, getWordImport, saveWordDraft, type DraftEdits } from "~/models/word-import.server";
import { itemField, wordImportModeSchema, wordImportSchema } from "~/forms/word-import";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { mechanisms } from "~/domain/vocabulary";
import { importVersionName, type DraftItem } from "~/domain/word-import";
import { Field, FormError } from "~/components/field";
import { Saved, SelectField } from "~/components/execution/fields";
import { buttonClass, quietButtonClass } from "~/components/measurements/measurements-section";
import { ImportProgress, RichPreview } from "~/components/word-import/word-import";
import { RouteError } from "~/components/route-error";
import { logger } from "~/utils/log.server";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.view ? t("wordImport.pageTitle", { file: data.view.fileName }) : t("wordImport.title")]);

function guard(args: LoaderFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "edit:agenda");
  return { agenda, user, importId: parseId(args.params.importId) ?? 0 };
}

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, importId } = guard(args);
  const view = allowedOr403(() => getWordImport({ db: args.context.db, actor: user.principal, agenda, importId }));
  return { agendaId: agenda.id, view, saved: new URL(args.request.url).searchParams.has("bewaard") };
}

function editsOf(parsed: Record<string, unknown>, count: number): DraftEdits {
  return {
    includeIntro: parsed.includeIntro === true,
    items: Array.from({ length: count }, (_, i) => ({
      include: parsed[itemField("include", i)] === true,
      title: String(parsed[itemField("title", i)] ?? ""),
      leadOrganisation: String(parsed[itemField("leadOrganisation", i)] ?? ""),
      startDate: (parsed[itemField("startDate", i)] as string | null) ?? null,
      endDate: (parsed[itemField("endDate", i)] as string | null) ?? null,
      mechanism: (parsed[itemField("mechanism", i)] as DraftItem["mechanism"]) ?? null,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user, importId } = guard(args);
  const db = args.context.db;
  const actor = user.principal;
  const form = await args.request.formData();
  const self = new URL(args.request.url).pathname;
  const problem = (key: MessageKey, status: number) => data({ problem: key, errors: undefined }, { status });
  const intent = form.get("intent");
  if (intent === "cancel") {
    allowedOr403(() => discardWordImport({ db, actor, agenda, importId }));
    return redirect(`/agendas/${agenda.id}`);
  }
  const view = allowedOr403(() => getWordImport({ db, actor, agenda, importId }));
  if (!view) return problem("wordImport.expired", 410);
  if (view.status === "confirmed") return problem("wordImport.alreadyConfirmed", 409);
  if (intent === "mode") {
    const parsed = parseForm(wordImportModeSchema, form);
    if (!parsed.ok) return data({ problem: undefined, errors: parsed.errors }, { status: 400 });
    allowedOr403(() => saveWordDraft({ db, actor, agenda, importId, mode: parsed.data.mode }));
    return redirect(self);
  }
  if (intent !== "save" && intent !== "confirm") throw new Response("Onbekende actie", { status: 400 });
  const count = view.draft.items.length;
  const parsed = parseForm(wordImportSchema(count), form);
  if (!parsed.ok) return data({ problem: undefined, errors: parsed.errors }, { status: 400 });
  const edits = editsOf(parsed.data, count);
  if (intent === "save") {
    allowedOr403(() => saveWordDraft({ db, actor, agenda, importId, edits }));
    return redirect(`${self}?bewaard`);
  }
  let result;
  try {
    result = await allowedOr403(() =>
      confirmWordImport({
        db,
        actor,
        agenda,
        importId,
        edits,
        changeAgenda: (change) => args.context.collab.changeAgenda({ agendaId: agenda.id, actor, change }),
      }),
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    // Under pino's `err` key, so the operator gets the error's type and stack, not only its message.
    logger.error({ err: error, agendaId: agenda.id, importId, userId: user.id }, "word import failed");
    return problem("wordImport.failed", 500);
  }
  if (!result.ok) return problem(result.error === "nothing" ? "wordImport.nothing" : result.error === "confirmed" ? "wordImport.alreadyConfirmed" : "wordImport.expired", result.error === "nothing" ? 400 : 409);
  return redirect(self);
}

export default function WordImportPage() {
  const { agendaId, view, saved } = useLoaderData<typeof loader>();
  const t = useT();
  const back = <Link to={`/agendas/${agendaId}`} className="text-sm text-brand-700 underline">{t("wordImport.back")}</Link>;
  if (!view) {
    return (
      <div className="flex flex-col gap-4">
        <div>
          {back}
          <h1 className="text-2xl font-semibold">{t("wordImport.title")}</h1>
        </div>
        <p role="alert">{t("wordImport.expired")}</p>
        <Link to={`/agendas/${agendaId}/importeren`} className="text-brand-700 underline">{t("wordImport.title")}</Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <div>
        {back}
        <h1 className="text-2xl font-semibold break-words">{t("wordImport.pageTitle", { file: view.fileName })}</h1>
      </div>
      {view.status === "confirmed" ? <Done agendaId={agendaId} view={view} /> : <Preview view={view} saved={saved} />}
    </div>
  );
}

type View = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]>;

function Done({ agendaId, view }: { agendaId: number; view: View }) {
  const t = useT();
  const count = view.draft.items.filter((i) => i.include && i.title.trim()).length;
  return (
    <section className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-labelledby="import-done">
      <h2 id="import-done" className="sr-only">{t("wordImport.confirm")}</h2>
      <Saved show>{t("wordImport.done", { count })}</Saved>
      <p className="text-sm text-slate-700">
        {t("wordImport.undo")}: <Link to={`/agendas/${agendaId}/versies`} className="text-brand-700 underline">{importVersionName(view.fileName)}</Link>
      </p>
      <Link to={`/agendas/${agendaId}`} className={`${buttonClass} self-start`}>{t("wordImport.back")}</Link>
    </section>
  );
}

function Preview({ view, saved }: { view: View; saved: boolean }) {
  const t = useT();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(wordImportSchema(view.draft.items.length), answer?.errors as FieldErrors | undefined);
  const submitting = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const { draft, skipped } = view;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <Saved show={saved && !answer}>{t("wordImport.saved")}</Saved>
      <FormError message={answer?.problem ? t(answer.problem) : hasErrors ? t("wordImport.errorSummary") : null} />
      <section aria-labelledby="import-found" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="import-found" className="text-lg font-semibold">{t(`wordImport.found.${draft.mode ?? "none"}`)}</h2>
        {view.modes.length > 1 ? (
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="mode" />
            <SelectField label={t("wordImport.mode")} name="mode" defaultValue={draft.mode ?? undefined} options={view.modes.map((m) => [m, t(`wordImport.mode.${m}`)] as const)} error={answer?.errors?.mode} />
            <button type="submit" className={quietButtonClass}>{t("wordImport.applyMode")}</button>
          </Form>
        ) : null}
        {skipped.images + skipped.comments > 0 || draft.intro.some((b) => b.type === "table") || draft.documentTitle ? (
          <div data-testid="not-imported">
            <h3 className="font-semibold">{t("wordImport.notImported")}</h3>
            <ul className="list-disc pl-5 text-sm">
              {draft.documentTitle ? <li>{t("wordImport.notImported.title", { title: draft.documentTitle })}</li> : null}
              {skipped.images ? <li>{t("wordImport.notImported.images", { count: skipped.images })}</li> : null}
              {skipped.comments ? <li>{t("wordImport.notImported.comments", { count: skipped.comments })}</li> : null}
              {draft.intro.some((b) => b.type === "table") ? <li>{t("wordImport.notImported.tables")}</li> : null}
            </ul>
          </div>
        ) : null}
      </section>
      <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-6" aria-busy={Boolean(submitting)}>
        {draft.intro.length > 0 ? (
          <fieldset className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" data-testid="import-intro">
            <legend className="px-1 text-lg font-semibold">{t("agenda.intro")}</legend>
            <label className="flex items-start gap-2 text-sm font-medium">
              <input type="checkbox" name="includeIntro" defaultChecked={draft.includeIntro} className="mt-1" />
              {t("wordImport.includeIntro")}
            </label>
            <div className="max-h-96 overflow-auto rounded border border-slate-100 p-3" tabIndex={0} aria-label={t("agenda.intro")}>
              <RichPreview blocks={draft.intro} />
            </div>
          </fieldset>
        ) : null}
        <section aria-labelledby="import-items" className="flex flex-col gap-4">
          <h2 id="import-items" className="text-lg font-semibold">{t("wordImport.items", { count: draft.items.length })}</h2>
          <ol className="flex flex-col gap-4" data-testid="import-items">
            {draft.items.map((item, i) => (
              <li key={i}>
                <ItemFields item={item} index={i} errors={errors} />
              </li>
            ))}
          </ol>
        </section>
        <div className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-700">{t("wordImport.confirmHelp", { file: view.fileName })}</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="confirm" className={buttonClass} disabled={Boolean(submitting)}>{t("wordImport.confirm")}</button>
            <button type="submit" name="intent" value="save" className={quietButtonClass} disabled={Boolean(submitting)}>{t("wordImport.save")}</button>
            <button type="submit" name="intent" value="cancel" formNoValidate className={quietButtonClass} disabled={Boolean(submitting)}>{t("wordImport.cancel")}</button>
          </div>
          <ImportProgress busy={submitting === "confirm"} label={t("wordImport.applying")} />
        </div>
      </Form>
    </>
  );
}

function ItemFields({ item, index, errors }: { item: DraftItem; index: number; errors: FieldErrors }) {
  const t = useT();
  const name = (f: Parameters<typeof itemField>[0]) => itemField(f, index);
  const legendId = `import-item-${index}`;
  return (
    <fieldset className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-labelledby={legendId} data-testid="import-item">
      <legend id={legendId} className="px-1 font-semibold">{t("wordImport.item", { n: index + 1 })}</legend>
      <label className="flex items-start gap-2 text-sm font-medium">
        <input type="checkbox" name={name("include")} defaultChecked={item.include} className="mt-1" />
        {t("wordImport.include")}
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("field.title")} name={name("title")} defaultValue={item.title} maxLength={200} error={errors[name("title")]} />
        <Field label={t("field.leadOrganisation")} name={name("leadOrganisation")} defaultValue={item.leadOrganisation} maxLength={200} error={errors[name("leadOrganisation")]} />
        <Field label={t("field.startDate")} name={name("startDate")} type="date" defaultValue={item.startDate ?? ""} error={errors[name("startDate")]} hint={item.periodText ? t("wordImport.inWord", { text: item.periodText }) : undefined} />
        <Field label={t("field.endDate")} name={name("endDate")} type="date" defaultValue={item.endDate ?? ""} error={errors[name("endDate")]} />
        <SelectField
          label={t("field.mechanism")}
          name={name("mechanism")}
          defaultValue={item.mechanism ?? ""}
          options={[["", t("wordImport.noMechanism")] as const, ...mechanisms.map((m) => [m, t(`mechanism.${m}`)] as const)]}
          hint={item.mechanismText ? t("wordImport.inWord", { text: item.mechanismText }) : undefined}
          error={errors[name("mechanism")]}
        />
      </div>
      <div>
        <p className="text-sm font-medium text-slate-800">{t("field.plan")}</p>
        {item.plan.length ? <RichPreview blocks={item.plan} /> : <p className="text-sm text-slate-600">{t("wordImport.planEmpty")}</p>}
      </div>
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
