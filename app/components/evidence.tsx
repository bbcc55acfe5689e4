// How a rating and an evidence aggregate read: the figure in the source's unit, the level by the
// field's instruments, and an aggregate's weakest level (never its best) with its count.
import { useLocale, useT } from "~/i18n";
import { formatExact, formatRange, type Evidence, type LinkCapability, type Missing, type RatingKind, type SavingUnit } from "~/domain/savings";
import type { AgendaSavings } from "~/models/savings.server";
import type { MessageKey } from "~/i18n/messages";
import type { NumberLocale } from "~/domain/numbers";

export function EvidenceLabel({ evidence }: { evidence: Evidence }) {
  const t = useT();
  return (
    <span data-testid="evidence-label" data-weakest={evidence.weakest}>
      {t("evidence.aggregate", { weakest: evidence.weakest, count: evidence.count })}
      {evidence.strongest > evidence.weakest ? ` · ${t("evidence.strongest", { strongest: evidence.strongest })}` : ""}
    </span>
  );
}

export type RatingShape = {
  kind: RatingKind;
  unit: SavingUnit;
  low: number;
  expected: number;
  high: number;
  expectedStated: boolean;
  taskName: string | null;
};

/**
 * A rating's value as the source states it, never rounded: one value, the expected value with its
 * range, or the range alone (`expected` null: the source gives none).
 */
export function ratingValueText(r: { low: number; expected: number | null; high: number }, locale: NumberLocale): string {
  const f = (v: number) => formatExact(v, locale);
  if (r.low === r.high) return f(r.low);
  return r.expected === null ? `${f(r.low)}–${f(r.high)}` : `${f(r.expected)} (${f(r.low)}–${f(r.high)})`;
}

/** What a share of time or a figure per occurrence is of ("van: …", "per keer: …"); null without a task. */
export function ratingTaskText(t: Translate, r: { unit: string; taskName: string | null }): string | null {
  return r.taskName ? t(r.unit === "minutes_per_event" ? "evidence.event" : "evidence.shareOf", { task: r.taskName }) : null;
}

/** The figure as the source states it: one value, or a range only when the source gives one. */
export function RatingFigure({ rating }: { rating: RatingShape }) {
  const t = useT();
  const locale = useLocale();
  const value = ratingValueText({ low: rating.low, expected: rating.expectedStated ? rating.expected : null, high: rating.high }, locale);
  const task = ratingTaskText(t, rating);
  return (
    <span data-testid="rating-figure">
      {t("evidence.figure", { value, unit: t(`evidence.unit.${rating.unit}`) })}
      {task ? <span className="block text-slate-700">{task}</span> : null}
      {!rating.expectedStated && rating.low !== rating.high ? <span className="block text-slate-700">{t("evidence.noExpected")}</span> : null}
    </span>
  );
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Why a link (or an innovation for a link) gives no labour-saved figure, in a few words. */
export function describeMissing(t: Translate, missing: Missing, context: { capability?: LinkCapability; reachUnit?: "clients" | "fte" }): string {
  switch (missing) {
    case "unrated":
      return t("evidence.missing.unrated");
    case "care_demand":
      return t("evidence.missing.care_demand", { of: context.capability?.careDemandOf.join(", ") || t("evidence.kind.care_demand").toLowerCase() });
    case "not_labour_saved":
      return t("evidence.missing.not_labour_saved", {
        kinds: (context.capability?.otherKinds ?? []).map((k) => t(`evidence.kind.${k}`).toLowerCase()).join(", "),
      });
    case "unit_mismatch": {
      const other = context.reachUnit === "clients" ? "fte" : "clients";
      return t("evidence.missing.unit_mismatch", { other: t(`savings.reachUnit.${other}`).toLowerCase() });
    }
    case "task_hours":
      return t("evidence.missing.task_hours");
    case "events":
      return t("evidence.missing.events");
  }
}

/** What linking an innovation needs before it gives a figure, or what is missing: the link form's note. */
export function describeCapability(t: Translate, capability: LinkCapability): string {
  if (!capability.produces) return describeMissing(t, capability.missing ?? "unrated", { capability });
  return capability.routes
    .map((r) => {
      const base = t(`evidence.route.${r.basis}`);
      if (r.needs === "task_hours") return `${base}, ${t("evidence.route.task_hours", { task: r.task ?? "" })}`;
      if (r.needs === "events") return `${base}, ${t("evidence.route.events", { task: r.task ?? "" })}`;
      return base;
    })
    .join("; ");
}

export function useMissingText() {
  const t = useT() as unknown as Translate;
  return (missing: Missing, context: { capability?: LinkCapability; reachUnit?: "clients" | "fte" }) => describeMissing(t, missing, context);
}

export function useCapabilityText() {
  const t = useT() as unknown as Translate;
  return (capability: LinkCapability) => describeCapability(t, capability);
}

/**
 * The agenda's labour saved with the evidence behind it, and what is shown apart: more hours worked
 * and task shifting are never added to the saving; links with only care-demand figures are counted.
 */
export function AgendaEvidence({ savings }: { savings: Pick<AgendaSavings, "total" | "supply" | "shifted" | "careDemandLinks"> }) {
  const t = useT();
  const locale = useLocale();
  const { total } = savings;
  return (
    <section aria-labelledby="agenda-evidence-title" data-testid="agenda-evidence" className="rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="agenda-evidence-title" className="font-semibold">{t("evidence.agenda.title")}</h2>
      {total.evidence ? (
        <p data-testid="agenda-evidence-saved">
          {t("evidence.agenda.saved", { fte: formatRange(total.fte, locale) })}
          <EvidenceLabel evidence={total.evidence} />
        </p>
      ) : (
        <p>{t("evidence.agenda.none")}</p>
      )}
      {savings.supply ? <p data-testid="agenda-evidence-supply">{t("evidence.agenda.supply", { fte: formatRange(savings.supply.fte, locale) })}</p> : null}
      {savings.shifted ? <p data-testid="agenda-evidence-shifted">{t("evidence.agenda.shifted", { fte: formatRange(savings.shifted.fte, locale) })}</p> : null}
      {savings.careDemandLinks ? <p>{t("evidence.agenda.careDemand", { count: savings.careDemandLinks })}</p> : null}
      <p className="mt-1 text-slate-700">
        {t("evidence.agenda.trace")}{" "}
        <a href="/innovaties#aannames" className="text-brand-700 underline">
          {t("savings.assumptionsLink")}
        </a>
      </p>
    </section>
  );
}
