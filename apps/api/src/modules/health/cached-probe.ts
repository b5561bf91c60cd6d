/**
 * A probe's last outcome, kept for `ttlMs`: readiness is polled every few
 * seconds by each load balancer and orchestrator, and a remote service must
 * not be dialled that often. Concurrent callers share one attempt.
 */
export class CachedProbe {
  private last: { at: number; outcome: Promise<void> } | null = null;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the service answered (now or within the last ttlMs), rejects with why not. */
  check(): Promise<void> {
    if (!this.last || this.now() - this.last.at >= this.ttlMs) {
      const outcome = this.probe();
      outcome.catch(() => undefined); // kept for later callers; not an unhandled rejection meanwhile
      this.last = { at: this.now(), outcome };
    }
    return this.last.outcome;
  }
}
