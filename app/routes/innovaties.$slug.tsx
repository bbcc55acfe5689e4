import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { innovationName } from "~/i18n/names";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { allowedOr403, requireRegionPermission } from "~/utils/auth.server";
import { requireInnovation } from "~/utils/innovation-guard.server";
import { addRating, updateInnovation } from "~/models/catalogue.server";
import { editableAgendas, getPublicItem, innovationRealised, innovationUsage } from "~/models/savings.server";
import { InnovationRealised } from "~/components/realised-savings";
import { getAgenda } from "~/models/agenda.server";
import { recordAudit } from "~/models/audit.server";
import { copySchema, innovationSchema, ratingSchema } from "~/forms/catalogue";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { requestLocale } from "~/root";
import { can, type Action } from "~/domain/permissions";
import { addItem } from "~/domain/agenda-doc";
import { formatExact, formatRange } from "~/domain/savings";
import { useLocale, useT } from "~/i18n";
import { CatalogueSummary, InnovationForm, RatingForm } from "~/components/catalogue";
import { EvidenceLabel, RatingFigure, useMissingText } from "~/components/evidence";
import { FormError } from "~/components/field";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t, locale) => [data ? innovationName(data.innovation, locale) : t("title.innovation")]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found, user } = requireInnovation({ request, context, params });
  return {
    ...found,
    usage: innovationUsage({ db: context.db, innovationId: found.innovation.id, actor: user.principal }),
    realised: innovationRealised({ db: context.db, innovationId: found.innovation.id }),
    myAgendas: editableAgendas({ db: context.db, actor: user.principal }),
    canManage: can(user.principal, "manage:catalogue"),
  };
}

type Result = { intent: string; errors: FieldErrors; message?: MessageKey };

