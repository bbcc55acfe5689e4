// The WebSocket close codes of the collaboration server: imported by the server (collab-server/),
// the app's collaboration extensions (app/collab/) and the browser client, so it stays free of
// Node imports and of UI text. What a user reads for a code is a message in app/i18n/collab.ts,
// under the key `collab.close.<Name>`.
//
// 4000-4999 is the range RFC 6455 leaves to applications; the 1xxx codes are the standard
// meanings (1009 is what `ws` itself sends when a frame exceeds maxPayload).

export const CloseCode = {
  Normal: 1000,
  MessageTooLarge: 1009,
  InternalError: 1011,
  ServerShuttingDown: 1012,
  SessionRevoked: 4001,
  MembershipChanged: 4002,
  SlowConsumer: 4008,
  MalformedMessage: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  RoomNotFound: 4404,
  SchemaViolation: 4422,
  /** An update of someone who may only suggest changed more than their own suggestions (decision 035). */
  OnlySuggestions: 4423,
  UpdateTooExpensive: 4413,
  TooManyConnections: 4429,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];
/** A close code's name, or ConnectionLost for anything else (network drops: 1006). */
export type CloseReason = CloseCodeName | "ConnectionLost";
/** The i18n key of a close code's message for the user (app/i18n/collab.ts). */
export type CloseMessageKey = `collab.close.${CloseReason}`;

export type CloseCodeInfo = {
  name: CloseReason;
  /**
   * Whether the client should reconnect on its own. Retrying a refusal only hammers the
   * server and hides the real problem from the user, so refusals say no.
   */
  reconnect: boolean;
  message: CloseMessageKey;
};

// Whether each code is worth reconnecting for; the comments say why where it is not obvious.
const reconnects: Record<CloseCodeName, boolean> = {
  Normal: false,
  MessageTooLarge: false,
  InternalError: true,
  ServerShuttingDown: true,
  SessionRevoked: false,
  // Rights are re-checked on connect: reconnecting picks up the new role (or a refusal).
  MembershipChanged: true,
  SlowConsumer: true,
  MalformedMessage: false,
  Unauthorized: false,
  Forbidden: false,
  RoomNotFound: false,
  // The same change would be refused again: reconnecting would only resend it.
  SchemaViolation: false,
  OnlySuggestions: false,
  // Resending the same change would cost the server the same again.
  UpdateTooExpensive: false,
  TooManyConnections: false,
};

const info = (name: CloseReason, reconnect: boolean): CloseCodeInfo => ({ name, reconnect, message: `collab.close.${name}` });

export const closeCodeInfo = Object.fromEntries(
  (Object.keys(CloseCode) as CloseCodeName[]).map((name) => [CloseCode[name], info(name, reconnects[name])]),
) as Record<CloseCodeValue, CloseCodeInfo>;

const connectionLost = info("ConnectionLost", true);

/** Info for any close code; unknown codes (network drops: 1006) are treated as retryable. */
export function describeCloseCode(code: number): CloseCodeInfo {
  return closeCodeInfo[code as CloseCodeValue] ?? connectionLost;
}
