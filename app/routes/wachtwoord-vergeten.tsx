import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { getUser } from "~/utils/auth.server";
import { requestPasswordReset } from "~/models/account.server";
import { forgotPasswordSchema } from "~/forms/mail";
import { parseForm, useFormValidation } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { MessageVars } from "~/i18n/format";
import { providerOnlyRefusal } from "~/utils/oidc.server";

// "Wachtwoord vergeten?": one answer whether or not the address has an account (decision 037).

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("mail.forgot.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (getUser({ request, context })) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  // A domain that signs in through its provider has no password here to reset (decision 038): the
  // same answer as the login form gives, by the domain alone.
  const refusal = providerOnlyRefusal(parsed.data.email);
  if (refusal) return refusal;
  const result = requestPasswordReset({ db: context.db, email: parsed.data.email, ip: context.clientIp });
  if (!result.ok) return data({ errors: {}, formError: "mail.forgot.throttled" as MessageKey }, { status: 429, headers: { "Retry-After": "3600" } });
  return redirect(`/wachtwoord-vergeten?verstuurd=${encodeURIComponent(parsed.data.email)}`);
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(forgotPasswordSchema, actionData?.errors);
  const sentTo = actionData ? null : params.get("verstuurd");
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold">{t("mail.forgot.title")}</h1>
      {sentTo ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("mail.forgot.sent", { email: sentTo })}
        </p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <p>{t("mail.forgot.intro")}</p>
          <FormError message={actionData?.formError ? t(actionData.formError, ("formErrorVars" in actionData ? actionData.formErrorVars : undefined) as MessageVars | undefined) : null} />
          <Field label={t("login.email")} name="email" type="email" autoComplete="username" required error={errors.email} />
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {t("mail.forgot.submit")}
          </button>
        </Form>
      )}
      <Link to="/login" className="text-brand-800 underline">
        {t("mail.forgot.back")}
      </Link>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
