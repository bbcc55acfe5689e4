import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey, type TranslateArgs } from "./messages";

export { translate, type Locale, type MessageKey, type TranslateArgs };

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "nl";
}

export function useT() {
  const locale = useLocale();
  // Generic, so a counting message is checked at each call: see TranslateArgs.
  return <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => translate(locale, key, ...args);
}
