import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readDeviceCookieValue, requireSignedIn } from "~/utils/auth.server";
import { checkPasswordStrength } from "~/utils/password-strength.server";
import { listRegionsFor } from "~/models/region.server";
import { verifyLogin } from "~/models/user.server";
import { changePassword } from "~/models/account.server";
import { changePasswordSchema } from "~/forms/account";
import { mailPreferencesSchema } from "~/forms/mail";
import { getMailPreferences, setMailPreferences } from "~/models/outbox.server";
import { deliveries, mailKinds } from "~/domain/mail";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { LogoutButton } from "~/components/logout-button";
import { NewPasswordFields } from "~/components/password-feedback";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";
import { RouteError } from "~/components/route-error";
import { requestLocale } from "~/root";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("account.title")]);

// The one page a user whose password an administrator chose may open: requireSignedIn, not requireUser.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireSignedIn({ request, context });
  const { mine } = listRegionsFor({ db: context.db, actor: user.principal });
  return {
    name: user.name,
    email: user.email,
    kind: user.kind,
    regions: mine,
    mustChangePassword: user.mustChangePassword,
    changed: new URL(request.url).searchParams.get("wachtwoord") === "gewijzigd",
    mail: getMailPreferences({ db: context.db, userId: user.id }),
    mailSaved: new URL(request.url).searchParams.get("email") === "opgeslagen",
  };
}

type ActionResult = { errors: FieldErrors; feedback?: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireSignedIn({ request, context });
  const form = await request.formData();
  const fail = (errors: FieldErrors, status = 400, feedback?: string[]) => data<ActionResult>({ errors, feedback }, { status });
  switch (form.get("intent")) {
    case "change-password": {
      const parsed = parseForm(changePasswordSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const { currentPassword, newPassword } = parsed.data;
      // The current password goes through the login check, throttle included: a borrowed session
      // must not become a way to guess the password.
      const current = await verifyLogin({
        db: context.db,
        email: user.email,
        password: currentPassword,
        ip: context.clientIp,
        device: readDeviceCookieValue(request),
      });
      if (!current.ok) {
        return current.reason === "throttled"
          ? fail({ currentPassword: "login.throttled" }, 429)
          : fail({ currentPassword: "account.password.currentWrong" });
      }
      if (newPassword === currentPassword) return fail({ newPassword: "account.password.sameAsCurrent" });
      const strength = checkPasswordStrength({ password: newPassword, userInputs: [user.email, user.name], locale: requestLocale(request, user) });
      if (!strength.ok) return fail({ newPassword: "account.password.weak" }, 400, strength.feedback);
      const { endedSessions } = await changePassword({ db: context.db, actor: user.principal, sessionId: user.sessionId, newPassword });
      for (const sessionId of endedSessions) context.collab.closeSessionConnections(sessionId);
      return redirect(user.mustChangePassword ? "/" : "/account?wachtwoord=gewijzigd");
    }
    case "mail-preferences": {
      const parsed = parseForm(mailPreferencesSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const { intent: _intent, ...choices } = parsed.data;
      setMailPreferences({ db: context.db, userId: user.id, choices });
      return redirect("/account?email=opgeslagen#email");
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function Account() {
  const { name, email, kind, regions, mustChangePassword, changed, mail, mailSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(changePasswordSchema, result?.errors);
  return (
    <div className="flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
      {mustChangePassword ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("account.password.mustChange")}
        </p>
      ) : null}
      {changed && !result ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("account.password.changed")}
        </p>
      ) : null}
      <p>
        {name} · {t("account.sessions", { email })}
      </p>
      {kind !== "member" ? <p>{t(roleLabel(kind))}</p> : null}
      {regions.length ? (
        <ul className="list-disc pl-6">
          {regions.map((r) => (
            <li key={r.id}>
              {r.name}: {r.role ? t(roleLabel(r.role)) : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="password" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="password" className="mb-3 text-lg font-semibold">{t("account.password.title")}</h2>
        <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="change-password" />
          <Field label={t("account.password.current")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <NewPasswordFields errors={errors} feedback={result?.feedback} />
          <FormError message={errors.form ? t(errors.form) : null} />
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="self-start rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60"
          >
            {t("account.password.submit")}
          </button>
        </Form>
      </section>
      <section id="email" aria-labelledby="email-title" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="email-title" className="mb-2 text-lg font-semibold">{t("mail.prefs.title")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("mail.prefs.intro")}</p>
        {mailSaved && !result ? (
          <p role="status" className="mb-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t("mail.prefs.saved")}
          </p>
        ) : null}
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="mail-preferences" />
          {mailKinds.map((k) => (
            <div key={k} className="flex flex-col gap-1">
              <label htmlFor={`mail-${k}`} className="text-sm font-medium text-slate-800">{t(`mail.kind.${k}`)}</label>
              <select id={`mail-${k}`} name={k} defaultValue={mail[k]} className="rounded border border-slate-400 px-3 py-2">
                {deliveries.map((d) => (
                  <option key={d} value={d}>{t(`mail.delivery.${d}`)}</option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 text-white">{t("mail.prefs.submit")}</button>
        </Form>
      </section>
      <LogoutButton className="self-start rounded bg-brand-700 px-4 py-2 text-white" />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
