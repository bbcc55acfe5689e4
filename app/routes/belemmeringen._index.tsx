import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "~/utils/auth.server";
import { listBarrierTypes, listBarriers } from "~/models/barriers.server";
import { barrierFilterSchema } from "~/forms/barriers";
import { BarrierList } from "~/components/barriers/barrier-list";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("barriers.title")]);

/** Every barrier in the regions the user works in: an adviser's covered regions, a member's own. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { principal } = user;
  const regionIds =
    principal.kind === "adviser"
      ? [...principal.coveredRegionIds]
      : principal.kind === "member"
        ? principal.memberships.map((m) => m.regionId)
        : [];
  if (!regionIds.length) forbidden();
  const filter = barrierFilterSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const now = new Date();
  return {
    filter,
    now: now.getTime(),
    rows: listBarriers({ db: args.context.db, regionIds, filter, now }).map(({ anchorStart: _s, anchorEnd: _e, ...row }) => row),
    types: listBarrierTypes({ db: args.context.db }),
  };
}

export default function AllBarriers() {
  const { filter, rows, types, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("barriers.acrossTitle")}</h1>
      <BarrierList rows={rows} filter={filter} types={types} showRegion now={now} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
