import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

export interface ApiClientOptions {
  baseUrl?: string;
  /** The current access token, read on every request. */
  accessToken?: () => string | null | undefined;
}

export type ApiClient = Client<paths>;

/** A typed client for the Plinth API, generated from the committed OpenAPI spec. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '' });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.accessToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** The contract's error envelope as a throwable value. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field problems of a VALIDATION_FAILED answer, keyed by field. */
  fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    return Object.fromEntries((this.details as Array<{ field: string; problems: string[] }>).map((d) => [d.field, d.problems.join('; ')]));
  }
}

type Envelope<T> = { success: true; data: T };
type Result<T> = { data?: Envelope<T>; error?: unknown; response: Response };

/** Resolves to the envelope's `data`, or throws an ApiError with the contract's code. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (data && response.ok) return data.data;
  if (response.ok) return undefined as T;
  const body = error as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  throw new ApiError(response.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? response.statusText, body?.error?.details);
}
export * from './enums';
