import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { redirectTarget } from "~/utils/auth.server";
import { findProvider, loginErrorPath, startSignIn } from "~/utils/oidc.server";
import { oidcStartSchema } from "~/forms/oidc";
import { parseForm } from "~/forms/validation";

// "Inloggen met <provider>": sends the browser to the provider with a fresh state, nonce and PKCE
// challenge (decision 038). A POST, so that no link or prefetch starts a sign-in.

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(oidcStartSchema, await request.formData());
  const target = redirectTarget(request, parsed.ok ? parsed.data.redirectTo : undefined);
  const redirectTo = target.ok ? target.to : "/";
  const provider = findProvider(params.provider);
  if (!provider) return redirect(loginErrorPath("onbekende-dienst", redirectTo));
  const started = await startSignIn({ db: context.db, request, provider, redirectTo });
  if (!started.ok) return redirect(loginErrorPath(started.error, redirectTo));
  return redirect(started.url, { headers: { "Set-Cookie": started.cookie } });
}

export async function loader() {
  return redirect("/login");
}
