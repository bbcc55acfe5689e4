import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { NavLink, Outlet } from "@remix-run/react";
import { requirePermission } from "~/utils/auth.server";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

// The section's own title, shown when a child fails before its meta can run.
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("nav.admin")]);

// The administrator's section: one tab bar over users, regions and organisations. Each child
// route checks manage:platform itself as well; this loader keeps the shell from rendering for others.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  return null;
}

const tabs: Array<{ to: string; label: MessageKey }> = [
  { to: "/beheer/gebruikers", label: "admin.users" },
  { to: "/beheer/regios", label: "admin.regions" },
  { to: "/beheer/organisaties", label: "admin.organisations" },
  { to: "/beheer/uitgaande-mail", label: "mail.outbox.title" },
];

export default function AdminLayout() {
  const t = useT();
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("admin.tabs")}>
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                className={({ isActive }) =>
                  `-mb-px inline-block rounded-t border px-4 py-2 text-sm font-medium ${
                    isActive ? "border-slate-300 border-b-white bg-white text-brand-800" : "border-transparent text-slate-700 hover:bg-slate-100"
                  }`
                }
              >
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
