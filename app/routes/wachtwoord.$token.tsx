import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { findPasswordToken, setPasswordWithToken } from "~/models/account.server";
import { checkPasswordStrength } from "~/utils/password-strength.server";
import { setPasswordSchema } from "~/forms/account";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { FormError } from "~/components/field";
import { NewPasswordFields } from "~/components/password-feedback";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import { requestLocale } from "~/root";

// The one-time link of a forced reset or of the first administrator (npm run admin:create).
// Opening it changes nothing (link previewers open links too); only setting the password uses it up.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("account.set.title")]);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = findPasswordToken({ db: context.db, token: params.token ?? "" });
  if (!found) return data({ email: null }, { status: 410 });
  return { email: found.email };
}

type ActionResult = { errors: FieldErrors; feedback?: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const parsed = parseForm(setPasswordSchema, await request.formData());
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors }, { status: 400 });
  const found = findPasswordToken({ db: context.db, token });
  if (!found) return data<ActionResult>({ errors: { form: "account.set.invalid" } }, { status: 410 });
  const { newPassword } = parsed.data;
  const strength = checkPasswordStrength({ password: newPassword, userInputs: [found.email, found.name], locale: requestLocale(request, null) });
  if (!strength.ok) return data<ActionResult>({ errors: { newPassword: "account.password.weak" }, feedback: strength.feedback }, { status: 400 });
  const done = await setPasswordWithToken({ db: context.db, token, newPassword });
  if (!done) return data<ActionResult>({ errors: { form: "account.set.invalid" } }, { status: 410 });
  for (const sessionId of done.endedSessions) context.collab.closeSessionConnections(sessionId);
  return redirect("/login?wachtwoord=ingesteld");
}

export default function SetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(setPasswordSchema, result?.errors);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">{t("account.set.title")}</h1>
      {email === null ? (
        <p role="alert">{t("account.set.invalid")}</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <p>{t("account.set.intro", { email })}</p>
          <FormError message={errors.form ? t(errors.form) : null} />
          {/* Lets a password manager store the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={email} />
          <NewPasswordFields errors={errors} feedback={result?.feedback} />
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {t("account.set.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
