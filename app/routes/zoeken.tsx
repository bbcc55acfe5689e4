import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import { search } from "~/models/search.server";
import { useT } from "~/i18n";
import { requestLocale } from "~/root";
import { MarkedText } from "~/components/marked-text";
import { RouteError } from "~/components/route-error";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("search.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  return { q, hits: q ? search({ db: context.db, actor: user.principal, q, locale: requestLocale(request, user) }) : [] };
}

export default function Search() {
  const { q, hits } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("search.title")}</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("search.label")}
          <input type="search" name="q" defaultValue={q} className="w-80 max-w-full rounded border border-slate-400 px-3 py-2" />
        </label>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("search.submit")}
        </button>
      </Form>
      {q ? (
        <p role="status" className="text-sm text-slate-700">
          {q.replace(/[^\p{L}\p{N}]/gu, "").length < 2 ? t("search.tooShort") : hits.length ? t("search.results", { count: hits.length, q }) : t("search.none", { q })}
        </p>
      ) : null}
      <ol className="flex flex-col gap-3" data-testid="search-results">
        {hits.map((h, i) => (
          <li key={`${h.kind}-${h.ref}`} className="rounded border border-slate-200 bg-white p-3">
            {h.match === "compound" && hits[i - 1]?.match !== "compound" ? (
              <p className="mb-2 text-xs text-slate-700" data-testid="search-related">
                {t("search.related")}
              </p>
            ) : null}
            <p className="text-xs font-medium uppercase text-slate-700">
              {t(`search.kind.${h.kind}`)}
              {h.context ? ` · ${h.context}` : ""}
            </p>
            <Link to={h.href} className="font-semibold text-brand-700 hover:underline">
              {h.title ? <MarkedText parts={h.titleParts} /> : "—"}
            </Link>
            {h.snippet.length ? (
              <p className="text-sm" data-testid="search-snippet">
                <MarkedText parts={h.snippet} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
