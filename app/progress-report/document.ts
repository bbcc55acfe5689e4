// The progress report laid out as a document in the reader's language: the same blocks make the
// page's preview, the tagged PDF and the Word file (app/documents), so what the coordinator reads
// before sending is what the stuurgroep gets.
import type { Block, DocumentSpec } from "../documents/blocks";
import { formatDutchDate } from "../domain/dutch-time";
import { periodLabel } from "../domain/periods";
import { formatNumber, formatRange } from "../domain/savings";
import { formatEuros } from "../domain/training";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import type { ReportContent, ReportPriority } from "../models/progress-report.server";

type Sent = { at: number; by: string | null } | null;

export function progressReportDocument({ content, sent, locale }: { content: ReportContent; sent: Sent; locale: Locale }): DocumentSpec & { fileBase: string } {
  const t = (key: string, vars?: Record<string, string | number>) => translate(locale, key as MessageKey, vars as never);
  const date = (at: number | string) => formatDutchDate(at, locale);
  const period = periodLabel(content.period, locale);
  const byOn = (by: string | null, at: number | null) => [by, at ? date(at) : null].filter(Boolean).join(", ");
  const blocks: Block[] = [];
  const add = (...b: Block[]) => blocks.push(...b);
  const p = (text: string, style?: "muted" | "bold"): Block => ({ type: "p", text, style });
  const field = (label: string, value: string): Block => ({ type: "field", label, value });
  const none = p(t("report.noData"), "muted");
  const title = t("report.title", { region: content.region.name, period });

  add(
    { type: "h1", text: title },
    field(t("report.region"), content.region.name),
    field(t("report.period"), period),
    p(sent ? t("report.sentLine", { date: formatDutchDate(sent.at, locale, { dateStyle: "long", timeStyle: "short" }), name: sent.by ?? "" }) : t("report.draftLine", { date: formatDutchDate(content.draftedAt, locale, { dateStyle: "long", timeStyle: "short" }) }), "muted"),
  );

  add({ type: "h2", text: t("report.foreword") });
  if (content.foreword?.text) add(...paragraphs(content.foreword.text), p(byOn(content.foreword.by, content.foreword.at), "muted"));
  else add(p(t("report.noForeword"), "muted"));

  add({ type: "h2", text: t("report.advice") });
  if (content.advice) add(...paragraphs(content.advice.text), p(byOn(content.advice.by, content.advice.at), "muted"));
  else add(none);

  const all = content.agendas.flatMap((a) => a.priorities);
  add({ type: "h2", text: t("report.overview") });
  if (all.length) {
    add({
      type: "table",
      header: [t("report.col.priority"), t("report.col.status"), t("report.col.progress"), t("report.col.projected"), t("report.col.measured"), t("report.col.evidence")],
      rows: all.map((i) => [
        `${i.rank}. ${i.title}`,
        t(`status.${i.status}`),
        i.note ? `${i.note.progressPct}%` : "–",
        i.projected ? formatRange(i.projected.hoursPerYear, locale) : "–",
        i.measured ? formatNumber(i.measured.hoursPerYear, locale) : "–",
        [i.projected ? t("report.evidenceProjected", { level: i.projected.evidenceLevel }) : null, i.measured ? t("report.evidenceMeasured", { level: i.measured.evidenceLevel }) : null].filter(Boolean).join("; ") || "–",
      ]),
    });
    add(p(t("report.overviewUnit"), "muted"));
  } else add(p(t("report.noPriorities"), "muted"));

  for (const agenda of content.agendas) {
    add({ type: "h2", text: t("report.priorities", { agenda: agenda.title }) }, p(agenda.adoptedAt ? t("report.adoptedOn", { date: date(agenda.adoptedAt) }) : t("report.notAdopted"), "muted"));
    for (const item of agenda.priorities) add(...priorityBlocks(item));
  }

  add({ type: "h2", text: t("report.notReported") });
  add(content.notReported.length ? { type: "list", items: content.notReported.map((i) => (i.lead ? `${i.title} (${i.lead})` : i.title)) } : p(t("report.everyoneReported"), "muted"));

  function priorityBlocks(item: ReportPriority): Block[] {
    const out: Block[] = [{ type: "h3", text: `${item.rank}. ${item.title}` }, field(t("report.status"), t(`status.${item.status}`))];
    const sub = (label: string) => out.push(p(label, "bold"));
    const list = (items: string[]) => out.push(items.length ? { type: "list", items } : none);

    sub(t("report.statusHistory"));
    list(
      item.statusChanges.map((c) =>
        [
          `${date(c.at)}: ${c.from ? `${t(`status.${c.from}`)} → ` : ""}${t(`status.${c.to}`)}`,
          c.by ? `(${c.by})` : null,
          c.note || null,
          c.lessonLearned ? `${t("report.lesson")}: ${c.lessonLearned}` : null,
        ]
          .filter(Boolean)
          .join(" "),
      ),
    );

    sub(t("report.progress"));
    if (item.note) {
      out.push(
        field(t("report.happened"), item.note.happened),
        field(t("report.progressPct"), `${item.note.progressPct}%`),
        field(t("report.nextStep"), item.note.nextStep),
        field(t("report.risk"), [t(`risk.${item.note.risk}`), item.note.riskNote].filter(Boolean).join(": ")),
      );
      if (item.note.by) out.push(p(item.note.by, "muted"));
    } else out.push(p(t("report.noNote"), "muted"));

    sub(t("report.milestones"));
    list(item.milestones.map((m) => `${m.title}: ${t("report.due", { date: date(m.dueDate) })}, ${t(`milestone.${m.state}`)}${m.doneDate ? ` (${date(m.doneDate)})` : ""}`));

    sub(t("report.savings"));
    out.push(
      field(
        t("report.projected"),
        item.projected
          ? t("report.projectedValue", { hours: formatRange(item.projected.hoursPerYear, locale), fte: formatRange(item.projected.fte, locale), level: item.projected.evidenceLevel })
          : t("report.noProjection"),
      ),
    );
    if (item.projected?.sources.length) out.push(field(t("report.source"), item.projected.sources.join("; ")));
    out.push(
      field(
        t("report.measured"),
        item.measured
          ? [
              t("report.measuredValue", { hours: formatNumber(item.measured.hoursPerYear, locale), fte: formatNumber(item.measured.fte, locale), periods: item.measured.periods, period: periodLabel(item.measured.latestPeriod, locale), level: item.measured.evidenceLevel }),
              item.measured.share !== null ? t("report.share", { share: Math.round(item.measured.share * 100) }) : null,
            ]
              .filter(Boolean)
              .join(" · ")
          : t("report.noMeasurement"),
      ),
    );
    if (item.measured) out.push(field(t("report.source"), [...item.measured.files, item.measured.byHand ? t("report.byHand") : null].filter(Boolean).join("; ")));

    sub(t("report.training"));
    list(
      item.training.map((l) =>
        [
          `${t(`training.kind.${l.kind}`)}: ${l.role}, ${t("report.people", { people: l.people, hours: formatNumber(l.hoursPerPerson, locale) })}`,
          l.provider ? `${l.provider}${l.schoolType ? ` (${t(`training.schoolType.${l.schoolType}`)})` : ""}` : null,
          l.skillsLab ? t("report.skillsLab") : null,
          t(`training.status.${l.status}`),
        ]
          .filter(Boolean)
          .join(" · "),
      ),
    );

    sub(t("report.funding"));
    list(item.funding.map((f) => [`${t(`funding.route.${f.route}`)}: ${formatEuros(f.amountCents, locale)}`, t(`funding.status.${f.status}`), date(f.date), f.note || null].filter(Boolean).join(" · ")));

    sub(t("report.barriers"));
    list(
      item.barriers.map((b) =>
        [
          `${locale === "en" ? b.typeEn : b.typeNl} (${t(`barriers.severity.${b.severity}`)}, ${t(`barriers.status.${b.status}`)}): ${b.description}`,
          b.answer ? t("report.answer", { name: b.answer.by, date: date(b.answer.at), body: b.answer.body }) : t("report.noAnswer"),
        ].join(" — "),
      ),
    );
    return out;
  }

  const slug = (s: string) => s.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  return {
    fileBase: slug(`${t("report.fileName")}-${content.region.slug}-${content.period}`),
    lang: locale === "en" ? "en" : "nl-NL",
    title,
    pageOf: t("pack.pageOf", { page: "%p", pages: "%n" }),
    blocks,
  };
}

/** A written text's paragraphs, as typed (blank lines apart). */
function paragraphs(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ type: "p", text: s }));
}
