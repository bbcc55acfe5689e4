import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getUser, login, readDeviceCookieValue, redirectTarget } from "~/utils/auth.server";
import { verifyLogin } from "~/models/user.server";
import { loginSchema } from "~/forms/login";
import { parseForm, useFormValidation } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { MessageVars } from "~/i18n/format";
import { OidcButtons } from "~/components/oidc-buttons";
import { ProviderLogoutNotice } from "~/components/provider-logout-notice";
import { loginPageProviders, providerOnlyRefusal } from "~/utils/oidc.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("login.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (getUser({ request, context })) throw redirect("/");
  return loginPageProviders(request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(loginSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  // Judged before the password, so a bad target neither counts as an attempt nor starts a session.
  const target = redirectTarget(request, redirectTo);
  if (!target.ok) return data({ errors: {}, formError: "login.redirectInvalid" as MessageKey }, { status: 400 });
  // By the domain alone, before any lookup: every address of the domain gets this same answer.
  const refusal = providerOnlyRefusal(email);
  if (refusal) return refusal;
  const result = await verifyLogin({ db: context.db, email, password, ip: context.clientIp, device: readDeviceCookieValue(request) });
  if (!result.ok) {
    const formError: MessageKey = result.reason === "throttled" ? "login.throttled" : "login.invalid";
    return data(
      { errors: {}, formError },
      { status: result.reason === "throttled" ? 429 : 401, headers: result.reason === "throttled" ? { "Retry-After": "900" } : undefined },
    );
  }
  return login({ request, context }, { userId: result.userId, redirectTo: target.to, deviceCookie: result.deviceCookie });
}

// Only the domain-policy refusal names what to use instead.
const formErrorVarsOf = (answer: object): MessageVars | undefined => ("formErrorVars" in answer ? (answer.formErrorVars as MessageVars) : undefined);

export default function Login() {
  const actionData = useActionData<typeof action>();
  const { providers, oidcError, logout } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(loginSchema, actionData?.errors);
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-1 text-2xl font-semibold">{t("login.title")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("app.tagline")}</p>
      {!actionData ? <ProviderLogoutNotice notice={logout} /> : null}
      {/* A refused sign-in through a provider stands above its buttons, until the password form answers. */}
      {oidcError && !actionData ? (
        <div className="mb-4">
          <FormError message={t(`oidc.error.${oidcError}`)} />
        </div>
      ) : null}
      <OidcButtons providers={providers} redirectTo={params.get("redirectTo") ?? "/"} />
      <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {params.get("wachtwoord") === "ingesteld" && !actionData ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t("account.set.done")}
          </p>
        ) : null}
        <FormError message={actionData?.formError ? t(actionData.formError, formErrorVarsOf(actionData)) : null} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field label={t("login.email")} name="email" type="email" autoComplete="username" required error={errors.email} />
        <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("login.submit")}
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/wachtwoord-vergeten" className="text-brand-800 underline">
          {t("mail.forgot.link")}
        </Link>
      </p>
      {/* A visitor without an account came for what the regions publish. */}
      <p className="mt-4 border-t border-slate-200 pt-4 text-sm">
        <Link to="/openbaar" className="text-brand-800 underline">
          {t("public.loginLink")}
        </Link>
      </p>
    </div>
  );
}
