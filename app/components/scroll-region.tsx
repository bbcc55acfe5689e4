/**
 * A wide part (a table) that scrolls sideways inside its own box, so the page never does at 390 px.
 * Focusable and named, so keyboard users can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
 * Positioned, so that absolutely placed content inside (sr-only labels) is clipped by it too and
 * does not reach past the screen's edge.
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={`relative overflow-x-auto ${className}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
