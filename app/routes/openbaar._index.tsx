// The national public page (issue 18, decision 039): every region whose board adopted an agenda,
// without a login, with the open data of all regions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicRegions } from "~/models/public-agenda.server";
import { OPEN_DATA_LICENCE } from "~/domain/open-data";
import { publicDescription, publicMeta } from "~/components/public/meta";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  publicMeta(matches, data ? { title: null, url: data.url, description: publicDescription } : null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { url: `${new URL(request.url).origin}/openbaar`, regions: listPublicRegions({ db: context.db }) };
}

export default function PublicIndexPage() {
  const { regions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("public.title")}</h1>
      <p>{t("public.intro")}</p>
      {regions.length ? (
        <ul className="flex flex-col gap-2" data-testid="public-regions">
          {regions.map((r) => (
            <li key={r.slug}>
              <Link to={`/openbaar/${r.slug}`} className="text-lg text-brand-700 underline">{r.name}</Link>
            </li>
          ))}
        </ul>
      ) : <p>{t("public.none")}</p>}
      <section aria-labelledby="open-data">
        <h2 id="open-data" className="mb-1 text-lg font-semibold">{t("public.openData")}</h2>
        <p className="text-sm">{t("public.openDataIntro", { licence: OPEN_DATA_LICENCE.name })}</p>
        <p className="mt-1 text-sm"><a className="text-brand-700 underline" href="/openbaar.json">{t("public.allRegionsJson")}</a> · <a className="text-brand-700 underline" href="/open-data.schema.json">JSON Schema</a></p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
