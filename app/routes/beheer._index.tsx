import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  return redirect("/beheer/gebruikers");
}
