// Write-before-relay, batched: updates accepted during one event-loop turn are committed in
// one SQLite transaction at the end of that turn (setImmediate), and only then are the
// messages that carry them released to other clients. A client therefore never sees an
// update the server could lose in a crash.
import type { Db } from "../db";
import { writeBatch, type PendingUpdate, type PendingVersion } from "./persistence";
import type { Logger } from "./types";

export interface WriteParticipant {
  /** Called after the batch holding this participant's writes committed (ids in enqueue order). */
  committed(updateIds: number[]): void;
  /** Called when the batch failed: the participant holds state that is not durable. */
  writeFailed(err: unknown): void;
}

export class WriteQueue {
  private updates: Array<PendingUpdate & { owner: WriteParticipant }> = [];
  private versions: PendingVersion[] = [];
  private touched = new Set<WriteParticipant>();
  private scheduled: NodeJS.Immediate | null = null;

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
    if (!this.scheduled) this.scheduled = setImmediate(() => this.flush());
  }

  /** Forgets what `owner` queued: its state was found untrustworthy before it was committed. */
  discard(owner: WriteParticipant) {
    this.updates = this.updates.filter((u) => u.owner !== owner);
    this.touched.delete(owner);
  }

  /** Commits everything queued, synchronously. */
  flush() {
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
    let ids: number[];
    try {
      ids = updates.length || versions.length ? writeBatch(this.db, versions, updates) : [];
    } catch (err) {
      this.log.error("collab: write batch failed", { err: String(err), updates: updates.length });
      for (const owner of touched) owner.writeFailed(err);
      return;
    }
    const byOwner = new Map<WriteParticipant, number[]>();
    updates.forEach((u, i) => {
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
