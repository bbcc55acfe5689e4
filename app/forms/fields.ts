// Field parsers shared by several forms. Messages are i18n keys.
import { z } from "zod";
import type { MessageKey } from "../i18n/messages";

/** Accepts Dutch decimal commas ("2,5"); empty stays empty so "required" can say so. */
export const decimal = (message: MessageKey) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
    z.number({ required_error: message, invalid_type_error: message }).finite(message),
  );

/** An optional number: an empty field means "not set" (null), anything else must parse. */
export const optionalNumber = <T extends z.ZodTypeAny>(number: T) =>
  z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : v), number.nullable());

/**
 * A whole number as Dutch people write it: "61000", "61.000" or "61 000" (dots and spaces group
 * thousands); "61,5" or "61.5" are not whole.
 */
export const wholeNumber = (message: MessageKey) =>
  z.preprocess((v) => {
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const text = v.trim();
    return Number(/^\d{1,3}([. ]\d{3})+$/.test(text) ? text.replace(/[. ]/g, "") : text.replace(",", "."));
  }, z.number({ required_error: message, invalid_type_error: message }).finite(message).int(message));
