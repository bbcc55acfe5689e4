import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/auth.server";

// Ends the session here; one made through an organisation's provider goes on to that provider's
// logout, so the next person at the computer cannot sign in as this user (decision 038).
export async function action({ request, context }: ActionFunctionArgs) {
  return logout({ request, context });
}

export async function loader() {
  return redirect("/");
}
