// Keeps agenda_items equal to each loaded room's live document (like Outline's
// documentCollaborativeUpdater), so page requests never parse Yjs: a room is projected once after
// it loads, at most `debounceMs` after each turn that changed it, and a last time before it
// unloads. The live document is never ahead of the update log (collab-server/turn.ts), so a
// projection never shows what a crash could lose, without anyone flushing first.
import type { Db } from "../../db";
import { agendaOfRoom } from "../../shared/rooms";
import type { Extension, Logger, RoomView } from "../../collab-server";
import { ProjectionSchedule, projectToReadModel } from "./projection.server";

type Projected = { room: RoomView; agendaId: number; dirty: boolean; live: boolean; projectIfDirty(): void; markDirty(): void };

export function readModel({ db, log, debounceMs, now }: { db: Db; log: Logger; debounceMs: number; now: () => Date }) {
  const rooms = new Map<string, Projected>();
  const schedule = new ProjectionSchedule(db, debounceMs, log);

  const entry = (room: RoomView, agendaId: number): Projected => {
    const projected: Projected = {
      room,
      agendaId,
      dirty: true,
      live: true,
      projectIfDirty() {
        if (!projected.dirty || !projected.live) return;
        projected.dirty = false;
        try {
          projectToReadModel(db, agendaId, room.doc, now(), log);
        } catch (err) {
          projected.dirty = true;
          log.error("collab: projection failed", { room: room.name, err: String(err) });
        }
      },
      markDirty() {
        projected.dirty = true;
      },
    };
    return projected;
  };

  const extension: Extension = {
    load(room) {
      const agendaId = agendaOfRoom(room.name);
      if (agendaId === null) return;
      // The read model may predate what the projection reads now (parts stored damaged before the
      // schema was enforced are marked since): one projection per load, batched off the load's path.
      const projected = entry(room, agendaId);
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
