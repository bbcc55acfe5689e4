import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { landingPath } from "~/models/region.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  throw redirect(landingPath({ db: context.db, actor: user.principal }));
}
