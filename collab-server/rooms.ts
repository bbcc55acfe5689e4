// Room naming and authorization. A room is one agenda's live document: "agenda:<id>".
import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { agendas, regions } from "../db/schema";
import { can, type Principal, type RegionScope } from "../app/domain/permissions";

export type Access = "edit" | "read";

const ROOM_PATTERN = /^agenda:([1-9][0-9]{0,15})$/;

export function parseRoomName(name: string): number | null {
  const match = ROOM_PATTERN.exec(name);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

export const roomNameFor = (agendaId: number) => `agenda:${agendaId}`;

export function lookupAgendaScope(db: Db, agendaId: number): RegionScope | null {
  const row = db
    .select({ regionId: agendas.regionId, partnersMayRead: regions.partnersMayRead })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(agendas.id, agendaId))
    .get();
  return row ?? null;
}

export function accessTo(principal: Principal, scope: RegionScope): Access | null {
  if (can(principal, "edit:agenda", scope)) return "edit";
  if (can(principal, "read:agenda", scope)) return "read";
  return null;
}

/**
 * Loaded rooms by name. A room that is closing stays registered until its final write is done;
 * `acquire` waits for that instead of loading a second copy next to it.
 */
export class RoomRegistry<R extends { state: string; ready: Promise<void>; closed: Promise<void> }> {
  readonly rooms = new Map<string, R>();

  constructor(private create: (name: string, agendaId: number) => R) {}

  get(name: string): R | undefined {
    return this.rooms.get(name);
  }

  async acquire(name: string, agendaId: number): Promise<R> {
    for (;;) {
      const existing = this.rooms.get(name);
      if (!existing) break;
      if (existing.state === "closing") {
        await existing.closed;
        continue;
      }
      if (existing.state === "closed") {
        this.rooms.delete(name);
        break;
      }
      await existing.ready;
      // It may have been unloaded (or failed) while we waited.
      if (existing.state === "ready") return existing;
    }
    const room = this.create(name, agendaId);
    this.rooms.set(name, room);
    try {
      await room.ready;
    } catch (err) {
      if (this.rooms.get(name) === room) this.rooms.delete(name);
      throw err;
    }
    return room;
  }

  remove(room: R, name: string) {
    if (this.rooms.get(name) === room) this.rooms.delete(name);
  }
}
