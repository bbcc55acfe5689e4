// One client socket: sending with backpressure, keepalive state and the close handshake.
import type { WebSocket } from "ws";
import { CloseCode, closeCodeInfo, type CloseCodeValue } from "./close-codes";
import type { Access } from "./rooms";
import type { AuthResult, Logger } from "./types";

export class Connection {
  /** Awareness client ids this connection speaks for. */
  readonly controlledIds = new Set<number>();
  /** Frames that arrived before the room finished loading; replayed in order. */
  readonly queued: Uint8Array[] = [];
  alive = true;
  closing = false;
  /** Frames, bytes and handling time of the current event-loop turn (see maxFramesPerTurn). */
  framesThisTurn = 0;
  bytesThisTurn = 0;
  msThisTurn = 0;
  /** An edit from this connection was accepted since the last session check (see auth.touch). */
  editedSinceSessionCheck = false;
  /** The close code this server sent, if it closed the connection. */
  closedWith: CloseCodeValue | null = null;
  /** Frames past this turn's budget, handled in later turns while the socket is paused. */
  readonly inbox: Uint8Array[] = [];

  // Only what the connection needs after the upgrade: the principal (every membership of the
  // user) was for the access decision, and rights changes close the connection anyway.
  readonly userId: number;
  readonly userName: string;
  readonly sessionId: string;

  constructor(
    readonly ws: WebSocket,
    auth: AuthResult,
    readonly access: Access,
    readonly roomName: string,
    readonly agendaId: number,
    private maxBufferedBytes: number,
    private log: Logger,
    /** Client address, for the per-address connection cap. */
    readonly address = "unknown",
  ) {
    this.userId = auth.user.id;
    this.userName = auth.user.name;
    this.sessionId = auth.sessionId;
  }

  get open() {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  private corked = false;

  /** Holds back socket writes until uncork(), so several frames leave in one write. */
  cork() {
    const socket = (this.ws as unknown as { _socket?: { cork(): void } })._socket;
    if (!this.corked && socket && this.open) {
      socket.cork();
      this.corked = true;
    }
  }

  uncork() {
    if (!this.corked) return;
    this.corked = false;
    (this.ws as unknown as { _socket?: { uncork(): void } })._socket?.uncork();
  }

  send(message: Uint8Array) {
    if (!this.open) return;
    // A client that does not read would otherwise make us buffer every update forever.
    if (this.ws.bufferedAmount + message.byteLength > this.maxBufferedBytes) {
      this.log.warn("collab: closing slow consumer", {
        userId: this.userId,
        room: this.roomName,
        buffered: this.ws.bufferedAmount,
      });
      this.close(CloseCode.SlowConsumer, { terminateAfterMs: 1000 });
      return;
    }
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.close(CloseCode.InternalError);
    });
  }

  close(code: CloseCodeValue, { terminateAfterMs }: { terminateAfterMs?: number } = {}) {
    if (this.closing) return;
    this.closing = true;
    this.closedWith = code;
    try {
      // The reason is for logs and devtools; the client picks its message by code.
      this.ws.close(code, closeCodeInfo[code].name);
    } catch {
      this.ws.terminate();
      return;
    }
    // The close frame may sit behind a full buffer; do not wait for ws's 30 s timeout.
    if (terminateAfterMs !== undefined) {
      setTimeout(() => this.ws.terminate(), terminateAfterMs).unref();
    }
  }
}
