import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import { listRegionsFor } from "~/models/region.server";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  const { mine } = listRegionsFor({ db: context.db, principal: user.principal });
  return { name: user.name, email: user.email, kind: user.kind, regions: mine };
}

export default function Account() {
  const { name, email, kind, regions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
      <p>
        {name} · {t("account.sessions", { email })}
      </p>
      {kind !== "member" ? <p>{t(roleLabel(kind))}</p> : null}
      <ul className="list-disc pl-6">
        {regions.map((r) => (
          <li key={r.id}>
            {r.name}: {r.role ? t(roleLabel(r.role)) : ""}
          </li>
        ))}
      </ul>
      <Form method="post" action="/logout">
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}
