// Labelled textarea and select with the error announced and tied to the field, like Field (WCAG
// 3.3.1, 1.3.1), for the execution forms.
import { useId, type ReactNode } from "react";
import { Link } from "@remix-run/react";
import { itemExecutionHref } from "~/domain/flags/links";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

type Common = { label: string; name: string; error?: MessageKey; hint?: string };

function useDescribed({ error, hint }: Pick<Common, "error" | "hint">) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

function Wrap({ id, label, error, hint, children }: Common & { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="text-sm text-red-700">{t(error)}</p> : null}
    </div>
  );
}

const control = "rounded border border-slate-400 px-3 py-2 text-slate-900 w-full max-w-full";

export function TextAreaField({ label, name, error, hint, ...rest }: Common & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, describedBy } = useDescribed({ error, hint });
  return (
    <Wrap id={id} label={label} name={name} error={error} hint={hint}>
      <textarea id={id} name={name} rows={3} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={control} {...rest} />
    </Wrap>
  );
}

export function SelectField({ label, name, error, hint, options, ...rest }: Common & React.SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<readonly [string, string]> }) {
  const { id, describedBy } = useDescribed({ error, hint });
  return (
    <Wrap id={id} label={label} name={name} error={error} hint={hint}>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={control} {...rest}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </Wrap>
  );
}

/** A page section with its heading; `id` is where a saved form's redirect lands. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** The confirmation after a redirect: announced politely, shown where the form was. */
export function Saved({ show, children }: { show: boolean; children: ReactNode }) {
  return (
    <p role="status" className={show ? "rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" : "sr-only"}>
      {show ? children : null}
    </p>
  );
}

/** The heading of a page that belongs to one agenda item (its measurements, its training): a way back to the item, then the page's title. */
export function ItemSubpageHeading({ agendaId, item, title }: { agendaId: number; item: { id: string; title: string }; title: string }) {
  return (
    <div>
      <Link to={itemExecutionHref(agendaId, item.id)} className="text-sm text-brand-700 underline">
        {item.title || "—"}
      </Link>
      <h1 className="text-2xl font-semibold break-words">{title}</h1>
    </div>
  );
}
