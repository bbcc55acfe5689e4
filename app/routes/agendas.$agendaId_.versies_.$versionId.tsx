import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { notFound } from "~/utils/auth.server";
import { parseId } from "~/models/agenda.server";
import { readVersionContent } from "~/models/version.server";
import { StaticAgenda } from "~/components/agenda/static-agenda";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("title.oldVersion")]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission(args, "read:agenda");
  const versionId = parseId(args.params.versionId);
  const version = versionId ? readVersionContent({ db: args.context.db, agendaId: agenda.id, versionId }) : null;
  if (!version) notFound();
  return { agenda, version };
}

export default function VersionView() {
  const { agenda, version } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <Link to={`/agendas/${agenda.id}/versies`} className="text-sm text-brand-700 underline">{t("versions.title")}</Link>
      <h1 className="text-2xl font-semibold">{agenda.title}: {version.name ?? t(`versions.kind.${version.kind}`)}</h1>
      <p role="note" className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950">{t("versions.readOnlyView")}</p>
      <StaticAgenda items={version.items} introText={version.introText} introDamaged={version.introDamaged} repairHref={`/agendas/${agenda.id}/versies`} />
    </div>
  );
}
