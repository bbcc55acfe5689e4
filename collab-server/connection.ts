// One client socket: sending with backpressure, keepalive, the close handshake, and its own flow
// control (how much of each event-loop turn its frames may take).
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { CloseCode, closeCodeInfo, type CloseCodeValue } from "./close-codes";
import type { CostLedger } from "./cost-ledger";
import type { Access, Identity, Logger, ResolvedOptions } from "./types";

/** What flow control needs from the server: limits, the per-user ledger and the shared turn. */
export type FlowDeps = {
  options: ResolvedOptions;
  ledger: CostLedger;
  /** Commits and relays what the current turn holds (another editor's keystroke). */
  runPendingTurn(): void;
  /** The connection was closed for an update too expensive to judge: its user is held off. */
  onTooExpensive(userId: number): void;
};

type Receiver = (conn: Connection, frame: Uint8Array) => void;

export class Connection {
  /** Names this socket in the log, so one connection's lines can be followed. */
  readonly id = randomUUID();
  /** Awareness client ids this connection speaks for. */
  readonly controlledIds = new Set<number>();
  /** Sent the room's stored snapshot while the room loaded (room.ts storedAnswer), not yet asked for the rest. */
  sentStoredState = false;
  alive = true;
  closing = false;
  /** An edit from this connection was accepted since the last session check (Extension.sessionUsed). */
  editedSinceSessionCheck = false;
  /** The close code this server sent, if it closed the connection. */
  closedWith: CloseCodeValue | null = null;

  // Only what the connection needs after the upgrade: rights changes close the connection anyway.
  readonly userId: number;
  readonly name: string;
  readonly sessionId: string;

  /** Frames that arrived before the room finished loading; replayed in order. */
  private queued: Uint8Array[] = [];
  /** Frames past this turn's budget, handled in later turns while the socket is paused. */
  private inbox: Uint8Array[] = [];
  private receiver: Receiver | null = null;
  private turnPending = false;
  // Frames, bytes and handling time of the current event-loop turn (see maxFramesPerTurn).
  private framesThisTurn = 0;
  private bytesThisTurn = 0;
  private msThisTurn = 0;
  private corked = false;

  constructor(
    readonly ws: WebSocket,
    /** The TCP (or TLS) stream under `ws`: corked so one turn's frames leave in one write. */
    private readonly socket: Duplex | null,
    identity: Identity,
    readonly access: Access,
    readonly roomName: string,
    private readonly maxBufferedBytes: number,
    private readonly log: Logger,
    /** Client address, for the per-address connection cap. */
    readonly address = "unknown",
    private readonly flow: FlowDeps | null = null,
  ) {
    this.userId = identity.userId;
    this.name = identity.name;
    this.sessionId = identity.sessionId;
  }

  get open() {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  // ---- incoming: flow control ----------------------------------------------------------------

  /**
   * A frame from the socket. A sender that floods (a paste, a replayed offline session, an
   * attacker) gets a bounded share of each turn, by frames, bytes and handling time: one socket
   * read can hold thousands of frames, so frames past the budget wait in the inbox for a later
   * turn, with the socket paused meanwhile. Everyone else's messages and the commit of this turn
   * are not stuck behind them. A user past their share over time (the ledger) waits longer: until
   * their debt has drained.
   */
  arrived(frame: Uint8Array) {
    if (this.closing) return;
    if (!this.receiver) {
      if (this.queued.length >= this.flow!.options.maxQueuedMessages) this.close(CloseCode.MalformedMessage);
      else this.queued.push(frame);
      return;
    }
    if (this.inbox.length === 0 && this.withinTurn()) {
      if (this.framesThisTurn === 0) this.scheduleTurn();
      this.handle(frame);
      return;
    }
    // Bounded: once paused, ws hands over only what it had already read.
    if (this.inbox.length === 0) {
      this.ws.pause();
      this.scheduleTurn();
    }
    this.inbox.push(frame);
  }

  /** The room is loaded: frames go to `receiver`, starting with those sent while it loaded. */
  attach(receiver: Receiver) {
    this.receiver = receiver;
    for (const frame of this.queued.splice(0)) this.arrived(frame);
  }

  /** The socket closed: nothing more is handled. */
  detach() {
    this.closing = true;
    this.inbox.length = 0;
    this.queued.length = 0;
  }

  private withinTurn() {
    const { options, ledger } = this.flow!;
    return (
      this.framesThisTurn < options.maxFramesPerTurn &&
      this.bytesThisTurn < options.maxBytesPerTurn &&
      this.msThisTurn < options.maxMsPerTurn &&
      ledger.waitMs(this.userId) === 0
    );
  }

  private scheduleTurn(delayMs = 0) {
    if (this.turnPending) return;
    this.turnPending = true;
    const run = () => {
      this.turnPending = false;
      this.nextTurn();
    };
    if (delayMs > 0) setTimeout(run, delayMs).unref();
    else setImmediate(run);
  }

  private handle(frame: Uint8Array) {
    const flow = this.flow!;
    const started = performance.now();
    this.receiver!(this, frame);
    const ms = performance.now() - started;
    this.framesThisTurn++;
    this.bytesThisTurn += frame.byteLength;
    this.msThisTurn += ms;
    flow.ledger.charge(this.userId, ms, started + ms);
    if (this.closedWith === CloseCode.UpdateTooExpensive) flow.onTooExpensive(this.userId);
  }

  private nextTurn() {
    this.framesThisTurn = 0;
    this.bytesThisTurn = 0;
    this.msThisTurn = 0;
    if (this.inbox.length === 0 || !this.receiver || this.closing) return;
    const wait = this.flow!.ledger.waitMs(this.userId);
    if (wait > 0) return this.scheduleTurn(wait);
    // Commit and relay what came in meanwhile (another editor's keystroke) before taking the
    // next share of the flood, not after it.
    this.flow!.runPendingTurn();
    this.scheduleTurn();
    let taken = 0;
    while (taken < this.inbox.length && !this.closing && this.withinTurn()) this.handle(this.inbox[taken++]);
    this.inbox.splice(0, taken);
    if (this.inbox.length === 0 && !this.closing && this.ws.readyState === this.ws.OPEN) this.ws.resume();
  }

  // ---- outgoing ------------------------------------------------------------------------------

  /** Holds back socket writes until uncork(), so several frames leave in one write. */
  cork() {
    if (!this.corked && this.socket && this.open) {
      this.socket.cork();
      this.corked = true;
    }
  }

  uncork() {
    if (!this.corked) return;
    this.corked = false;
    this.socket?.uncork();
  }

  send(message: Uint8Array) {
    if (!this.open) return;
    // A client that does not read would otherwise make us buffer every update forever.
    if (this.ws.bufferedAmount + message.byteLength > this.maxBufferedBytes) {
      this.log.warn("collab: closing slow consumer", {
        conn: this.id,
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
