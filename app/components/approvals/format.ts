import { formatDutchDate } from "../../domain/dutch-time";
import { useLocale } from "../../i18n";

/** Dates as the reader's language writes them, in Dutch time (decisions are Dutch-time events). */
export function useFormatDate() {
  const locale = useLocale();
  return (value: Date | string | number, withTime = false) =>
    formatDutchDate(value, locale, withTime ? { dateStyle: "long", timeStyle: "short" } : { dateStyle: "long" });
}
