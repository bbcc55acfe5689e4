import type { ProjectedItem } from "../../domain/agenda-doc";
import { fieldText, type DiffField, type FieldChange } from "../../domain/adoption-diff";
import { useT } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";

export const fieldLabel: Record<DiffField, MessageKey> = {
  title: "field.title",
  status: "field.status",
  mechanism: "field.mechanism",
  actionLine: "field.actionLine",
  leadOrganisation: "field.leadOrganisation",
  contact: "field.contact",
  startDate: "field.startDate",
  endDate: "field.endDate",
  sectors: "field.sectors",
  professionalsInvolved: "field.professionalsInvolved",
  professionalsHow: "field.professionalsHow",
  why: "field.why",
  planText: "field.plan",
  isPublic: "field.isPublic",
};

/** A field value as a reader sees it (translated choices, "(leeg)" for nothing). */
export function useFieldValue() {
  const t = useT();
  return (field: DiffField, raw: string) => {
    if (raw === "") return t("approvals.empty");
    if (field === "status") return t(`status.${raw}` as MessageKey);
    if (field === "mechanism") return t(`mechanism.${raw}` as MessageKey);
    if (field === "professionalsInvolved") return t(`involved.${raw}` as MessageKey);
    if (field === "isPublic") return raw === "true" ? t("approvals.yes") : t("approvals.no");
    return raw;
  };
}

const shownFields: DiffField[] = [
  "status", "mechanism", "actionLine", "leadOrganisation", "contact", "startDate", "endDate", "sectors",
  "professionalsInvolved", "professionalsHow", "why", "planText",
];

/** One agenda item exactly as frozen, read-only. */
export function FrozenItem({ item, rank, headingLevel = 3, children }: { item: ProjectedItem; rank?: number; headingLevel?: 3 | 4; children?: React.ReactNode }) {
  const t = useT();
  const value = useFieldValue();
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <article id={`item-${item.id}`} className="rounded border border-slate-200 bg-white p-4">
      <H className="font-semibold">
        {rank ? <span className="mr-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-800">{rank}</span> : null}
        {item.title || t("agenda.untitled")}
      </H>
      {children}
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm md:grid-cols-[max-content_1fr]">
        {shownFields
          .filter((f) => fieldText(item, f) !== "")
          .map((f) => (
            <div key={f} className="contents">
              <dt className="font-medium text-slate-800">{t(fieldLabel[f])}</dt>
              <dd className="whitespace-pre-line text-slate-900">{value(f, fieldText(item, f))}</dd>
            </div>
          ))}
      </dl>
    </article>
  );
}

/** Field-level changes between the adopted and the live item, as a table. */
export function ChangeTable({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  const value = useFieldValue();
  return (
    <table className="mt-2 w-full border-collapse text-left text-sm">
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="p-1">{t("approvals.field")}</th>
          <th scope="col" className="p-1">{t("approvals.before")}</th>
          <th scope="col" className="p-1">{t("approvals.after")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className="border-b border-slate-200 align-top">
            <th scope="row" className="p-1 font-medium">{t(fieldLabel[c.field])}</th>
            <td className="whitespace-pre-line p-1"><del className="text-red-800">{value(c.field, c.before)}</del></td>
            <td className="whitespace-pre-line p-1"><ins className="text-green-900 no-underline">{value(c.field, c.after)}</ins></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