const rightFor: Record<string, Action> = { "update-innovation": "manage:catalogue", "add-rating": "manage:catalogue" };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const args = { request, context };
  const db = context.db;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { found, user } = requireInnovation({ request, context, params }, rightFor[intent]);
  const fail = (errors: FieldErrors) => data<Result>({ intent, errors }, { status: 400 });
  switch (intent) {
    case "update-innovation": {
      const parsed = parseForm(innovationSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      allowedOr403(() => updateInnovation({ db, actor: user.principal, id: found.innovation.id, input: parsed.data }));
      return data<Result>({ intent, errors: {}, message: "catalogue.saved" });
    }
    case "add-rating": {
      const parsed = parseForm(ratingSchema, form, requestLocale(request, user));
      if (!parsed.ok) return fail(parsed.errors);
      allowedOr403(() => addRating({ db, actor: user.principal, innovationId: found.innovation.id, input: parsed.data }));
      return data<Result>({ intent, errors: {}, message: "rating.saved" });
    }
    case "copy-item": {
      const parsed = parseForm(copySchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const target = getAgenda({ db, agendaId: parsed.data.targetAgendaId });
      if (!target) return fail({ targetAgendaId: "catalogue.error.choose" });
      // The copy's second subject is the agenda it lands in: its region's guard.
      requireRegionPermission(args, target.regionId, "edit:agenda");
      const source = getPublicItem({ db, itemId: parsed.data.sourceItemId });
      if (!source) return fail({ form: "catalogue.error.notPublic" });
      const { item } = source;
      let newId = "";
      // Through the live document, so open editors see the copy at once and it is versioned like any edit.
      await context.collab.changeAgenda({
        agendaId: target.id,
        actor: user.principal,
        change: (doc) => {
          newId = addItem(doc, {
            title: item.title,
            status: "idee",
            mechanism: item.mechanism,
            actionLine: item.actionLine,
            sectors: item.sectors,
            why: item.why,
            professionalsHow: item.professionalsHow,
            plan: item.planText.split("\n").filter((p) => p.trim()),
            isPublic: false,
          });
        },
      });
      db.transaction((tx) =>
        recordAudit({
          db: tx,
          actorId: user.id,
          action: "item.copy",
          entityType: "agenda_item",
          entityId: newId,
          regionId: target.regionId,
          data: { sourceItemId: item.id, sourceRegionId: source.regionId, targetAgendaId: target.id },
        }),
      );
      throw redirect(`/agendas/${target.id}#item-${newId}`);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function InnovationPage() {
  const { innovation, ratings, summary, usage, realised, myAgendas, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const status = result?.message ?? (params.get("nieuw") ? "catalogue.created" : null);
  const missingText = useMissingText();
  const dateFmt = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium" });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to="/innovaties" className="text-sm text-brand-700 underline">
          {t("catalogue.back")}
        </Link>
        <h1 className="text-2xl font-semibold">{innovationName(innovation, locale)}</h1>
        <p className="text-sm text-slate-700">
          {t(`innovation.kind.${innovation.kind}`)} · {t(`mechanism.${innovation.mechanism}`)}
          {innovation.sectors.length ? ` · ${innovation.sectors.join(", ")}` : ""}
          {innovation.costIndication ? ` · ${t("innovation.cost")}: ${t(`innovation.cost.${innovation.costIndication as "laag"}`)}` : ""}
        </p>
        {status ? (
          <p role="status" className="mt-2 text-sm text-green-800">
            {t(status)}
          </p>
        ) : null}
      </div>
      {innovation.descriptionNl ? <p className="max-w-3xl whitespace-pre-line">{innovation.descriptionNl}</p> : null}
      {innovation.sources.length ? (
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {innovation.sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
      <section id="beoordelingen" aria-labelledby="ratings" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="ratings" className="mb-2 text-lg font-semibold">{t("innovation.ratings")}</h2>
        <CatalogueSummary summary={summary} ratingCount={ratings.length} />
        {ratings.length ? (
          // Five columns do not fit 390 px: the table scrolls inside its box (focusable, so keyboards can).
          <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="ratings">
            <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="ratings-table">
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="p-1">{t("evidence.col.kind")}</th>
                  <th scope="col" className="p-1">{t("evidence.col.figure")}</th>
                  <th scope="col" className="p-1">{t("evidence.col.level")}</th>
                  <th scope="col" className="p-1">{t("evidence.col.source")}</th>
                </tr>
              </thead>
              <tbody>
                {ratings.map((r) => (
                  <tr key={r.id} id={`beoordeling-${r.id}`} className="border-b align-top target:bg-yellow-50" data-testid="rating-row" data-kind={r.kind}>
                    <td className="p-1">
                      {t(`evidence.kind.${r.kind}`)}
                      <div className="text-slate-700">{t(`evidence.kindHint.${r.kind}`)}</div>
                    </td>
                    <td className="p-1">
                      <RatingFigure rating={r} />
                      {r.taskHoursPerWeek != null ? (
                        <div className="text-slate-700">{t("rating.task", { task: r.taskName ?? "", hours: formatExact(r.taskHoursPerWeek, locale) })}</div>
                      ) : null}
                      {r.professions ? (
                        <div className="text-slate-700">{t("evidence.professions", { from: r.professions.from.join(", "), to: r.professions.to.join(", ") })}</div>
                      ) : null}
                      {r.derivation ? <div className="text-slate-700">{t("evidence.derivation", { derivation: r.derivation })}</div> : null}
                    </td>
                    <td className="p-1">{t(`evidence.level.${r.evidenceLevel as 1}`)}</td>
                    <td className="p-1">
                      {r.quote ? (
                        <blockquote lang="nl" className="border-l-2 border-slate-300 pl-2 italic" data-testid="rating-quote">
                          “{r.quote}”
                        </blockquote>
                      ) : (
                        <div className="text-slate-700">{t("evidence.quote.none")}</div>
                      )}
                      <div>
                        {r.source}
                        {r.reporting ? ` · ${t(`evidence.reporting.${r.reporting}`)}` : ""}
                      </div>
                      {r.sourceUrl ? (
                        <a href={r.sourceUrl} rel="noopener noreferrer" target="_blank" className="break-all text-brand-700 underline">
                          {t("evidence.readSource")}
                        </a>
                      ) : null}
                      {r.claim ? <div className="text-slate-700" lang={r.ref ? "en" : undefined}>{r.claim}</div> : null}
                      <div className="text-slate-700">
                        {r.ratedBy
                          ? t("rating.by", { name: r.ratedBy, date: dateFmt.format(new Date(r.createdAt)) })
                          : t("rating.byUnknown", { date: dateFmt.format(new Date(r.createdAt)) })}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-2 text-sm">{t("innovation.noRatings")}</p>
        )}
        {canManage ? (
          <details className="mt-4" open={result?.intent === "add-rating" && !result.message}>
            <summary className="cursor-pointer font-medium text-brand-700">{t("rating.add")}</summary>
            <RatingForm key={ratings.length} serverErrors={result?.intent === "add-rating" ? result.errors : undefined} />
          </details>
        ) : null}
      </section>
      <InnovationRealised across={realised} catalogue={summary.perBasis} />
      <section aria-labelledby="usage" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="usage" className="mb-2 text-lg font-semibold">{t("innovation.usage")}</h2>
        {result?.intent === "copy-item" ? <FormError message={t(Object.values(result.errors)[0] ?? "catalogue.error.form")} /> : null}
        {usage.length ? (
          <ul className="flex flex-col gap-2" data-testid="innovation-usage">
            {usage.map((u) => (
              <li key={u.linkId} className="rounded border border-slate-200 p-2 text-sm">
                <p>
                  <span className="font-medium">{u.regionName}</span> · {t(`status.${u.status}`)} ·{" "}
                  {u.saving.ok ? (
                    <>
                      {t("savings.fte", { range: formatRange(u.saving.fte, locale) })} · <EvidenceLabel evidence={u.saving.evidence} />
                    </>
                  ) : (
                    t("evidence.link.noFigure", { missing: missingText(u.saving.reason, { reachUnit: u.reachUnit }) })
                  )}
                </p>
                {u.item ? (
                  <p>
                    {u.item.readable ? (
                      <Link to={`/agendas/${u.item.agendaId}#item-${u.item.id}`} className="text-brand-700 underline">
                        {u.item.title}
                      </Link>
                    ) : (
                      u.item.title
                    )}
                  </p>
                ) : (
                  <p className="text-slate-700">{t("innovation.usage.hidden")}</p>
                )}
                {u.item?.isPublic && myAgendas.some((a) => a.id !== u.item!.agendaId) ? (
                  <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="copy-item" />
                    <input type="hidden" name="sourceItemId" value={u.item.id} />
                    <label className="flex flex-col gap-1">
                      {t("innovation.copyTo")}
                      <select name="targetAgendaId" className="rounded border border-slate-400 bg-white px-2 py-1">
                        {myAgendas
                          .filter((a) => a.id !== u.item!.agendaId)
                          .map((a) => (
                            <option key={a.id} value={a.id}>
                              {a.regionName} · {a.title} ({a.period})
                            </option>
                          ))}
                      </select>
                    </label>
                    <button type="submit" className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50">
                      {t("innovation.copy")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">{t("innovation.noUsage")}</p>
        )}
      </section>
      {canManage ? (
        <details className="rounded border border-slate-200 bg-white p-4" open={result?.intent === "update-innovation" && !result.message}>
          <summary className="cursor-pointer text-lg font-semibold text-brand-700">{t("catalogue.edit")}</summary>
          <InnovationForm
            intent="update-innovation"
            defaults={innovation}
            serverErrors={result?.intent === "update-innovation" ? result.errors : undefined}
          />
        </details>
      ) : null}
    </div>
  );
}
