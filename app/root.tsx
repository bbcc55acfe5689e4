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
import { useEffect, useId, useRef, useState } from "react";
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
  // The .ico for browsers and tools that ask for /favicon.ico whatever the page says; the SVG for the rest.
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
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
  { to: "/landelijk", label: "nav.national", show: (u) => u.canSeeOverview },
  { to: "/beheer", label: "nav.admin", show: (u) => u.canManagePlatform },
];

// Below 768 px the navigation folds behind a menu button (a disclosure). Without scripts the button
// cannot work, so the fold only applies once the inline script in <head> has marked <html> with
// class "js"; until then (and without JS) the navigation is a plain wrapped list of links.
function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  const user = data?.user;
  const menuId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  // A followed link closes the menu: the new page starts folded.
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  const closeOnEscape = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpen(false);
    menuButton.current?.focus();
  };
  // Tighter on wide screens, so the adviser's seven links, name, log-out and language switch fit one row at 1280 px.
  const link = "rounded px-3 py-2 text-sm font-medium md:px-2";
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white" onKeyDown={closeOnEscape}>
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 md:gap-x-3">
          <Link to="/" className="text-lg font-bold text-brand-800">
            {t("app.name")}
          </Link>
          <span className="flex-1 md:hidden" />
          {user ? (
            <button
              ref={menuButton}
              type="button"
              className="menu-button items-center gap-2 rounded border border-slate-300 px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100"
              aria-expanded={open}
              aria-controls={menuId}
              onClick={() => setOpen((o) => !o)}
              data-testid="menu-button"
            >
              <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
                <rect y="2" width="16" height="2" rx="1" />
                <rect y="7" width="16" height="2" rx="1" />
                <rect y="12" width="16" height="2" rx="1" />
              </svg>
              {t("nav.menu")}
            </button>
          ) : null}
          {user ? (
            <nav
              id={menuId}
              aria-label={t("nav.main")}
              data-menu
              data-open={open ? "" : undefined}
              className="flex basis-full flex-col gap-1 max-md:order-last md:flex-1 md:basis-auto md:flex-row md:flex-wrap md:items-center"
            >
              {nav
                // Until an administrator-set password is changed, the pages would only send them back.
                .filter((n) => !user.mustChangePassword && n.show(user))
                .map((n) => (
                  <NavLink
                    key={n.to}
                    to={n.to}
                    className={({ isActive }) => `${link} ${isActive ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
                  >
                    {t(n.label)}
                  </NavLink>
                ))}
              <span className="hidden flex-1 md:block" />
              <NavLink to="/account" className={`${link} font-normal text-slate-700 hover:bg-slate-100`}>
                {user.name}
              </NavLink>
              <LogoutButton className={`${link} w-full text-left font-normal text-slate-700 hover:bg-slate-100`} />
            </nav>
          ) : (
            <span className="hidden flex-1 md:block" />
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
      {/* On every page, logged in or not: the way to what the regions publish (issue 18). */}
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-sm">
          <NavLink to="/openbaar" end className="text-brand-800 underline">
            {t("public.title")}
          </NavLink>
        </div>
      </footer>
    </>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    // The script marks <html> before the first paint; React does not own that class (suppressHydrationWarning).
    <html lang={data?.locale ?? "nl"} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: 'document.documentElement.classList.add("js")' }} />
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
