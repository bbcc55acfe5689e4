// What crawlers may read (RFC 9309): the public agendas and their data (issue 18, decision 039),
// plus the styles and scripts those pages render with; the rest of the app needs a login, so a
// crawler would only index its login page. The longest matching rule wins, so Allow beats "/".
import type { LoaderFunctionArgs } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const body = [
    "User-agent: *",
    "Allow: /openbaar",
    "Allow: /open-data.schema.json",
    "Allow: /sitemap.xml",
    "Allow: /build/",
    "Allow: /favicon",
    "Disallow: /",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
