import type { AgendaComparison, ComparisonCounts, FieldComparison, ItemComparison, WordPart } from "~/domain/version-diff";
import type { DiffField } from "~/domain/adoption-diff";
import { formatDutchDate } from "~/domain/dutch-time";
import { fieldLabel, useFieldValue } from "~/components/approvals/frozen-item";
import { periodText } from "~/components/agenda/static-agenda";
import { useLocale, useT } from "~/i18n";

type VersionRow = { kind: "daily" | "named" | "before_proposal" | "before_restore"; name: string | null; createdAt: Date | string | number };

/** "“Voor de vergadering”, 3 november 2026 om 14:05": what a version is called wherever it is named. */
export function useVersionLabel() {
  const t = useT();
  const locale = useLocale();
  return (v: VersionRow) => {
    const date = formatDutchDate(v.createdAt, locale, { dateStyle: "long", timeStyle: "short" });
    return v.name ? t("versions.labelNamed", { name: v.name, date }) : t("versions.label", { name: t(`versions.kind.${v.kind}`), date });
  };
}

/** The counted changes as one sentence, each kind in the words of `keys` ("3 agendapunten veranderen, …"). */
export function useChangeSentence(keys: "effect" | "summary") {
  const t = useT();
  return (c: ComparisonCounts) => {
    const parts = [
      c.changed ? t(`versions.${keys}.changed`, { count: c.changed }) : null,
      c.removed ? t(`versions.${keys}.removed`, { count: c.removed }) : null,
      c.added ? t(`versions.${keys}.added`, { count: c.added }) : null,
      c.intro ? t(`versions.${keys}.intro`) : null,
      c.reordered ? t(`versions.${keys}.reordered`) : null,
    ].filter((p): p is string => p !== null);
    const sentence = `${parts.join(", ")}.`;
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  };
}

/**
 * Text with its changed words marked. Not by colour alone: added words are underlined, removed ones
 * struck through, and a screen reader hears "toegevoegd:" / "verwijderd:" before each.
 */
export function WordDiff({ parts }: { parts: WordPart[] }) {
  const t = useT();
  return (
    <p className="whitespace-pre-line break-words" data-testid="word-diff">
      {parts.map((p, i) =>
        p.change === "added" ? (
          <ins key={i} className="bg-green-100 text-green-950 underline decoration-2 underline-offset-2">
            <span className="sr-only">{t("versions.inserted")} </span>
            {p.text}
          </ins>
        ) : p.change === "removed" ? (
          <del key={i} className="bg-red-100 text-red-950 line-through decoration-2">
            <span className="sr-only">{t("versions.deleted")} </span>
            {p.text}
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

const badgeStyle: Record<ItemComparison["kind"], string> = {
  added: "border-green-700 bg-green-50 text-green-900",
  removed: "border-red-700 bg-red-50 text-red-900",
  changed: "border-amber-700 bg-amber-50 text-amber-950",
};

function ChangeBadge({ kind }: { kind: ItemComparison["kind"] }) {
  const t = useT();
  return <span className={`ml-2 inline-block rounded border px-1.5 text-xs font-medium align-middle ${badgeStyle[kind]}`}>{t(`versions.change.${kind}`)}</span>;
}

/** A field's value as the comparison prints it: dates the Dutch way, nothing as "Geen datum" or "Niet ingevuld". */
function useComparedValue() {
  const t = useT();
  const locale = useLocale();
  const value = useFieldValue();
  return (field: DiffField, raw: string) => {
    if (field === "startDate" || field === "endDate") return raw ? formatDutchDate(raw, locale) : t("versions.noDate");
    return raw === "" ? t("versions.empty") : value(field, raw);
  };
}

function FieldRow({ change, beforeLabel, afterLabel }: { change: FieldComparison; beforeLabel: string; afterLabel: string }) {
  const t = useT();
  const value = useComparedValue();
  // Side by side where there is room; at phone width the two values stack, each with its label.
  return (
    <div className="grid gap-1 border-t border-slate-200 py-2 sm:grid-cols-[minmax(8rem,12rem)_1fr_1fr] sm:gap-3" data-testid="field-change" data-field={change.field}>
      <dt className="font-medium">{t(fieldLabel[change.field])}</dt>
      {change.words ? (
        <dd className="sm:col-span-2">
          <WordDiff parts={change.words} />
        </dd>
      ) : (
        <>
          <dd className="break-words">
            <span className="block text-xs font-medium text-slate-700">{beforeLabel}</span>
            <span className="whitespace-pre-line">{value(change.field, change.before)}</span>
          </dd>
          <dd className="break-words">
            <span className="block text-xs font-medium text-slate-700">{afterLabel}</span>
            <span className="whitespace-pre-line">{value(change.field, change.after)}</span>
          </dd>
        </>
      )}
    </div>
  );
}

/** Per item what was added, removed or changed between two states, and the intro's changed words. */
export function ComparisonView({ comparison, counts, beforeLabel, afterLabel }: { comparison: AgendaComparison; counts: ComparisonCounts; beforeLabel: string; afterLabel: string }) {
  const t = useT();
  const locale = useLocale();
  const sentence = useChangeSentence("summary");
  return (
    <div className="flex flex-col gap-4" data-testid="comparison">
      <p className="font-medium" data-testid="comparison-summary">{counts.any ? sentence(counts) : t("versions.summary.none")}</p>
      {comparison.intro ? (
        <section aria-labelledby="compared-intro" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="compared-intro" className="font-semibold">
            {t("agenda.intro")}
            <ChangeBadge kind="changed" />
          </h3>
          <WordDiff parts={comparison.intro} />
        </section>
      ) : null}
      {comparison.items.length ? (
        <ol className="flex flex-col gap-3">
          {comparison.items.map((c) => (
            <li key={`${c.kind}-${c.id}`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="compared-item" data-change={c.kind}>
              <h3 className="break-words font-semibold">
                {c.item.title || t("agenda.untitled")}
                <ChangeBadge kind={c.kind} />
              </h3>
              {c.kind === "changed" ? (
                <dl className="mt-2 text-sm">
                  {c.fields.map((f) => (
                    <FieldRow key={f.field} change={f} beforeLabel={beforeLabel} afterLabel={afterLabel} />
                  ))}
                </dl>
              ) : (
                <p className="mt-1 text-sm text-slate-800">
                  {t("field.status")}: {t(`status.${c.item.status}`)} · {t("field.period")}: {periodText(c.item.startDate, c.item.endDate, locale, t)}
                </p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {comparison.unchanged ? <p className="text-sm text-slate-700">{t("versions.unchanged", { count: comparison.unchanged })}</p> : null}
    </div>
  );
}
