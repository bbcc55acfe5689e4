// Room names live in shared/rooms.ts (the browser, the app and the seed import them from there).
export { agendaRoom } from "../../shared/rooms";
