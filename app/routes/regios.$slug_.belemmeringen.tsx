import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRegion } from "~/utils/region-guard.server";
import { readBarrierAction } from "~/domain/permissions";
import { listBarrierTypes, listBarriers } from "~/models/barriers.server";
import { barrierFilterSchema } from "~/forms/barriers";
import { BarrierList } from "~/components/barriers/barrier-list";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data ? t("barriers.regionTitle", { region: data.region.name }) : t("barriers.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const { region } = requireRegion(args, readBarrierAction);
  const filter = barrierFilterSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const now = new Date();
  return {
    region: { slug: region.slug, name: region.name },
    filter,
    now: now.getTime(),
    rows: listBarriers({ db: args.context.db, regionIds: [region.id], filter, now }).map(({ anchorStart: _s, anchorEnd: _e, ...row }) => row),
    types: listBarrierTypes({ db: args.context.db }),
  };
}

export default function RegionBarriers() {
  const { region, filter, rows, types, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link to={`/regios/${region.slug}`} className="text-sm text-brand-700 underline">{region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("barriers.regionTitle", { region: region.name })}</h1>
      </div>
      <BarrierList rows={rows} filter={filter} types={types} showRegion={false} now={now} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
