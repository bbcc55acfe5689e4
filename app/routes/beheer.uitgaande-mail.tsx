import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requirePermission } from "~/utils/auth.server";
import { listOutbox } from "~/models/outbox.server";
import { accountMailKinds } from "~/domain/mail";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import { useFormatDate } from "~/components/approvals/format";

// The administrators' view of the outbox (decision 037): without SMTP_URL it is where the demo's
// messages arrive; with it, whether they went out. A reset or invitation link is shown only
// without a mail server (the demo), where it has no other way to arrive; with one, it is the
// recipient's alone.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("mail.outbox.title"), t("nav.admin")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  const smtp = Boolean(process.env.SMTP_URL);
  const messages = listOutbox({ db: context.db }).map((m) => ({ ...m, text: smtp && (accountMailKinds as readonly string[]).includes(m.kind) ? null : m.text }));
  return { smtp, messages };
}

export default function Outbox() {
  const { smtp, messages } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  return (
    <section aria-labelledby="outbox-title" className="flex max-w-3xl flex-col gap-4">
      <h1 id="outbox-title" className="text-2xl font-semibold">{t("mail.outbox.title")}</h1>
      <p>{t(smtp ? "mail.outbox.smtp" : "mail.outbox.local")}</p>
      {messages.length === 0 ? <p>{t("mail.outbox.empty")}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="outbox">
        {messages.map((m) => (
          <li key={m.id} className="rounded border border-slate-200 bg-white p-3">
            <details>
              <summary className="cursor-pointer">
                <span className="font-medium break-words">{m.subject}</span>
                <span className="block text-sm text-slate-700 break-all">
                  {t("mail.outbox.to")}: {m.toAddress}
                </span>
                {m.replyTo ? (
                  <span className="block text-sm text-slate-700 break-all">
                    {t("mail.outbox.replyTo")}: {m.replyTo}
                  </span>
                ) : null}
                <span className="block text-sm text-slate-700">
                  {t(!smtp && m.status === "sent" ? "mail.status.kept" : `mail.status.${m.status}`)}
                  {m.attempts > 1 ? ` · ${t("mail.outbox.attempts", { count: m.attempts })}` : ""} · {date(m.createdAt, true)}
                </span>
              </summary>
              {m.lastError ? <p className="mt-2 text-sm text-red-700 break-words">{m.lastError}</p> : null}
              <pre aria-label={t("mail.outbox.message", { to: m.toAddress })} className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm">
                {m.text ?? t("mail.outbox.hidden")}
              </pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
