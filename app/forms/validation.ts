import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { MessageKey } from "../i18n/messages";
import { useLocale } from "../i18n";
import type { NumberLocale } from "../domain/numbers";
import { withNumberLocale } from "./fields";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/**
 * Validates form data with a schema whose messages are i18n keys; the same call runs on server and
 * client. Numbers are read by the convention of the UI language the form was filled in (`locale`).
 */
export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  form: FormData,
  locale: NumberLocale = "nl",
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = withNumberLocale(locale, () => schema.safeParse(Object.fromEntries(form)));
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  return { ok: false, errors };
}

/**
 * Client-side: refuses to submit an invalid form and shows the schema's errors; server errors win
 * when present. What the server answered belongs to the submission it answered: from the next
 * submission on it is no longer shown (`serverCurrent` false), so an old error or confirmation
 * never stands beside a new one.
 */
export function useFormValidation<S extends z.ZodTypeAny>(schema: S, serverErrors?: FieldErrors) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // The server answer that was on screen when the user submitted again: superseded from then on.
  const [superseded, setSuperseded] = useState<FieldErrors | undefined>(undefined);
  const locale = useLocale();
  const serverCurrent = serverErrors !== undefined && serverErrors !== superseded;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setSuperseded(serverErrors);
    const result = parseForm(schema, new FormData(event.currentTarget), locale);
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.errors);
      const first = event.currentTarget.elements.namedItem(Object.keys(result.errors)[0]);
      // A radio group is a RadioNodeList, which has no focus(): its first choice takes it.
      (first instanceof RadioNodeList ? (first[0] as HTMLElement | undefined) : (first as HTMLElement | null))?.focus();
    } else setClientErrors({});
  };
  return { errors: serverCurrent ? { ...clientErrors, ...serverErrors } : clientErrors, onSubmit, serverCurrent };
}
