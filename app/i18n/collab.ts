// What the live agenda says when the collaboration server closes its connection, by close code
// name (shared/close-codes.ts): the server sends only the code.
const nl = {
  "collab.close.Normal": "De verbinding is gesloten.",
  "collab.close.MessageTooLarge": "Je wijziging is te groot om op te slaan. Herlaad de pagina en probeer het in kleinere stukken.",
  "collab.close.InternalError": "Er ging iets mis op de server. We proberen opnieuw te verbinden.",
  "collab.close.ServerShuttingDown": "De server wordt herstart. Je wijzigingen blijven bewaard; we verbinden zo opnieuw.",
  "collab.close.SessionRevoked": "Je bent uitgelogd. Log opnieuw in om verder te werken.",
  "collab.close.MembershipChanged": "Je rechten in deze regio zijn gewijzigd. We verbinden opnieuw.",
  "collab.close.SlowConsumer": "Je verbinding kon de wijzigingen niet bijhouden. We verbinden opnieuw.",
  "collab.close.MalformedMessage": "De server kreeg een ongeldig bericht van je browser. Herlaad de pagina.",
  "collab.close.Unauthorized": "Je sessie is verlopen. Log opnieuw in.",
  "collab.close.Forbidden": "Je hebt geen toegang tot deze agenda.",
  "collab.close.RoomNotFound": "Deze agenda bestaat niet (meer).",
  "collab.close.SchemaViolation": "Je laatste wijziging past niet in de opbouw van de agenda en is niet opgeslagen. Herlaad de pagina.",
  "collab.close.OnlySuggestions": "Je mag in deze agenda alleen suggesties doen; je laatste wijziging is niet opgeslagen. Herlaad de pagina.",
  "collab.close.UpdateTooExpensive":
    "Je laatste wijziging kost de server te veel werk en is niet opgeslagen. Herlaad de pagina over een minuut en probeer het in kleinere stukken.",
  "collab.close.TooManyConnections": "Je hebt te veel agenda's tegelijk open. Sluit een paar tabbladen en herlaad de pagina.",
  "collab.close.ConnectionLost": "De verbinding is verbroken. We verbinden opnieuw.",
} as const;

const en: Record<keyof typeof nl, string> = {
  "collab.close.Normal": "The connection was closed.",
  "collab.close.MessageTooLarge": "Your change is too large to save. Reload the page and try it in smaller parts.",
  "collab.close.InternalError": "Something went wrong on the server. Reconnecting.",
  "collab.close.ServerShuttingDown": "The server is restarting. Your changes are kept; reconnecting shortly.",
  "collab.close.SessionRevoked": "You have been signed out. Sign in again to continue.",
  "collab.close.MembershipChanged": "Your rights in this region changed. Reconnecting.",
  "collab.close.SlowConsumer": "Your connection could not keep up with the changes. Reconnecting.",
  "collab.close.MalformedMessage": "The server received an invalid message from your browser. Reload the page.",
  "collab.close.Unauthorized": "Your session has expired. Sign in again.",
  "collab.close.Forbidden": "You do not have access to this agenda.",
  "collab.close.RoomNotFound": "This agenda does not exist (any more).",
  "collab.close.SchemaViolation": "Your last change does not fit the agenda's structure and was not saved. Reload the page.",
  "collab.close.OnlySuggestions": "You may only make suggestions in this agenda; your last change was not saved. Reload the page.",
  "collab.close.UpdateTooExpensive": "Your last change takes the server too much work and was not saved. Reload the page in a minute and try it in smaller parts.",
  "collab.close.TooManyConnections": "You have too many agendas open at once. Close a few tabs and reload the page.",
  "collab.close.ConnectionLost": "The connection was lost. Reconnecting.",
};

export default { nl, en };
