// Keeps agenda_items equal to each loaded room's live document (like Outline's
// documentCollaborativeUpdater), so page requests never parse Yjs: a room is projected once after
// it loads, at most `debounceMs` after each turn that changed it, and a last time before it
// unloads. The live document is never ahead of the update log (collab-server/turn.ts), so a
// projection never shows what a crash could lose, without anyone flushing first.
import type { Db } from "../../db";
import { agendaOfRoom } from "../../shared/rooms";
import type { Extension, Logger, RoomView } from "../../collab-server";
import { ProjectionSchedule, projectToReadModel } from "./projection.server";

/** One loaded agenda room's projection state; a class, not closures: one per open document. */
class Projected {
  dirty = true;
  live = true;

  constructor(
    readonly room: RoomView,
    readonly agendaId: number,
    private readonly deps: { db: Db; log: Logger; now: () => Date },
  ) {}

  projectIfDirty() {
    if (!this.dirty || !this.live) return;
    this.dirty = false;
    try {
      projectToReadModel(this.deps.db, this.agendaId, this.room.doc, this.deps.now(), this.deps.log);
    } catch (err) {
      this.dirty = true;
      this.deps.log.error("collab: projection failed", { room: this.room.name, err: String(err) });
    }
  }

  markDirty() {
    this.dirty = true;
  }
}

export function readModel({ db, log, debounceMs, now }: { db: Db; log: Logger; debounceMs: number; now: () => Date }) {
  const rooms = new Map<string, Projected>();
  const schedule = new ProjectionSchedule(db, debounceMs, log);
  const deps = { db, log, now };

  const extension: Extension = {
    load(room) {
      const agendaId = agendaOfRoom(room.name);
      if (agendaId === null) return;
      // The read model may predate what the projection reads now (parts stored damaged before the
      // schema was enforced are marked since): one projection per load, batched off the load's path.
      const projected = new Projected(room, agendaId, deps);
      rooms.set(room.name, projected);
      schedule.mark(projected);
    },
    afterCommit(room) {
      const projected = rooms.get(room.name);
      if (!projected) return;
      projected.dirty = true;
      schedule.mark(projected);
    },
    beforeUnload(room) {
      rooms.get(room.name)?.projectIfDirty();
    },
    afterUnload(room) {
      const projected = rooms.get(room.name);
      if (!projected || projected.room !== room) return;
      projected.live = false;
      schedule.forget(projected);
      rooms.delete(room.name);
    },
  };

  return {
    extension,
    /** Brings the read model of one loaded room up to date now (after an API change). */
    projectNow(roomName: string) {
      rooms.get(roomName)?.projectIfDirty();
    },
    /** Brings the read model of every loaded room up to date now. */
    projectAll() {
      for (const projected of rooms.values()) projected.projectIfDirty();
    },
    close() {
      schedule.close();
    },
  };
}
