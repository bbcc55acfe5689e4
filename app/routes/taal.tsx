import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/utils/auth.server";
import { LOCALE_COOKIE } from "~/root";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale") === "en" ? "en" : "nl";
  return redirect(safeRedirect(request, form.get("redirectTo")), {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=31536000` },
  });
}

export async function loader() {
  return redirect("/");
}
