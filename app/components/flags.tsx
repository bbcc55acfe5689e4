// Bottleneck flags on screen: one card per flag (why it fired, the figures, the threshold, where to
// go), and the read-only block a region sees on its own pages. Severity is always spelled out and
// marked with a shape, never told by colour alone.
import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { translate } from "~/i18n/messages";
import type { MessageKey } from "~/i18n/messages";
import { renderText, renderVar, type Translate } from "~/domain/flags/text";
import { dutchCalendarDay } from "~/domain/dutch-time";
import type { HiddenSummary } from "~/domain/flags/dismissals";
import { flagSeverities, type Flag, type FlagSeverity } from "~/domain/flags/types";

export function useFlagText() {
  const locale = useLocale();
  const tr: Translate = (key, vars) => translate(locale, key as MessageKey, vars);
  return { locale, tr, render: (t: Parameters<typeof renderText>[2]) => renderText(tr, locale, t), renderVar: (v: Parameters<typeof renderVar>[2]) => renderVar(tr, locale, v) };
}

const severityStyle: Record<FlagSeverity, { className: string; mark: string }> = {
  hoog: { className: "border-red-700 bg-red-50 text-red-900", mark: "▲" },
  middel: { className: "border-amber-700 bg-amber-50 text-amber-950", mark: "◆" },
  laag: { className: "border-slate-500 bg-slate-50 text-slate-800", mark: "●" },
};

