import { useEffect, useId, useRef, useState } from "react";
import { useT } from "~/i18n";

/**
 * A wide part (a table) that scrolls sideways inside its own box, so the page never does at 390 px.
 * Focusable and named, so keyboard users can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
 * Positioned, so that absolutely placed content inside (sr-only labels) is clipped by it too and
 * does not reach past the screen's edge.
 * A cut-off column gives no sign that there is more, so while the content overflows a short hint
 * says so (and describes the region) and the right edge shows a shadow.
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  const t = useT();
  const hintId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div className={className}>
      {overflows ? (
        <p id={hintId} className="mb-1 text-xs text-slate-700" data-testid="scroll-hint">
          {t("scroll.hint")} <span aria-hidden="true">→</span>
        </p>
      ) : null}
      <div
        ref={ref}
        className={`relative overflow-x-auto ${overflows ? "shadow-[inset_-12px_0_8px_-8px_rgb(15_23_42_/_0.25)]" : ""}`}
        tabIndex={0}
        role="region"
        aria-label={label}
        aria-describedby={overflows ? hintId : undefined}
      >
        {children}
      </div>
    </div>
  );
}
