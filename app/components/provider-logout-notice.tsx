import { useT } from "~/i18n";
import type { ProviderLogoutNotice as Notice } from "~/utils/oidc.server";

/**
 * On the login page after logging out of a session made through a provider (decision 038): the
 * confirmation that the provider signed the user out too, or the warning that it did not, which
 * on a shared computer is what lets the next person in as this user.
 */
export function ProviderLogoutNotice({ notice }: { notice: Notice | null }) {
  const t = useT();
  if (!notice) return null;
  if (notice.atProvider) {
    return (
      <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
        {t("oidc.logout.done", { provider: notice.provider })}
      </p>
    );
  }
  return (
    <div role="alert" className="mb-4 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p>{t("oidc.logout.stillSignedIn", { provider: notice.provider })}</p>
      {notice.logoutUrl ? (
        <p className="mt-2">
          <a href={notice.logoutUrl} className="font-medium text-amber-950 underline">
            {t("oidc.logout.atProvider", { provider: notice.provider })}
          </a>
        </p>
      ) : null}
    </div>
  );
}
