import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { readUnsubscribeToken, unsubscribe } from "~/models/outbox.server";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

// One-click unsubscribe from one kind of e-mail (decision 037). The link in the message opens this
// page, which asks once: opening changes nothing (link previewers open links too). A mail client
// posts here directly (RFC 8058, List-Unsubscribe-Post), without a session: the signed token is
// the authority, and it allows nothing but this switch.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("mail.unsubscribe.title")]);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = readUnsubscribeToken({ db: context.db, token: params.token ?? "" });
  if (!found) return data({ kind: null }, { status: 404 });
  return { kind: found.kind };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const found = readUnsubscribeToken({ db: context.db, token: params.token ?? "" });
  if (!found) return data({ done: false }, { status: 404 });
  unsubscribe({ db: context.db, ...found });
  return { done: true };
}

export default function Unsubscribe() {
  const { kind } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const label = kind ? t(`mail.kind.${kind}`) : "";
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold">{t("mail.unsubscribe.title")}</h1>
      {kind === null ? (
        <p role="alert">{t("mail.unsubscribe.invalid")}</p>
      ) : result?.done ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("mail.unsubscribe.done", { kind: label })}
        </p>
      ) : (
        <Form method="post" className="flex flex-col gap-4">
          <p>{t("mail.unsubscribe.question", { kind: label })}</p>
          <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("mail.unsubscribe.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
