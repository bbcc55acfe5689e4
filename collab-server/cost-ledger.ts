// What each user's frames have cost the server lately, over all their sockets and across
// reconnects (decision 009). A user may spend `msPerSecond` of handling time per second on
// average and `burstMs` at once; past that their frames wait (their sockets paused) until the
// debt has drained, so one account cannot take more than its share of the event loop however many
// cheap-looking frames it sends. A user whose update was refused as too expensive is held off for
// a while: reconnecting and resending the same update gets a close code, not another trial.
export class CostLedger {
  private readonly debts = new Map<number, { ms: number; at: number }>();
  private readonly heldOff = new Map<number, number>();

  constructor(
    private readonly msPerSecond: number,
    private readonly burstMs: number,
    private readonly cooldownMs: number,
  ) {}

  private debt(userId: number, now: number): number {
    const d = this.debts.get(userId);
    if (!d) return 0;
    return Math.max(0, d.ms - ((now - d.at) * this.msPerSecond) / 1000);
  }

  charge(userId: number, ms: number, now = performance.now()) {
    this.debts.set(userId, { ms: this.debt(userId, now) + ms, at: now });
  }

  /** How long the user's next frame has to wait, in ms; 0: now. */
  waitMs(userId: number, now = performance.now()): number {
    const over = this.debt(userId, now) - this.burstMs;
    return over <= 0 ? 0 : Math.ceil((over * 1000) / this.msPerSecond);
  }

  holdOff(userId: number, now = performance.now()) {
    this.heldOff.set(userId, now + this.cooldownMs);
  }

  isHeldOff(userId: number, now = performance.now()): boolean {
    const until = this.heldOff.get(userId);
    return until !== undefined && until > now;
  }

  /** Forgets users without debt or hold: the maps stay as small as the set of active senders. */
  sweep(now = performance.now()) {
    for (const [userId] of this.debts) if (this.debt(userId, now) === 0) this.debts.delete(userId);
    for (const [userId, until] of this.heldOff) if (until <= now) this.heldOff.delete(userId);
  }
}
