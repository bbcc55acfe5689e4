import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n";

/** A route's error view: 403 and 404 in the reader's language, nothing leaked. For any route's ErrorBoundary. */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <div role="alert" className="rounded border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold">
        {status} · {status === 403 ? t("error.forbidden") : status === 404 ? t("error.notFound") : t("error.title")}
      </h1>
      <Link to="/" className="mt-4 inline-block text-brand-700 underline">
        {t("error.back")}
      </Link>
    </div>
  );
}
