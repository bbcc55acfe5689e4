import { type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { userOptions } from "~/models/user-admin.server";
import { userKinds, type UserKind } from "~/domain/vocabulary";

// The user pickers' search (app/components/user-combobox.tsx): a few matches per keystroke, never
// the whole list. A resource route: JSON only, no page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const query = (params.get("q") ?? "").slice(0, 200);
  return { options: userOptions({ db: context.db, query, kind: userKinds.includes(kind as UserKind) ? (kind as UserKind) : undefined }) };
}
