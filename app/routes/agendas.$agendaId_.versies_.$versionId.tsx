import { useEffect, useRef } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { notFound } from "~/utils/auth.server";
import { parseId } from "~/models/agenda.server";
import { listVersions, readCurrentContent, readVersionContent } from "~/models/version.server";
import { can } from "~/domain/permissions";
import { asRestored, compareAgendas, countChanges } from "~/domain/version-diff";
import { recordedStatuses } from "~/models/execution.server";
import { FirstPaintList } from "~/components/agenda/first-paint";
import { versionContentHtml } from "~/utils/first-paint.server";
import { inDocumentOnly } from "~/utils/document-only";
import { requestLocale } from "~/root";
import { FilterSelect } from "~/components/filter-select";
import { ComparisonView, useChangeSentence, useVersionLabel } from "~/components/versions/comparison";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("title.oldVersion")]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const { db } = args.context;
  const versionId = parseId(args.params.versionId);
  const version = versionId ? readVersionContent({ db, agendaId: agenda.id, versionId }) : null;
  if (!version) notFound();
  const today = readCurrentContent({ db, agendaId: agenda.id });
  // Compared with today's agenda unless another version is asked for (?met=<id>); two versions are
  // compared in the order they were saved, so "added" always means added later.
  const otherId = parseId(new URL(args.request.url).searchParams.get("met"));
  const other = otherId && otherId !== version.id ? readVersionContent({ db, agendaId: agenda.id, versionId: otherId }) : null;
  const [before, after] = !other ? [version, today] : other.createdAt < version.createdAt || (+other.createdAt === +version.createdAt && other.id < version.id) ? [other, version] : [version, other];
  const comparison = compareAgendas(before, after);
  const { items, introText, introDamaged, ...about } = version;
  const markup = versionContentHtml({ db, agendaId: agenda.id, version: { id: version.id, items, introText, introDamaged }, locale: requestLocale(args.request, user) });
  return {
    agenda,
    version: about,
    // The version's full content, rendered once per version: on a document request it goes out in the markup only.
    content: inDocumentOnly(args.context, "versionContent", markup),
    versions: listVersions({ db, agendaId: agenda.id }).filter((v) => v.id !== version.id),
    compared: {
      with: other ? other.id : null,
      before: before === version ? "version" : "other",
      comparison,
      counts: countChanges(comparison),
    },
    // What a restore would do: today's agenda made into this version, statuses aside.
    restoreEffect: countChanges(compareAgendas(today, asRestored(version, today, recordedStatuses({ db, agendaId: agenda.id })))),
    canEdit: can(user.principal, "edit:agenda", scope),
  };
}

export default function VersionView() {
  const { agenda, version, content, versions, compared, restoreEffect, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const label = useVersionLabel();
  const effect = useChangeSentence("effect");
  const navigation = useNavigation();
  const location = useLocation();
  const restoreHeading = useRef<HTMLHeadingElement>(null);
  // The list's "Terugzetten…" lands here: on the step that says what a restore will change.
  useEffect(() => {
    if (location.hash === "#terugzetten") restoreHeading.current?.focus();
  }, [location.hash]);
  const other = versions.find((v) => v.id === compared.with);
  const thisLabel = label(version);
  const [beforeLabel, afterLabel] = other ? (compared.before === "version" ? [thisLabel, label(other)] : [label(other), thisLabel]) : [thisLabel, t("versions.now")];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link to={`/agendas/${agenda.id}/versies`} className="text-sm text-brand-700 underline">{t("versions.title")}</Link>
        <h1 className="break-words text-2xl font-semibold">{agenda.title}: {thisLabel}</h1>
        <p role="note" className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950">{t("versions.readOnlyView")}</p>
      </div>

      {canEdit ? (
        <section id="terugzetten" aria-labelledby="restore-heading" className="flex flex-col gap-2 rounded border border-slate-300 bg-white p-4" data-testid="restore-step">
          <h2 id="restore-heading" ref={restoreHeading} tabIndex={-1} className="text-lg font-semibold">{t("versions.effectTitle")}</h2>
          {restoreEffect.any ? (
            <>
              <p data-testid="restore-effect">{t("versions.effectIntro")} {effect(restoreEffect)}</p>
              <p className="text-sm text-slate-700">{t("versions.effect.safe")}</p>
              <Form method="post" action={`/agendas/${agenda.id}/versies`}>
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="versionId" value={version.id} />
                <button type="submit" disabled={navigation.state !== "idle"} className="rounded bg-brand-700 px-4 py-2 text-white">{t("versions.restore")}</button>
              </Form>
            </>
          ) : (
            <p data-testid="restore-effect">{t("versions.effect.none")}</p>
          )}
          <p className="text-sm text-slate-700">{t("versions.effect.statusKept")}</p>
        </section>
      ) : null}

      <section aria-labelledby="compare-heading" className="flex flex-col gap-3">
        <h2 id="compare-heading" className="text-lg font-semibold">{t("versions.compareTitle")}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <FilterSelect
            label={t("versions.compareWith")}
            name="met"
            value={compared.with ? String(compared.with) : ""}
            allowAll={false}
            options={[["", t("versions.compareToday")], ...versions.map((v) => [String(v.id), label(v)] as const)]}
          />
          <button type="submit" className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">{t("versions.compareSubmit")}</button>
        </Form>
        <p className="break-words text-sm text-slate-800">{t("versions.compareFrom", { before: beforeLabel, after: afterLabel })}</p>
        <ComparisonView
          comparison={compared.comparison}
          counts={compared.counts}
          beforeLabel={t("versions.before")}
          afterLabel={other ? t("versions.after") : t("versions.afterNow")}
        />
      </section>

      <section aria-labelledby="full-heading" className="flex flex-col gap-3">
        <h2 id="full-heading" className="text-lg font-semibold">{t("versions.fullVersion")}</h2>
        <FirstPaintList html={content} part="versionContent" />
      </section>
    </div>
  );
}
