// One layout for every message: a plain-text part that reads well on its own, and simple HTML that
// a screen reader and a narrow phone handle (language set, one heading, real links with their own
// words, no images, no layout tables, contrast above 4.5:1).
import { translate, type Locale } from "../i18n";

/** A paragraph, or someone's own words quoted as they wrote them (line breaks kept). */
export type MailParagraph = string | { quote: string };

export type MailContent = {
  subject: string;
  paragraphs: MailParagraph[];
  action?: { label: string; url: string } | null;
  /** Lines of a digest: each a text with its link. */
  items?: Array<{ text: string; url: string | null }>;
  note?: string | null;
  /** Why the reader gets this and how to stop it; null for account messages. */
  footer?: { kindLabel: string; unsubscribeUrl: string; settingsUrl: string } | null;
};

export type RenderedMail = { subject: string; text: string; html: string };

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderMail(locale: Locale, content: MailContent): RenderedMail {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate(locale, key, vars);
  const text: string[] = [content.subject, ""];
  const html: string[] = [`<h1 style="font-size:20px;margin:0 0 16px">${escape(content.subject)}</h1>`];
  for (const p of content.paragraphs) {
    if (typeof p === "string") {
      text.push(p, "");
      html.push(`<p style="margin:0 0 16px">${escape(p)}</p>`);
    } else {
      // Quoted the way mail clients quote, so the words stand apart from ours in the plain part too.
      const lines = p.quote.split(/\r?\n/);
      text.push(...lines.map((l) => (l ? `> ${l}` : ">")), "");
      html.push(`<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #94a3b8;background:#f8fafc">${lines.map(escape).join("<br>")}</blockquote>`);
    }
  }
  if (content.items?.length) {
    html.push('<ul style="margin:0 0 16px;padding-left:20px">');
    for (const item of content.items) {
      text.push(`- ${item.text}${item.url ? `\n  ${item.url}` : ""}`);
      html.push(`<li style="margin:0 0 8px">${item.url ? `<a href="${escape(item.url)}" style="color:#1e40af">${escape(item.text)}</a>` : escape(item.text)}</li>`);
    }
    html.push("</ul>");
    text.push("");
  }
  if (content.action) {
    text.push(`${content.action.label}: ${content.action.url}`, "");
    html.push(
      `<p style="margin:0 0 16px"><a href="${escape(content.action.url)}" style="display:inline-block;background:#1e40af;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escape(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;color:#334155">${escape(t("mail.linkFallback"))}<br><a href="${escape(content.action.url)}" style="color:#1e40af;word-break:break-all">${escape(content.action.url)}</a></p>`,
    );
  }
  if (content.note) {
    text.push(content.note, "");
    html.push(`<p style="margin:0 0 16px">${escape(content.note)}</p>`);
  }
  if (content.footer) {
    const f = content.footer;
    const why = t("mail.footer.why", { kind: f.kindLabel });
    text.push("--", why, `${t("mail.footer.unsubscribe")}: ${f.unsubscribeUrl}`, `${t("mail.footer.settings")}: ${f.settingsUrl}`);
    html.push(
      `<hr style="border:0;border-top:1px solid #cbd5e1;margin:24px 0 16px">`,
      `<p style="margin:0 0 8px;font-size:14px;color:#334155">${escape(why)}</p>`,
      `<p style="margin:0;font-size:14px"><a href="${escape(f.unsubscribeUrl)}" style="color:#1e40af">${escape(t("mail.footer.unsubscribe"))}</a> · <a href="${escape(f.settingsUrl)}" style="color:#1e40af">${escape(t("mail.footer.settings"))}</a></p>`,
    );
  }
  const page =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escape(content.subject)}</title></head>` +
    `<body style="margin:0;padding:24px 16px;background:#ffffff;color:#0f172a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">` +
    `<main style="max-width:560px;margin:0 auto">${html.join("")}</main></body></html>`;
  return { subject: content.subject, text: text.join("\n").trimEnd() + "\n", html: page };
}
