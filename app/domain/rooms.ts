// Room names are the contract between the browser, the app and the collaboration server.
const AGENDA_ROOM = /^agenda:([1-9][0-9]{0,9})$/;

export const agendaRoom = (agendaId: number) => `agenda:${agendaId}`;

/** The agenda id of a room name, or null for anything that is not exactly a known room shape. */
export function parseRoomName(room: string): { agendaId: number } | null {
  const match = AGENDA_ROOM.exec(room);
  return match ? { agendaId: Number(match[1]) } : null;
}
