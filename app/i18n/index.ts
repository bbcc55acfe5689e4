import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "./messages";

export { translate, type Locale, type MessageKey };

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "nl";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
