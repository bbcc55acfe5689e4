// Interim: the projection schedule (projection.ts, moving to app/collab/) still names this type.
// There is no write queue any more: the turn (turn.ts) commits, and the live document is never
// ahead of the log, so flushing before a projection is a no-op.
export type WriteQueue = { flush(): void };
