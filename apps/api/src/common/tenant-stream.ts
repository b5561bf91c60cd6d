import type { TenantContext, TenantTx } from '@plinth/tenancy';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';

/** Writes one chunk; resolves false once the client has gone (stop producing). */
export type Push = (chunk: string) => Promise<boolean>;

/**
 * A response body produced inside one tenant transaction of its own
 * (RLS-pinned; the route must be `@Authorize(…, { transaction: 'own' })`),
 * honouring backpressure; a failure mid-stream ends the response with an error.
 */
export function tenantStream(tenant: TenantContext, produce: (tx: TenantTx, push: Push) => Promise<void>): Readable {
  const out = new PassThrough();
  const push: Push = async (chunk) => {
    if (out.destroyed) return false;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    return !out.destroyed;
  };
  tenant
    .transaction((tx) => produce(tx, push))
    .then(
      () => out.end(),
      (error) => out.destroy(error),
    );
  return out;
}
