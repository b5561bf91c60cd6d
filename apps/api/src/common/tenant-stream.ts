import { Injectable } from '@nestjs/common';
import { RateLimitedError, TenantContext, TenantTx } from '@plinth/tenancy';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { AppConfig } from '../config/app-config';

/** Writes one chunk; resolves false once the client has gone or stalled (stop producing). */
export type Push = (chunk: string) => Promise<boolean>;

class ReaderStalledError extends Error {
  constructor(ms: number) {
    super(`The client read nothing for ${ms} ms`);
  }
}

/**
 * Response bodies produced inside one tenant transaction of their own
 * (RLS-pinned; the route must be `@Authorize(…, { transaction: 'own' })`),
 * from the pool kept for streams, honouring backpressure. A client that
 * stops reading is cut off after EXPORT_WRITE_TIMEOUT_MS, and an
 * organization streams at most EXPORTS_PER_ORGANIZATION at once (429 beyond):
 * a slow reader can hold one of the stream connections for a while, never one
 * the rest of the API needs.
 */
@Injectable()
export class TenantStreams {
  private readonly active = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  /** Resolves once the stream's transaction has begun: failing to get a connection is an answer (503), not a broken body. */
  async open(tenant: TenantContext, produce: (tx: TenantTx, push: Push) => Promise<void>): Promise<Readable> {
    const organizationId = tenant.organizationId;
    const running = this.active.get(organizationId) ?? 0;
    if (running >= this.config.EXPORTS_PER_ORGANIZATION) throw new RateLimitedError(10);
    this.active.set(organizationId, running + 1);
    const out = new PassThrough();
    const push = this.pusher(out);
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const done = tenant.streamingTransaction(async (tx) => {
      begun();
      await produce(tx, push);
    });
    done.finally(() => this.release(organizationId)).catch(() => undefined);
    await Promise.race([started, done]);
    done.then(
      () => out.end(),
      (error) => out.destroy(error),
    );
    return out;
  }

  private pusher(out: PassThrough): Push {
    const timeoutMs = this.config.EXPORT_WRITE_TIMEOUT_MS;
    return async (chunk) => {
      if (out.destroyed) return false;
      if (!out.write(chunk)) await drainedOrGone(out, timeoutMs);
      return !out.destroyed;
    };
  }

  private release(organizationId: string): void {
    const running = (this.active.get(organizationId) ?? 1) - 1;
    if (running > 0) this.active.set(organizationId, running);
    else this.active.delete(organizationId);
  }
}

/** Waits for the reader to take more, to go, or — past `timeoutMs` — cuts it off. Leaves no listener behind. */
async function drainedOrGone(out: PassThrough, timeoutMs: number): Promise<void> {
  const done = new AbortController();
  const { signal } = done;
  const stalled = delay(timeoutMs, undefined, { signal }).then(() => out.destroy(new ReaderStalledError(timeoutMs)));
  try {
    await Promise.race([once(out, 'drain', { signal }), once(out, 'close', { signal }), stalled]);
  } catch {
    // The stream errored or the wait was cut short: the caller looks at `out.destroyed`.
  } finally {
    done.abort();
    await Promise.allSettled([stalled]);
  }
}
