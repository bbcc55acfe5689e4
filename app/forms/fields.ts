// Field parsers shared by several forms. Messages are i18n keys.
import { z } from "zod";
import { parseNumber, type NumberLocale } from "../domain/numbers";
import type { MessageKey } from "../i18n/messages";

// The UI language the form being parsed was written in. Zod 3 hands a field's parser no context, so
// parseForm sets it around one synchronous safeParse (nothing else runs in between) and puts it back.
let formLocale: NumberLocale = "nl";

export function withNumberLocale<T>(locale: NumberLocale, parse: () => T): T {
  const before = formLocale;
  formLocale = locale;
  try {
    return parse();
  } finally {
    formLocale = before;
  }
}

/**
 * A number as people of the UI language write it (app/domain/numbers.ts): Dutch "1.250,5", English
 * "1,250.5". Empty stays empty so "required" can say so; an ambiguous number ("1.25" in Dutch) gets
 * its own message, which says how to write it.
 */
export const decimal = (message: MessageKey) =>
  z.preprocess(
    (v, ctx) => {
      if (typeof v !== "string") return v;
      const parsed = parseNumber(v, formLocale);
      if (parsed.ok) return parsed.value;
      if (parsed.error === "ambiguous") ctx.addIssue({ code: z.ZodIssueCode.custom, message: "numbers.error.ambiguous" satisfies MessageKey });
      return parsed.error === "empty" ? undefined : Number.NaN;
    },
    z.number({ required_error: message, invalid_type_error: message }).finite(message),
  );

/** An optional number: an empty field means "not set" (null), anything else must parse. */
export const optionalNumber = <T extends z.ZodTypeAny>(number: T) =>
  z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : v), number.nullable());

/** A whole number as people write it: "61000", "61.000" or "61 000" in Dutch; "61,5" is not whole. */
export const wholeNumber = (message: MessageKey) => decimal(message).pipe(z.number().int(message));

/**
 * The longest text a form field takes, with the message that names that limit: `.max(...maxLength(200))`.
 * Only limits that have a message (app/i18n/user-admin.ts) are allowed, so a limit and its message
 * can never disagree.
 */
export type TextLimit = 80 | 120 | 160 | 200 | 254 | 500 | 1000 | 1024 | 2000 | 4000 | 5000;
export const maxLength = <N extends TextLimit>(max: N) => [max, `form.tooLong.${max}` satisfies MessageKey] as const;

/** The most entries a list field (one per line, or comma-separated) takes, with its message. */
export const maxEntries = <N extends 10 | 20>(max: N) => [max, `form.tooMany.${max}` satisfies MessageKey] as const;
