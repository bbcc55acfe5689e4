// How the agenda shows a part of its document it cannot read (stored before the schema was
// enforced): a notice in place of the part, with the way to restore it from a version. Hook-free
// so the server's first paint can render it too.
import { Component, type ReactNode } from "react";
import { itemContentFields } from "~/domain/agenda-doc";
import type { MessageKey } from "~/i18n";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// Every part a damage report can name has its words in the dictionary (repair.part.<name>).
const knownParts = new Set<string>(["item", "position", "plan", ...itemContentFields.filter((field) => field !== "planText")]);

export function damagedPartsText(parts: readonly string[], t: Translate): string {
  return parts.map((p) => (knownParts.has(p) ? t(`repair.part.${p}` as MessageKey) : p)).join(", ");
}

const noticeClass = "rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950";

export function DamageNotice({ message, repairHref, t, testId }: { message: string; repairHref: string; t: Translate; testId: string }) {
  return (
    <div role="note" className={noticeClass} data-testid={testId}>
      <p>{message}</p>
      <p>
        {t("repair.restoreHint")}{" "}
        <a href={repairHref} className="font-medium text-brand-700 underline">
          {t("repair.restoreLink")}
        </a>
      </p>
    </div>
  );
}

export function ItemDamageNotice({ parts, repairHref, t }: { parts: readonly string[]; repairHref: string; t: Translate }) {
  return <DamageNotice message={t("repair.item", { parts: damagedPartsText(parts, t) })} repairHref={repairHref} t={t} testId="item-damaged" />;
}

/**
 * Last line of defence for one card: whatever the document holds, a card that throws while
 * rendering shows the damage notice and the rest of the agenda stays.
 */
export class PartBoundary extends Component<{ fallback: ReactNode; resetKey?: unknown; children: ReactNode }, { failed: boolean; key: unknown }> {
  state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { failed: boolean; key: unknown }) {
    // A repaired part (restored from a version) gets another try.
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  componentDidCatch(error: unknown) {
    console.warn("agenda: a part of the document could not be shown", error);
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
