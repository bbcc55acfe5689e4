import { regionRoles } from "~/domain/vocabulary";
import { useT } from "~/i18n";
import { roleLabel } from "./role";

/** The options of a region-role select; `removable` adds "remove" (an empty value). */
export function RegionRoleOptions({ removable = false }: { removable?: boolean }) {
  const t = useT();
  return (
    <>
      {regionRoles.map((role) => (
        <option key={role} value={role}>
          {t(roleLabel(role))}
        </option>
      ))}
      {removable ? <option value="">{t("admin.remove")}</option> : null}
    </>
  );
}
