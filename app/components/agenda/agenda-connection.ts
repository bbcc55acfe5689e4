// The live document's connection, separate from the editor's code so the page can open it while
// Tiptap and ProseMirror are still loading: the agenda page starts it as soon as its script runs,
// and useAgendaDoc takes it over (or opens its own when none was started).
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { describeCloseCode } from "../../../shared/close-codes";
import { agendaRoom } from "../../../shared/rooms";
import { colorForUser } from "./colors";
import { offlineCopyName } from "../offline-copies";

export type AgendaConnectionArgs = { agendaId: number; user: { id: number; name: string }; canEdit: boolean };
export type AgendaConnection = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: IndexeddbPersistence | null;
  /** The code of the last close, so a refusal before anyone listened is not missed. */
  closedWith: number | null;
};

function connect(agendaId: number): AgendaConnection {
  const room = agendaRoom(agendaId);
  const doc = new Y.Doc();
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, room, doc, {
    // Tabs must not sync each other behind the server's back: the server decides who may write.
    disableBc: true,
    maxBackoffTime: 5000,
  });
  const connection: AgendaConnection = { doc, provider, local: null, closedWith: null };
  provider.on("connection-close", (event: CloseEvent | null) => {
    connection.closedWith = event?.code ?? null;
  });
  return connection;
}

/** What only the page knows (who is there, whether they may edit), added when an editor takes the connection. */
function personalise(connection: AgendaConnection, { agendaId, user, canEdit }: AgendaConnectionArgs) {
  // IndexedDB keeps edits across reloads and outages (editors only).
  if (canEdit) connection.local = new IndexeddbPersistence(offlineCopyName(agendaRoom(agendaId), user.id), connection.doc);
  connection.provider.awareness.setLocalStateField("user", { id: user.id, name: user.name, color: colorForUser(user.id) });
  return connection;
}

export function closeAgendaConnection({ doc, provider, local }: AgendaConnection) {
  provider.destroy();
  void local?.destroy();
  doc.destroy();
}

// At most one connection opened ahead, per agenda, waiting for the editor to take it.
const waiting = new Map<number, { connection: AgendaConnection; timer: ReturnType<typeof setTimeout> }>();
const inUse = new Set<number>();
// If no editor takes it (an error page, the user went on), it must not stay open and retrying.
const UNCLAIMED_MS = 15_000;

function drop(agendaId: number) {
  const entry = waiting.get(agendaId);
  if (!entry) return;
  clearTimeout(entry.timer);
  waiting.delete(agendaId);
  closeAgendaConnection(entry.connection);
}

/** Opens the connection ahead of the editor, unless one is open for this agenda already. */
export function startAgendaConnection(agendaId: number) {
  if (waiting.has(agendaId) || inUse.has(agendaId)) return;
  const connection = connect(agendaId);
  waiting.set(agendaId, { connection, timer: setTimeout(() => drop(agendaId), UNCLAIMED_MS) });
  connection.provider.on("connection-close", (event: CloseEvent | null) => {
    // Refused (no access, logged out): nobody to show it to yet, and the editor would stop it anyway.
    if (event && !describeCloseCode(event.code).reconnect && waiting.get(agendaId)?.connection === connection) drop(agendaId);
  });
}

/** Closes a connection opened ahead that no editor took (the page went away first). */
export function dropAgendaConnection(agendaId: number) {
  drop(agendaId);
}

/** The connection opened ahead, or a new one; the caller closes it with releaseAgendaConnection. */
export function takeAgendaConnection(args: AgendaConnectionArgs): AgendaConnection {
  const entry = waiting.get(args.agendaId);
  if (entry) {
    clearTimeout(entry.timer);
    waiting.delete(args.agendaId);
  }
  inUse.add(args.agendaId);
  return personalise(entry?.connection ?? connect(args.agendaId), args);
}

export function releaseAgendaConnection(agendaId: number, connection: AgendaConnection) {
  inUse.delete(agendaId);
  closeAgendaConnection(connection);
}
