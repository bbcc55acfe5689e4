import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectTarget } from "~/utils/auth.server";
import { findProvider, loginErrorPath, startSignIn } from "~/utils/oidc.server";

// "Inloggen met <provider>": sends the browser to the provider with a fresh state, nonce and PKCE
// challenge in a sealed cookie (decision 038). A link, not a form: the page's CSP (form-action
// 'self') would stop a form submission at the redirect to the provider and its own hops beyond.
// Starting a sign-in grants nothing; only the callback does, in this browser alone.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const target = redirectTarget(request, new URL(request.url).searchParams.get("redirectTo") ?? undefined);
  const redirectTo = target.ok ? target.to : "/";
  const provider = findProvider(params.provider);
  if (!provider) return redirect(loginErrorPath("onbekende-dienst", redirectTo));
  const started = await startSignIn({ db: context.db, request, provider, redirectTo });
  if (!started.ok) return redirect(loginErrorPath(started.error, redirectTo));
  return redirect(started.url, { headers: { "Set-Cookie": started.cookie } });
}
