// The public pages' head (decision 039): a title, a description search engines show, the page's one
// canonical address, and nothing that keeps them out of an index.
import { localeFromMatches, titleMeta } from "~/i18n/meta";
import { translate, type Locale } from "~/i18n/messages";

type Matches = Parameters<typeof titleMeta>[0];

export function publicMeta(matches: Matches, page: { title: string | null; url: string; description: (locale: Locale) => string } | null) {
  const locale = localeFromMatches(matches);
  const title = titleMeta(matches, (t) => [page?.title ?? null, t("public.title")]);
  if (!page) return title;
  const description = page.description(locale);
  return [
    ...title,
    { name: "description", content: description },
    { property: "og:title", content: title[0].title },
    { property: "og:description", content: description },
    { property: "og:url", content: page.url },
    { tagName: "link", rel: "canonical", href: page.url },
    { tagName: "link", rel: "alternate", type: "application/json", href: `${page.url}.json` },
  ];
}

export const publicDescription = (locale: Locale) => translate(locale, "public.description");
