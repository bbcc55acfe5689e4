// Loaded rooms by name. A room that is closing stays registered until its final write is done;
// `acquire` waits for that instead of loading a second copy next to it.
export class RoomRegistry<R extends { state: string; ready: Promise<void>; closed: Promise<void> }> {
  readonly rooms = new Map<string, R>();

  constructor(private create: (name: string) => R) {}

  get(name: string): R | undefined {
    return this.rooms.get(name);
  }

  async acquire(name: string): Promise<R> {
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
    const room = this.create(name);
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
