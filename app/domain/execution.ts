// What execution asks of an item (issue 15, decision 028). Pure: used by the forms, the models and
// the progress request.
import type { ItemStatus } from "./vocabulary";

/** A lesson learned is a sentence, not a word: "mislukt" teaches nobody anything. */
export const LESSON_MIN_CHARS = 20;

/**
 * Items the coordinator's quarterly request asks to report: what the region committed to and is
 * still working on. Ideas have nothing to report yet; embedded, scaled-up and stopped items are done.
 */
export const REPORTING_STATUSES: ReadonlySet<ItemStatus> = new Set(["prioriteit", "in_voorbereiding", "in_uitvoering"]);
