// The flag list as CSV for Excel. Dutch Excel reads a plain .csv with the list separator of the
// regional settings, which is ";" (the comma is the decimal sign), and only recognises UTF-8 when the
// file starts with a byte order mark; without it "geëscaleerd" turns into mojibake. Lines end in CRLF.
import { renderText, renderVar, type Translate } from "./text";
import { dutchCalendarDay } from "../dutch-time";
import type { Flag } from "./types";

export const CSV_SEPARATOR = ";";
export const CSV_BOM = "\uFEFF";

/** Quotes when needed; a leading = + - @ is defused so a cell never runs as a formula (CSV injection). */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function flagsToCsv({
  flags,
  tr,
  locale,
  origin,
  regionNames,
}: {
  flags: Flag[];
  tr: Translate;
  locale: "nl" | "en";
  origin: string;
  regionNames: Record<number, string>;
}): string {
  const header = ["rule", "severity", "score", "region", "subject", "explanation", "figures", "threshold", "since", "ageDays", "link", "dismissed", "key"].map((h) =>
    tr(`flags.csv.${h}`),
  );
  const rows = flags.map((f) => [
    tr(`flags.rule.${f.rule}`),
    tr(`flags.severity.${f.severity}`),
    f.score,
    f.regionId === null ? tr("flags.nationalLabel") : (regionNames[f.regionId] ?? ""),
    renderText(tr, locale, f.subject),
    renderText(tr, locale, f.explanation),
    f.figures.map((x) => `${tr(x.label)}: ${renderVar(tr, locale, x.value)}`).join(" | "),
    renderText(tr, locale, f.threshold),
    f.since === null ? "" : dutchCalendarDay(f.since),
    f.ageDays,
    f.links[0] ? origin + f.links[0].href : "",
    f.dismissal
      ? `${tr(`flags.dismissedLabel.${f.dismissal.scope}`, { user: f.dismissal.userName ?? "—", reason: f.dismissal.reason })} ${
          f.dismissal.kind === "snooze" && f.dismissal.until ? tr("flags.dismissedUntil", { date: dutchCalendarDay(f.dismissal.until) }) : tr("flags.dismissedUntilChange")
        }`
      : "",
    f.key,
  ]);
  return CSV_BOM + [header, ...rows].map((r) => r.map(csvCell).join(CSV_SEPARATOR)).join("\r\n") + "\r\n";
}
