import { useT } from "~/i18n";

/**
 * A labelled GET filter: its value lives in the URL, so a filtered list can be linked and reloaded.
 * The first option, "Alle" (empty), means no filter unless `allowAll` is false.
 */
export function FilterSelect({
  label,
  name,
  value,
  options,
  allowAll = true,
}: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: ReadonlyArray<readonly [string, string]>;
  allowAll?: boolean;
}) {
  const t = useT();
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <select name={name} defaultValue={value ?? ""} className="rounded border border-slate-400 bg-white px-2 py-1.5 text-slate-900">
        {allowAll ? <option value="">{t("common.all")}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
