/**
 * Thrown by a model when the actor may not do this. Routes guard first (requirePermission and
 * friends); this is the second lock, so a route that forgets its guard still cannot write.
 * Routes that call a guarded model turn it into the same 403 as their guards (`allowedOr403`).
 */
export class NotAllowedError extends Error {
  constructor() {
    super("not allowed");
    this.name = "NotAllowedError";
  }
}
