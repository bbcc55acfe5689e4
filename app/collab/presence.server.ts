// The checkPresence hook: only presence is relayed (the caret code in every other editor throws
// on anything else), and cursor labels come from the session, not from what the browser claims.
import { CloseCode } from "../../shared/close-codes";
import { Refusal, type Extension } from "../../collab-server";
import { parsePresence } from "../domain/presence";

export function presenceRules(): Extension {
  return {
    checkPresence({ connection, state }) {
      if (parsePresence(state) === null) throw new Refusal(CloseCode.MalformedMessage, "awareness state does not have the presence shape");
      const user = state.user && typeof state.user === "object" && !Array.isArray(state.user) ? (state.user as Record<string, unknown>) : {};
      return { ...state, user: { ...user, id: connection.userId, name: connection.name, readOnly: connection.access !== "edit" } };
    },
  };
}
