// The checkUpdate hook: every change to an agenda document, a client's or the server's own, is
// judged on the state it leaves on the trial copy (app/domain/agenda-schema.ts, decision 010),
// and refused whole (4422 for a client) if it breaks the schema. A client may not touch an item's
// status either: the server writes it with its history (decision 028).
import { CloseCode } from "../../shared/close-codes";
import { Refusal, type Extension } from "../../collab-server";
import { clientStatusViolations, transactionViolations, SchemaViolationError } from "../domain/agenda-schema";

export function documentSchema(): Extension {
  return {
    checkUpdate({ connection, transactions }) {
      const violations = transactions.flatMap((tr) => (connection ? [...transactionViolations(tr), ...clientStatusViolations(tr)] : transactionViolations(tr)));
      if (violations.length === 0) return;
      const error = new SchemaViolationError(violations.slice(0, 20));
      throw new Refusal(CloseCode.SchemaViolation, error.message);
    },
  };
}
