// The one table of WebSocket close codes the collaboration server uses. Imported by the server
// and by the browser client, so it must stay free of Node imports.
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
  UpdateTooExpensive: 4413,
  TooManyConnections: 4429,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

export type CloseCodeInfo = {
  name: CloseCodeName | "ConnectionLost";
  /**
   * Whether the client should reconnect on its own. Retrying a refusal only hammers the
   * server and hides the real problem from the user, so refusals say no.
   */
  reconnect: boolean;
  nl: string;
  en: string;
};

export const closeCodeInfo: Record<CloseCodeValue, CloseCodeInfo> = {
  [CloseCode.Normal]: {
    name: "Normal",
    reconnect: false,
    nl: "De verbinding is gesloten.",
    en: "The connection was closed.",
  },
  [CloseCode.MessageTooLarge]: {
    name: "MessageTooLarge",
    reconnect: false,
    nl: "Je wijziging is te groot om op te slaan. Herlaad de pagina en probeer het in kleinere stukken.",
    en: "Your change is too large to save. Reload the page and try it in smaller parts.",
  },
  [CloseCode.InternalError]: {
    name: "InternalError",
    reconnect: true,
    nl: "Er ging iets mis op de server. We proberen opnieuw te verbinden.",
    en: "Something went wrong on the server. Reconnecting.",
  },
  [CloseCode.ServerShuttingDown]: {
    name: "ServerShuttingDown",
    reconnect: true,
    nl: "De server wordt herstart. Je wijzigingen blijven bewaard; we verbinden zo opnieuw.",
    en: "The server is restarting. Your changes are kept; reconnecting shortly.",
  },
  [CloseCode.SessionRevoked]: {
    name: "SessionRevoked",
    reconnect: false,
    nl: "Je bent uitgelogd. Log opnieuw in om verder te werken.",
    en: "You have been signed out. Sign in again to continue.",
  },
  [CloseCode.MembershipChanged]: {
    name: "MembershipChanged",
    // Rights are re-checked on connect: reconnecting picks up the new role (or a refusal).
    reconnect: true,
    nl: "Je rechten in deze regio zijn gewijzigd. We verbinden opnieuw.",
    en: "Your rights in this region changed. Reconnecting.",
  },
  [CloseCode.SlowConsumer]: {
    name: "SlowConsumer",
    reconnect: true,
    nl: "Je verbinding kon de wijzigingen niet bijhouden. We verbinden opnieuw.",
    en: "Your connection could not keep up with the changes. Reconnecting.",
  },
  [CloseCode.MalformedMessage]: {
    name: "MalformedMessage",
    reconnect: false,
    nl: "De server kreeg een ongeldig bericht van je browser. Herlaad de pagina.",
    en: "The server received an invalid message from your browser. Reload the page.",
  },
  [CloseCode.Unauthorized]: {
    name: "Unauthorized",
    reconnect: false,
    nl: "Je sessie is verlopen. Log opnieuw in.",
    en: "Your session has expired. Sign in again.",
  },
  [CloseCode.Forbidden]: {
    name: "Forbidden",
    reconnect: false,
    nl: "Je hebt geen toegang tot deze agenda.",
    en: "You do not have access to this agenda.",
  },
  [CloseCode.RoomNotFound]: {
    name: "RoomNotFound",
    reconnect: false,
    nl: "Deze agenda bestaat niet (meer).",
    en: "This agenda does not exist (any more).",
  },
  [CloseCode.SchemaViolation]: {
    name: "SchemaViolation",
    // The same change would be refused again: reconnecting would only resend it.
    reconnect: false,
    nl: "Je laatste wijziging past niet in de opbouw van de agenda en is niet opgeslagen. Herlaad de pagina.",
    en: "Your last change does not fit the agenda's structure and was not saved. Reload the page.",
  },
  [CloseCode.UpdateTooExpensive]: {
    name: "UpdateTooExpensive",
    // Resending the same change would cost the server the same again.
    reconnect: false,
    nl: "Je laatste wijziging kost de server te veel werk en is niet opgeslagen. Herlaad de pagina over een minuut en probeer het in kleinere stukken.",
    en: "Your last change takes the server too much work and was not saved. Reload the page in a minute and try it in smaller parts.",
  },
  [CloseCode.TooManyConnections]: {
    name: "TooManyConnections",
    reconnect: false,
    nl: "Je hebt te veel agenda's tegelijk open. Sluit een paar tabbladen en herlaad de pagina.",
    en: "You have too many agendas open at once. Close a few tabs and reload the page.",
  },
};

/** Info for any close code; unknown codes (network drops: 1006) are treated as retryable. */
export function describeCloseCode(code: number): CloseCodeInfo {
  return (
    closeCodeInfo[code as CloseCodeValue] ?? {
      name: "ConnectionLost",
      reconnect: true,
      nl: "De verbinding is verbroken. We verbinden opnieuw.",
      en: "The connection was lost. Reconnecting.",
    }
  );
}
