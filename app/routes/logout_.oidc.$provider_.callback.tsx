import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { loggedOutAtProviderPath } from "~/utils/oidc.server";

// The post-logout redirect URI registered at the provider (RP-Initiated Logout 1.0, decision 038):
// the provider sends the browser here after its own logout. The Agendawerk session ended before
// the browser left; this only leads to the login page's confirmation, and grants and writes nothing.

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(loggedOutAtProviderPath(params.provider));
}
