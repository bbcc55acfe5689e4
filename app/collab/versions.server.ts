// Versions of an agenda (agenda_versions): one per calendar day the agenda changed (the state
// before that day's first change, written in the same transaction as the change: the beforeChange
// hook), named ones, and those stored before a proposal or a restore.
import * as Y from "yjs";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaVersions } from "../../db/schema";
import { agendaOfRoom } from "../../shared/rooms";
import { dutchCalendarDay } from "../domain/dutch-time";
import type { Extension, RoomView } from "../../collab-server";

export type VersionKind = "daily" | "named" | "before_proposal" | "before_restore";

export type NewVersion = {
  agendaId: number;
  kind: VersionKind;
  name: string | null;
  state: Uint8Array;
  userId: number | null;
  createdAt: Date;
};

const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function insertVersion(db: Db, v: NewVersion): number {
  return db
    .insert(agendaVersions)
    .values({ agendaId: v.agendaId, kind: v.kind, name: v.name, state: buf(v.state), createdBy: v.userId, createdAt: v.createdAt })
    .returning({ id: agendaVersions.id })
    .get().id;
}

export function readVersion(db: Db, agendaId: number, versionId: number) {
  return (
    db
      .select({ id: agendaVersions.id, state: agendaVersions.state })
      .from(agendaVersions)
      .where(and(eq(agendaVersions.id, versionId), eq(agendaVersions.agendaId, agendaId)))
      .get() ?? null
  );
}

export function latestDailyVersionAt(db: Db, agendaId: number): Date | null {
  const row = db
    .select({ createdAt: agendaVersions.createdAt })
    .from(agendaVersions)
    .where(and(eq(agendaVersions.agendaId, agendaId), eq(agendaVersions.kind, "daily")))
    .orderBy(desc(agendaVersions.createdAt))
    .limit(1)
    .get();
  return row?.createdAt ?? null;
}

/** The daily version: before a room's first change of a Dutch calendar day (not UTC), the state it had. */
export function dailyVersions({ db, now }: { db: Db; now: () => Date }): Extension {
  // The day of each loaded room's last daily version; dropped with the room.
  const lastDay = new WeakMap<RoomView, string | null>();
  return {
    load(room) {
      const agendaId = agendaOfRoom(room.name);
      const last = agendaId === null ? null : latestDailyVersionAt(db, agendaId);
      lastDay.set(room, last ? dutchCalendarDay(last) : null);
    },
    beforeChange(room) {
      const at = now();
      const today = dutchCalendarDay(at);
      const agendaId = agendaOfRoom(room.name);
      if (agendaId === null || lastDay.get(room) === today) return;
      // Encoding the whole state is only paid once per room per day.
      const before = Y.encodeStateAsUpdate(room.doc);
      const hadContent = room.doc.store.clients.size > 0;
      return (userId) => {
        lastDay.set(room, today);
        // The state of an empty document is not worth a version.
        if (hadContent) insertVersion(db, { agendaId, kind: "daily", name: null, state: before, userId, createdAt: at });
      };
    },
  };
}