export function SeverityBadge({ severity }: { severity: FlagSeverity }) {
  const t = useT();
  const s = severityStyle[severity];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs font-semibold ${s.className}`} data-severity={severity}>
      <span aria-hidden="true">{s.mark}</span>
      {t("flags.severityLabel", { severity: t(`flags.severity.${severity}`) })}
    </span>
  );
}

export const severityMark = (s: FlagSeverity | null) => (s ? severityStyle[s].mark : "✓");

// Bar segment colours: on white, each at least 3:1 against the background (WCAG 1.4.11).
const barClass: Record<FlagSeverity, string> = { hoog: "bg-red-700", middel: "bg-amber-600", laag: "bg-slate-500" };

/**
 * A region's counts per severity: a bar scaled to the region with the most signals, and the counts
 * spelled out with their shape, so the worst regions stand out without colour being the only cue.
 */
export function SeverityCounts({ counts, max }: { counts: Record<FlagSeverity, number>; max: number }) {
  const t = useT();
  const total = flagSeverities.reduce((n, s) => n + counts[s], 0);
  return (
    <span className="flex flex-col gap-1">
      <span className="flex h-2 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
        {flagSeverities.map((s) =>
          counts[s] ? <span key={s} className={barClass[s]} style={{ width: `${(100 * counts[s]) / Math.max(1, max)}%` }} /> : null,
        )}
      </span>
      <span className="sr-only">{t("flags.gridBySeverity", counts)}</span>
      <span className="flex flex-wrap gap-x-2 text-xs tabular-nums" aria-hidden="true">
        {total
          ? flagSeverities.map((s) => (
              <span key={s} data-severity-count={s} className={counts[s] ? "font-semibold" : "text-slate-600"}>
                {severityStyle[s].mark} {counts[s]} {t(`flags.severity.${s}`)}
              </span>
            ))
          : null}
      </span>
    </span>
  );
}

/** "3 signals are hidden: 2 by you, for you only; 1 by Sanne Bakker for the whole regional team." */
export function HiddenNote({ hidden, showHref }: { hidden: HiddenSummary; showHref?: string }) {
  const t = useT();
  if (!hidden.total) return null;
  const parts = hidden.by
    .map((b) => (b.mine ? t(`flags.hidden.mine.${b.scope}`, { count: b.count }) : b.scope === "team" ? t("flags.hidden.other.team", { count: b.count, user: b.userName }) : null))
    .filter(Boolean)
    .join("; ");
  return (
    <p className="text-sm text-slate-700" data-testid="hidden-note">
      {t("flags.hidden", { count: hidden.total, parts })}{" "}
      {showHref ? (
        <Link to={showHref} className="text-brand-700 underline">
          {t("flags.hidden.show")}
        </Link>
      ) : null}
    </p>
  );
}

export function FlagCard({
  flag,
  regionName,
  children,
  headingLevel = 3,
}: {
  flag: Flag;
  regionName?: string;
  children?: React.ReactNode;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT();
  const { render, renderVar } = useFlagText();
  const H = `h${headingLevel}` as const;
  return (
    <article className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-4" data-testid="flag" data-flag-key={flag.key} data-rule={flag.rule}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={flag.severity} />
        <span className="text-sm font-medium text-slate-700">{t(`flags.rule.${flag.rule}`)}</span>
        <span className="text-sm text-slate-700">
          · {flag.regionId === null ? t("flags.nationalLabel") : regionName ? t("flags.regionLabel", { region: regionName }) : null}
        </span>
      </div>
      <H className="font-semibold">{render(flag.subject)}</H>
      <p data-testid="flag-explanation">
        <span className="sr-only">{t("flags.why")}: </span>
        {render(flag.explanation)}
      </p>
      {/* Below sm the label sits above its value: side by side the long labels squeeze the value to a word per line. */}
      <dl className="grid grid-cols-1 gap-x-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-y-0.5 [&>dd]:mb-1 sm:[&>dd]:mb-0 [&>div>dd]:mb-1 sm:[&>div>dd]:mb-0">
        {flag.figures.map((f, i) => (
          <div key={i} className="contents">
            <dt className="text-slate-700">{t(f.label as MessageKey)}</dt>
            <dd>{renderVar(f.value)}</dd>
          </div>
        ))}
        <dt className="text-slate-700">{t("flags.thresholdLabel")}</dt>
        <dd data-testid="flag-threshold">{render(flag.threshold)}</dd>
        {flag.since !== null ? (
          <>
            <dt className="sr-only">{t("flags.csv.since")}</dt>
            <dd className="text-slate-700 sm:col-span-2">{t("flags.since", { date: dutchCalendarDay(flag.since), days: flag.ageDays })}</dd>
          </>
        ) : null}
      </dl>
      {flag.links.length ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {flag.links.map((l, i) => (
            <li key={i}>
              <Link to={l.href} className="text-brand-700 underline">
                {render(l.label)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {flag.dismissal ? (
        <p className="text-sm text-slate-700" data-testid="flag-dismissal">
          {t(`flags.dismissedLabel.${flag.dismissal.scope}`, { user: flag.dismissal.userName ?? "—", reason: flag.dismissal.reason })}{" "}
          {flag.dismissal.kind === "snooze" && flag.dismissal.until
            ? t("flags.dismissedUntil", { date: dutchCalendarDay(flag.dismissal.until) })
            : t("flags.dismissedUntilChange")}
        </p>
      ) : null}
      {children}
    </article>
  );
}

/** A region's own flags, read-only, on its region page and agenda page. */
export function RegionFlags({
  flags,
  title,
  limit = 5,
  total = flags.length,
  moreHref,
  hidden,
  hiddenFlags = [],
}: {
  flags: Flag[];
  title: "flags.regionTitle" | "flags.agendaTitle";
  limit?: number;
  /** How many flags there are in all, when the caller sends only the first ones. */
  total?: number;
  /** Where the rest are listed, when the caller sends only the first ones. */
  moreHref?: string;
  /** How many are hidden for the viewer and by whom, and the hidden flags themselves. */
  hidden?: HiddenSummary;
  hiddenFlags?: Flag[];
}) {
  const t = useT();
  const headingId = title === "flags.regionTitle" ? "region-flags" : "agenda-flags";
  const shown = flags.slice(0, limit);
  return (
    <section aria-labelledby={headingId} data-testid="region-flags">
      <h2 id={headingId} className="mb-3 text-lg font-semibold">
        {t(title)}
      </h2>
      {flags.length ? (
        <>
          <div className="flex flex-col gap-2">
            {shown.map((f) => (
              <FlagCard key={f.key} flag={f} />
            ))}
          </div>
          {moreHref && total > flags.length ? (
            <Link to={moreHref} className="mt-2 inline-block text-sm text-brand-700 underline">
              {t("flags.more", { count: total })}
            </Link>
          ) : flags.length > shown.length ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm text-brand-700 underline">{t("flags.more", { count: flags.length })}</summary>
              <div className="mt-2 flex flex-col gap-2">
                {flags.slice(limit).map((f) => (
                  <FlagCard key={f.key} flag={f} />
                ))}
              </div>
            </details>
          ) : null}
        </>
      ) : (
        <p className="text-slate-700">{t("flags.regionNone")}</p>
      )}
      {hidden?.total ? (
        <div className="mt-2">
          <HiddenNote hidden={hidden} />
          {hiddenFlags.length ? (
            <details className="mt-1" data-testid="hidden-flags">
              <summary className="cursor-pointer text-sm text-brand-700 underline">{t("flags.hidden.show")}</summary>
              <div className="mt-2 flex flex-col gap-2">
                {hiddenFlags.map((f) => (
                  <FlagCard key={f.key} flag={f} />
                ))}
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
