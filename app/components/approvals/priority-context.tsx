// Beside one proposed priority: its projected saving and open barriers as the board was shown them
// when it was proposed, and today's where they changed ("bij voorstel: … · nu: …"). Every figure
// leads to the ratings behind it (source, unit, evidence level) and to the assumptions.
import { useLocale, useT } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";
import { formatRange } from "../../domain/savings";
import { barrierChanges, sameSaving, type ContextBarrier, type ContextLink, type ItemContext } from "../../domain/proposal-context";
import { innovationName, localName } from "../../i18n/names";

export function PriorityContext({ itemId, frozen, today }: { itemId: string; frozen: ItemContext | null; today: ItemContext }) {
  const t = useT();
  const shown = frozen ?? today;
  const changed = frozen !== null && !sameSaving(frozen.saving, today.saving);
  const { closed, added } = barrierChanges(frozen?.barriers ?? today.barriers, today.barriers);
  return (
    <div className="mt-3 flex flex-col gap-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="priority-context" data-item-id={itemId}>
      {frozen ? null : <p className="text-slate-700" data-testid="context-not-recorded">{t("approvals.context.notRecorded")}</p>}
      <h4 className="font-semibold">{t("approvals.context.savings")}</h4>
      <p data-testid="context-saving">
        {frozen ? <>{t("approvals.context.atProposal")} <SavingFigure saving={frozen.saving} /></> : <SavingFigure saving={today.saving} />}
        {changed ? (
          <span data-testid="context-saving-now">
            {" · "}
            {t("approvals.context.now")}{" "}
            <SavingFigure saving={today.saving} />
          </span>
        ) : null}
      </p>
      {shown.links.length ? (
        <ul className="flex flex-col gap-1">
          {shown.links.map((l) => <LinkLine key={l.innovationSlug} link={l} />)}
        </ul>
      ) : null}
      <p className="text-xs">
        <a href="/innovaties#aannames" className="text-brand-700 underline">{t("approvals.context.assumptions")}</a>
      </p>
      <h4 className="font-semibold">{t("approvals.context.barriers")}</h4>
      {shown.barriers.length || added.length ? (
        <ul className="flex flex-col gap-1" data-testid="context-barriers">
          {shown.barriers.map((b) => (
            <BarrierLine key={b.id} barrier={b} note={closed.includes(b) ? "approvals.context.barrierClosed" : null} />
          ))}
          {frozen ? added.map((b) => <BarrierLine key={b.id} barrier={b} note="approvals.context.barrierNew" />) : null}
        </ul>
      ) : (
        <p>{t("approvals.context.noBarriers")}</p>
      )}
    </div>
  );
}

function SavingFigure({ saving }: { saving: ItemContext["saving"] }) {
  const t = useT();
  const locale = useLocale();
  if (!saving) return <>{t("approvals.context.noSaving")}</>;
  return (
    <span className="font-medium">
      {t("savings.hoursPerYear", { range: formatRange(saving.hoursPerYear, locale) })} ({t("savings.fte", { range: formatRange(saving.fte, locale) })}) ·{" "}
      {t("evidence.levelShort", { level: saving.evidenceLevel })}
    </span>
  );
}

function LinkLine({ link }: { link: ContextLink }) {
  const t = useT();
  const locale = useLocale();
  const name = innovationName({ nameNl: link.innovationNameNl, nameEn: link.innovationNameEn }, locale);
  return (
    <li data-testid="context-link">
      <a href={`/innovaties/${link.innovationSlug}#beoordelingen`} className="text-brand-700 underline">{name}</a>
      {": "}
      {link.hoursPerYear ? t("savings.hoursPerYear", { range: formatRange(link.hoursPerYear, locale) }) : t("approvals.context.noSaving")}
      {link.ratings.length ? (
        <>
          {" · "}
          {t("evidence.link.basedOn")}{" "}
          {link.ratings.map((r, i) => (
            <span key={r.id}>
              {i ? ", " : ""}
              <a href={`/innovaties/${link.innovationSlug}#beoordeling-${r.id}`} className="text-brand-700 underline">
                {r.source} ({t("evidence.levelShort", { level: r.evidenceLevel })}, {t(`evidence.unit.${r.unit}` as MessageKey)})
              </a>
            </span>
          ))}
        </>
      ) : null}
    </li>
  );
}

function BarrierLine({ barrier, note }: { barrier: ContextBarrier; note: MessageKey | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li>
      <a href={`/belemmeringen/${barrier.id}`} className="text-brand-700 underline">
        {localName({ nameNl: barrier.typeNl, nameEn: barrier.typeEn }, locale)}
      </a>{" "}
      ({t(`barriers.severity.${barrier.severity}` as MessageKey)}): {barrier.description}
      {note ? <span className="ml-1 font-medium text-amber-900"> · {t(note)}</span> : null}
    </li>
  );
}
