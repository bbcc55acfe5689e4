// "Elders bewezen" on an item's page and the agenda's learning from other regions (issue 18,
// decision 039): other regions' public items with the same innovation, and a question to their lead.
import { useId } from "react";
import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { innovationName } from "~/i18n/names";
import { formatNumber } from "~/domain/savings";
import { periodLabel } from "~/domain/periods";
import { QUESTION_LIMITS, QUESTIONS_PER_DAY } from "~/domain/learning";
import type { ProvenElsewhere, ProvenForSectors, SolvedElsewhere } from "~/models/learning.server";
import { FormError } from "~/components/field";

export const ELSEWHERE_ANCHOR = "elders-bewezen";
const button = "self-start rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2";

export type AskAnswer = { target: string; error: string | null } | null;

export function ProvenElsewhereSection({ data, sent, answer }: { data: ProvenElsewhere; sent: boolean; answer: AskAnswer }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  if (!data.length) return null;
  return (
    <section id={ELSEWHERE_ANCHOR} aria-labelledby={headingId} data-testid="proven-elsewhere" className="rounded border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">{t("learning.elsewhere.title")}</h2>
      <p className="text-sm text-slate-700">{t("learning.elsewhere.intro")}</p>
      {sent ? <p role="status" className="mt-2 rounded border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900">{t("learning.ask.sent")}</p> : null}
      {data.map((group) => (
        <div key={group.innovation.slug} className="mt-3">
          <h3 className="font-semibold">{innovationName(group.innovation, locale)}</h3>
          <ul className="mt-1 flex flex-col gap-3">
            {group.uses.map((u) => (
              <li key={u.itemId} className="rounded border border-slate-200 p-3" data-testid="elsewhere-use">
                <p className="font-medium break-words">{t("learning.use", { region: u.regionName, title: u.title })}</p>
                <p className="text-sm">
                  {t("learning.status", { status: t(`status.${u.status}`) })} · {t("learning.lead", { lead: u.leadOrganisation.trim() || t("learning.noLead") })}
                </p>
                <p className="text-sm" data-testid="elsewhere-result">
                  {u.realised
                    ? t("learning.measured", { hours: formatNumber(u.realised.hoursPerYear, locale), period: periodLabel(u.realised.latestPeriod, locale) })
                    : t("learning.notMeasured")}
                  {u.projectedHours !== null ? ` · ${t("learning.projected", { hours: formatNumber(u.projectedHours, locale) })}` : ""}
                </p>
                {u.lesson ? <p className="text-sm">{t("learning.lesson", { lesson: u.lesson })}</p> : null}
                <AskForm target={u.itemId} region={u.regionName} answer={answer?.target === u.itemId ? answer : null} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function AskForm({ target, region, answer }: { target: string; region: string; answer: AskAnswer }) {
  const t = useT();
  const id = useId();
  return (
    <Form method="post" className="mt-2 flex flex-col gap-1" preventScrollReset>
      <input type="hidden" name="intent" value="ask" />
      <input type="hidden" name="targetItemId" value={target} />
      <label htmlFor={id} className="text-sm font-medium">{t("learning.ask.label", { region })}</label>
      <textarea id={id} name="question" rows={3} required minLength={QUESTION_LIMITS.min} maxLength={QUESTION_LIMITS.max} aria-describedby={`${id}-hint`} className="w-full rounded border border-slate-400 p-2" />
      <p id={`${id}-hint`} className="text-xs text-slate-700">{t("learning.ask.hint", { max: QUESTION_LIMITS.max, perDay: QUESTIONS_PER_DAY })}</p>
      <FormError message={answer?.error ? t(answer.error as "learning.error.length") : null} />
      <button type="submit" className={button}>{t("learning.ask.submit")}</button>
    </Form>
  );
}

/** On the agenda: well-evidenced innovations other regions use for these sectors, and barriers they solved. */
export function AgendaLearning({ sectors, solved }: { sectors: ProvenForSectors; solved: SolvedElsewhere }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const solvedId = useId();
  if (!sectors.length && !solved.length) return null;
  return (
    <div className="flex flex-col gap-4">
      {sectors.length ? (
        <section aria-labelledby={headingId} data-testid="proven-for-sectors" className="rounded border border-slate-200 bg-white p-4">
          <h2 id={headingId} className="text-lg font-semibold">{t("learning.sectors.title")}</h2>
          <p className="text-sm text-slate-700">{t("learning.sectors.intro")}</p>
          <ul className="mt-2 list-disc pl-5">
            {sectors.map((s) => (
              <li key={s.innovation.slug}>{t("learning.sectors.line", { innovation: innovationName(s.innovation, locale), level: s.level, regions: s.regions.join(", "), sectors: s.sectors.join(", ") })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {solved.length ? (
        <section aria-labelledby={solvedId} data-testid="solved-elsewhere" className="rounded border border-slate-200 bg-white p-4">
          <h2 id={solvedId} className="text-lg font-semibold">{t("learning.solved.title")}</h2>
          <p className="text-sm text-slate-700">{t("learning.solved.intro")}</p>
          <ul className="mt-2 list-disc pl-5">
            {solved.map((b) => <li key={b.id}>{t("learning.solved.line", { region: b.regionName, item: b.itemTitle, resolution: b.resolution })}</li>)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
