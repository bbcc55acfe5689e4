import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { login } from "~/utils/auth.server";
import { findProvider, finishSignIn, loginErrorPath, stateCookieHeader } from "~/utils/oidc.server";
import { signInVerifiedEmail } from "~/models/oidc-login.server";

// Where the provider sends the browser back (the registered redirect URI). The one GET that
// writes: it starts a session, as the password login's POST does. It can succeed only once and only
// in the browser holding the flow's sealed cookie, so no previewer or prefetch can (decision 038).
// Every refusal lands on the login page with its Dutch message, never on an error page.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const headers = { "Set-Cookie": stateCookieHeader(request, null) };
  const provider = findProvider(params.provider);
  if (!provider) return redirect(loginErrorPath("onbekende-dienst", "/"), { headers });
  const finished = await finishSignIn({ db: context.db, request, provider });
  if (!finished.ok) return redirect(loginErrorPath(finished.error, finished.redirectTo), { headers });
  const account = signInVerifiedEmail({ db: context.db, email: finished.email, ip: context.clientIp });
  if (!account.ok) return redirect(loginErrorPath("geen-account", finished.redirectTo), { headers });
  // The session remembers its provider, so that logging out ends the sign-in there too.
  const response = await login({ request, context }, { userId: account.userId, redirectTo: finished.redirectTo, deviceCookie: account.deviceCookie, oidcProvider: provider.id });
  response.headers.append("Set-Cookie", headers["Set-Cookie"]);
  return response;
}
