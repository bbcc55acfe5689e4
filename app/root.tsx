import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import stylesheet from "../styles/app.css";
import { getUser } from "./utils/auth.server";
import { can } from "./domain/permissions";
import { readCookie } from "./models/session.server";
import { translate, useT, type Locale, type MessageKey } from "./i18n";
import { useNonce } from "./utils/nonce";
import { LogoutButton } from "./components/logout-button";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const LOCALE_COOKIE = "aw_locale";

/** The chosen language (cookie), else the user's, else Dutch. */
export function requestLocale(request: Request, user: { locale: Locale } | null): Locale {
  const cookieLocale = readCookie(request.headers.get("Cookie"), LOCALE_COOKIE);
  return cookieLocale === "en" || cookieLocale === "nl" ? cookieLocale : (user?.locale ?? "nl");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser({ request, context });
  const locale = requestLocale(request, user);
  return {
    locale,
    user: user && {
      name: user.name,
      email: user.email,
      kind: user.kind,
      canSeeOverview: can(user.principal, "view:national-overview"),
      canManagePlatform: can(user.principal, "manage:platform"),
      mustChangePassword: user.mustChangePassword,
    },
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

/** Navigation entries; each exists only once its page works. */
const nav: Array<{ to: string; label: MessageKey; show: (u: NonNullable<RootData["user"]>) => boolean }> = [
  { to: "/regios", label: "nav.regions", show: () => true },
  { to: "/inbox", label: "nav.inbox", show: () => true },
  { to: "/belemmeringen", label: "nav.barriers", show: (u) => u.kind !== "admin" },
  { to: "/innovaties", label: "nav.innovations", show: () => true },
  { to: "/zoeken", label: "nav.search", show: () => true },
  { to: "/knelpunten", label: "nav.bottlenecks", show: (u) => u.canSeeOverview },
  { to: "/beheer", label: "nav.admin", show: (u) => u.canManagePlatform },
];

function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  const user = data?.user;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link to="/" className="text-lg font-bold text-brand-800">
            {t("app.name")}
          </Link>
          {user ? (
            <nav aria-label={t("nav.main")} className="flex flex-1 flex-wrap items-center gap-1">
              {nav
                // Until an administrator-set password is changed, the pages would only send them back.
                .filter((n) => !user.mustChangePassword && n.show(user))
                .map((n) => (
                  <NavLink
                    key={n.to}
                    to={n.to}
                    className={({ isActive }) =>
                      `rounded px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`
                    }
                  >
                    {t(n.label)}
                  </NavLink>
                ))}
              <span className="flex-1" />
              <NavLink to="/account" className="rounded px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                {user.name}
              </NavLink>
              <LogoutButton className="rounded px-3 py-2 text-sm text-slate-700 hover:bg-slate-100" />
            </nav>
          ) : (
            <span className="flex-1" />
          )}
          <Form method="post" action="/taal">
            <input type="hidden" name="locale" value={data?.locale === "en" ? "nl" : "en"} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button
              type="submit"
              lang={data?.locale === "en" ? "nl" : "en"}
              className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
            >
              {t("lang.switch")}
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "nl"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "nl";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404 ? translate(locale, "error.notFound") : status === 403 ? translate(locale, "error.forbidden") : translate(locale, "error.title");
  return (
    <div role="alert" className="rounded border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold">
        {status} · {message}
      </h1>
      <Link to="/" className="mt-4 inline-block text-brand-700 underline">
        {translate(locale, "error.back")}
      </Link>
    </div>
  );
}

export function meta() {
  return [{ title: "Agendawerk" }];
}
