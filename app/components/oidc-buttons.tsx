import { useT } from "~/i18n";

type Props = { providers: ReadonlyArray<{ id: string; name: string }>; redirectTo: string };

/**
 * One "Inloggen met <provider>" per configured provider, above the password form: a plain link
 * (a full navigation to the provider and back), shaped as a button.
 */
export function OidcButtons({ providers, redirectTo }: Props) {
  const t = useT();
  if (providers.length === 0) return null;
  const query = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  return (
    <section aria-labelledby="oidc-heading" className="mb-6 flex flex-col gap-3">
      <h2 id="oidc-heading" className="text-base font-medium text-slate-800">
        {t("oidc.providers")}
      </h2>
      {providers.map((p) => (
        <a
          key={p.id}
          href={`/login/oidc/${p.id}${query}`}
          className="block w-full rounded border border-brand-700 bg-white px-4 py-2 text-center font-medium text-brand-800 hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        >
          {t("oidc.signInWith", { provider: p.name })}
        </a>
      ))}
      <p className="mt-1 text-center text-sm text-slate-700">{t("oidc.orPassword")}</p>
    </section>
  );
}
