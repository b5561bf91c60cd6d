import { databaseError } from '@plinth/tenancy';

/**
 * The database cannot be reached or went away mid-request (a restart, a
 * failover): worth retrying — a request answers 503 rather than 500. SQLSTATE class 08
 * is a connection exception, 57P0x an operator shutdown or a crash.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const fields = databaseError(exception);
  if (fields?.code && (fields.code.startsWith('08') || /^57P0[1-3]$/.test(fields.code))) return true;
  const code = (exception as { code?: unknown })?.code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  const message = exception instanceof Error ? exception.message : '';
  return /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(message);
}

/**
 * Runs `work`, again every `intervalMs` while it fails for want of the
 * database, until `deadline` (epoch ms); then, or on any other failure, throws.
 */
export async function retriedWhileDatabaseUnavailable<T>(work: () => Promise<T>, deadline: number, intervalMs = 1_000): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + intervalMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
