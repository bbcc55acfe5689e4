// Room names, the contract between the browser, the app and the collaboration server: a room is
// one agenda's live document, "agenda:<id>". The collaboration server itself never parses them
// (it hands the name to the app's authenticate hook); the agenda-id pattern is written only here.

/**
 * A record id (an agenda's, or any other table's) as it appears in URLs and room names: a positive
 * integer without leading zeros, at most ten digits.
 */
export const ID = "[1-9][0-9]{0,9}";

const ID_ONLY = new RegExp(`^${ID}$`);
const AGENDA_ROOM = new RegExp(`^agenda:(${ID})$`);

export const agendaRoom = (agendaId: number) => `agenda:${agendaId}`;

/** The id in a URL parameter, or null for anything that is not exactly an id. */
export function parseId(value: string | null | undefined): number | null {
  return value && ID_ONLY.test(value) ? Number(value) : null;
}

/** The agenda id of a room name, or null for anything that is not exactly a known room shape. */
export function agendaOfRoom(room: string): number | null {
  const match = AGENDA_ROOM.exec(room);
  return match ? Number(match[1]) : null;
}
