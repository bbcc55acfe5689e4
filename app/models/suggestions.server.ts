// Settling suggestions (decision 035): an editor of the agenda accepts or rejects one suggestion or
// all of one author, on the live document; the audit log keeps what was settled, and by whom, once
// the change is part of the document.
import type * as Y from "yjs";
import type { Db } from "../../db";
import { can, type Principal, type RegionScope } from "../domain/permissions";
import { settleSuggestions, type Suggestion, type SuggestionSelection, type SuggestionVerdict } from "../domain/suggestions";
import { NotAllowedError } from "./errors.server";
import { recordAudit } from "./audit.server";

/** Returns how many suggestions were settled (0: none matched, e.g. someone settled them first). */
export async function settleSuggestion({
  db,
  actor,
  agenda,
  which,
  verdict,
  changeAgenda,
}: {
  db: Db;
  actor: Principal;
  agenda: { id: number; scope: RegionScope };
  which: SuggestionSelection;
  verdict: SuggestionVerdict;
  changeAgenda: (change: (doc: Y.Doc) => void) => Promise<void>;
}): Promise<number> {
  if (!can(actor, "edit:agenda", agenda.scope)) throw new NotAllowedError();
  let settled: Suggestion[] = [];
  await changeAgenda((doc) => {
    settled = settleSuggestions(doc, which, verdict);
  });
  if (settled.length > 0) {
    recordAudit({
      db,
      actorId: actor.id,
      action: `suggestion.${verdict}`,
      entityType: "agenda",
      entityId: agenda.id,
      regionId: agenda.scope.regionId,
      data: { suggestions: settled.map(({ id, kind, author, authorName, at, text, part }) => ({ id, kind, author, authorName, at, text, part })) },
    });
  }
  return settled.length;
}
