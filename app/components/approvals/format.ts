import { useLocale } from "../../i18n";

/** Dates as the reader's language writes them, in Dutch time (decisions are Dutch-time events). */
export function useFormatDate() {
  const locale = useLocale();
  return (value: Date | string | number, withTime = false) =>
    new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
      dateStyle: "long",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone: "Europe/Amsterdam",
    }).format(new Date(value));
}
