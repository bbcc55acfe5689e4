import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/auth.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return logout({ request, context });
}

export async function loader() {
  return redirect("/");
}
