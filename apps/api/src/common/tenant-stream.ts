import type { TenantTransactions } from '@plinth/tenancy';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** Writes one chunk; resolves false once the client has gone (stop producing). */
export type Push = (chunk: string) => Promise<boolean>;

/**
 * A response body produced inside one tenant transaction (RLS-pinned),
 * honouring backpressure; a failure mid-stream ends the response with an error.
 */
export function tenantStream(
  transactions: TenantTransactions,
  organizationId: string,
  produce: (manager: EntityManager, push: Push) => Promise<void>,
): Readable {
  const out = new PassThrough();
  const push: Push = async (chunk) => {
    if (out.destroyed) return false;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    return !out.destroyed;
  };
  transactions
    .run(organizationId, (manager) => produce(manager, push))
    .then(
      () => out.end(),
      (error) => out.destroy(error),
    );
  return out;
}
