import { api } from '../../api/client';

type Envelope<T> = { success: true; data: T };
type LooseResult<T> = Promise<{ data?: Envelope<T>; error?: unknown; response: Response }>;
type LooseMethod = <T>(path: string, init?: { body?: unknown; headers?: Record<string, string> }) => LooseResult<T>;

/**
 * The SPA's client without its path types, for an endpoint the generated
 * schema does not list yet (the verification resend); same
 * session, same envelope (`unwrap` reads it). Each caller names the shape it
 * expects. Once `libs/api-client/src/schema.d.ts` has an endpoint, call it
 * through `api` with the generated types instead, and delete its use here.
 */
export const untypedApi = api as unknown as { GET: LooseMethod; POST: LooseMethod; PATCH: LooseMethod; DELETE: LooseMethod };
