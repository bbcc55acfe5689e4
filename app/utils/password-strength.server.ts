// Weak and common passwords are refused by an offline estimator (zxcvbn-ts): its lists of common
// passwords and of Dutch and English words, names and patterns, with no request leaving the server.
// Server-side only: the dictionaries are megabytes, too much for the browser bundle.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as dutch from "@zxcvbn-ts/language-nl-be";
import * as english from "@zxcvbn-ts/language-en";
import type { Locale } from "~/i18n/messages";

/** zxcvbn's 0..4: 3 is "safely unguessable: moderate protection from offline slow-hash scenario" (>= 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

const dictionary = { ...common.dictionary, ...dutch.dictionary, ...english.dictionary };
const translations = { nl: dutch.translations, en: english.translations };
// Building the ranked dictionaries takes ~100 ms: once per language, on first use.
const estimators = new Map<Locale, ZxcvbnFactory>();
function estimator(locale: Locale) {
  let found = estimators.get(locale);
  if (!found) {
    found = new ZxcvbnFactory({ dictionary, graphs: common.adjacencyGraphs, translations: translations[locale] });
    estimators.set(locale, found);
  }
  return found;
}

/** Each input, its words and every run of adjacent words ("Fatima El Amrani": "elamrani" too). */
function knownWords(userInputs: string[]) {
  const words = new Set(["agendawerk"]);
  for (const input of userInputs) {
    words.add(input.toLowerCase());
    const parts = input.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (let from = 0; from < parts.length; from++) {
      for (let to = from + 1; to <= Math.min(parts.length, from + 4); to++) words.add(parts.slice(from, to).join(""));
    }
  }
  return [...words].filter((word) => word.length >= 3);
}

export type Strength = { ok: true } | { ok: false; feedback: string[] };

/**
 * Whether `password` is strong enough, with the estimator's own advice in the user's language when
 * not. `userInputs` (email, name, the product's name) count as known to an attacker.
 */
export function checkPasswordStrength({
  password,
  userInputs,
  locale = "nl",
}: {
  password: string;
  userInputs: string[];
  locale?: Locale;
}): Strength {
  const result = estimator(locale).check(password, knownWords(userInputs));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const { warning, suggestions } = result.feedback;
  return { ok: false, feedback: [...(warning ? [warning] : []), ...suggestions] };
}
