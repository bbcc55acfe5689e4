// Write-before-relay, batched: updates accepted during one event-loop turn are committed in
// one SQLite transaction at the end of that turn (setImmediate), and only then are the
// messages that carry them released to other clients. A client therefore never sees an
// update the server could lose in a crash.
import * as Y from "yjs";
import type { Db } from "../db";
import { writeBatch, type PendingUpdate, type PendingVersion } from "./persistence";
import type { Logger } from "./types";

export interface WriteParticipant {
  /** Called after the batch holding this participant's writes committed (ids of its rows, in order). */
  committed(updateIds: number[]): void;
  /** Called when the batch failed: the participant holds state that is not durable. */
  writeFailed(err: unknown): void;
  /** Called at the end of the turn, before the commit: the last chance to enqueue this turn's writes. */
  beforeCommit?(): void;
}

export class WriteQueue {
  private updates: Array<PendingUpdate & { owner: WriteParticipant }> = [];
  private versions: PendingVersion[] = [];
  private touched = new Set<WriteParticipant>();
  private scheduled: NodeJS.Immediate | null = null;
  private preparing = false;

  constructor(
    private db: Db,
    private log: Logger,
  ) {}

  /** True while something waits to be committed: outgoing messages must wait too. */
  get pending(): boolean {
    return this.updates.length > 0 || this.versions.length > 0;
  }

  enqueueUpdate(owner: WriteParticipant, update: PendingUpdate) {
    this.updates.push({ ...update, owner });
    this.touch(owner);
  }

  enqueueVersion(owner: WriteParticipant, version: PendingVersion) {
    this.versions.push(version);
    this.touch(owner);
  }

  /** Registers a participant to be told about the next commit (e.g. it queued messages). */
  touch(owner: WriteParticipant) {
    this.touched.add(owner);
    if (!this.scheduled && !this.preparing) this.scheduled = setImmediate(() => this.flush());
  }

  /** Forgets what `owner` queued: its state was found untrustworthy before it was committed. */
  discard(owner: WriteParticipant) {
    this.updates = this.updates.filter((u) => u.owner !== owner);
    this.touched.delete(owner);
  }

  /** Commits everything queued, synchronously. */
  flush() {
    this.preparing = true;
    try {
      for (const owner of [...this.touched]) owner.beforeCommit?.();
    } finally {
      this.preparing = false;
    }
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const updates = this.updates;
    const versions = this.versions;
    const touched = this.touched;
    this.updates = [];
    this.versions = [];
    this.touched = new Set();
    if (touched.size === 0) return;
    // Consecutive updates of one room by one user become one row (their Yjs merge): a burst of
    // keystrokes costs one insert per turn, and the log still says who wrote what.
    const rows: Array<PendingUpdate & { owner: WriteParticipant }> = [];
    let runStart = 0;
    const closeRun = (end: number) => {
      if (end === runStart) return;
      const run = updates.slice(runStart, end);
      rows.push(run.length === 1 ? run[0] : { ...run[0], update: Y.mergeUpdates(run.map((u) => u.update)) });
      runStart = end;
    };
    for (let i = 1; i <= updates.length; i++) {
      const prev = updates[i - 1];
      const next = updates[i];
      if (!next || next.owner !== prev.owner || next.room !== prev.room || next.userId !== prev.userId) closeRun(i);
    }
    let ids: number[];
    try {
      ids = rows.length || versions.length ? writeBatch(this.db, versions, rows) : [];
    } catch (err) {
      this.log.error("collab: write batch failed", { err: String(err), updates: updates.length });
      for (const owner of touched) owner.writeFailed(err);
      return;
    }
    const byOwner = new Map<WriteParticipant, number[]>();
    rows.forEach((u, i) => {
      const list = byOwner.get(u.owner) ?? [];
      list.push(ids[i]);
      byOwner.set(u.owner, list);
    });
    for (const owner of touched) {
      try {
        owner.committed(byOwner.get(owner) ?? []);
      } catch (err) {
        this.log.error("collab: after-commit step failed", { err: String(err) });
      }
    }
  }
}
