import { Form } from "@remix-run/react";
import { useT } from "~/i18n";

type Props = { providers: ReadonlyArray<{ id: string; name: string }>; redirectTo: string };

/**
 * One "Inloggen met <provider>" button per configured provider, above the password form. Each is a
 * plain POST that leaves the app for the provider, hence a full document submission.
 */
export function OidcButtons({ providers, redirectTo }: Props) {
  const t = useT();
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="oidc-heading" className="mb-6 flex flex-col gap-3">
      <h2 id="oidc-heading" className="text-base font-medium text-slate-800">
        {t("oidc.providers")}
      </h2>
      {providers.map((p) => (
        <Form key={p.id} method="post" action={`/login/oidc/${p.id}`} reloadDocument>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button
            type="submit"
            className="w-full rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            {t("oidc.signInWith", { provider: p.name })}
          </button>
        </Form>
      ))}
      <p className="mt-1 text-center text-sm text-slate-700">{t("oidc.orPassword")}</p>
    </section>
  );
}
