// The checkUpdate hook for those who may only suggest (decision 035): their update is judged on
// the trial copy, before and after, by what it changed, not by its bytes. It may add, change or
// withdraw only their own suggestions; the content as if every suggestion were rejected must stay
// the same. Anything else closes the sender with OnlySuggestions and nothing is kept.
import { CloseCode } from "../../shared/close-codes";
import { Refusal, type Extension } from "../../collab-server";
import { suggestionProblem, suggestionState, type SuggestionState } from "../domain/suggestions";

export function suggestionsOnly(): Extension {
  return {
    beforeUpdate: ({ doc }) => suggestionState(doc),
    checkUpdate({ connection, doc, before }) {
      if (connection?.access !== "limited") return;
      const problem = suggestionProblem(before as SuggestionState, suggestionState(doc), { id: connection.userId, name: connection.name });
      if (problem) throw new Refusal(CloseCode.OnlySuggestions, problem);
    },
  };
}
