import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripeApiError } from './errors';
import { StripeLifecycle } from './lifecycle';
import { type StripeEvent, stripeId } from './objects';
import { checkParams, type FormParams, parseForm } from './params';
import { routeFor } from './routes';
import type { FakeStripeOptions } from './state';
import { type SignedEvent, signEvent } from './webhooks';

/** A request as the fake received it. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  /** The form body (POST) or query string (GET, DELETE), parsed. */
  params: FormParams;
  idempotencyKey: string | null;
  stripeVersion: string | null;
}

interface Answer {
  status: number;
  /** JSON text: a saved answer keeps the object as it was then. */
  body: string;
  replayed?: boolean;
}

const UNAUTHENTICATED = new StripeApiError(
  401,
  'invalid_request_error',
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
);

/**
 * Stripe on 127.0.0.1 for tests: the real `stripe` SDK talks to it (host,
 * port, `protocol: 'http'`), in Stripe's wire format, for exactly the calls
 * Plinth makes (routes.ts). Lifecycle controls (lifecycle.ts) play the
 * customer and Stripe's billing engine and return the events to deliver;
 * `signed` signs one as Stripe would.
 */
export class FakeStripe extends StripeLifecycle {
  /** Every request received, oldest first. */
  readonly requests: FakeStripeRequest[] = [];
  private readonly saved = new Map<string, Answer & { endpoint: string; params: string }>();
  private readonly server = createServer((request, response) => {
    const requestId = stripeId('req_', 14);
    this.serve(request, requestId).then(
      ({ status, body, replayed }) => {
        const headers = { 'Content-Type': 'application/json', 'Request-Id': requestId, 'Stripe-Version': this.apiVersion };
        response.writeHead(status, replayed ? { ...headers, 'Idempotent-Replayed': 'true' } : headers);
        response.end(body);
      },
      () => response.destroy(), // the client went away mid-request
    );
  });

  /** Starts a fake Stripe on a free port of 127.0.0.1. */
  static async start(options: FakeStripeOptions): Promise<FakeStripe> {
    const fake = new FakeStripe(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', resolve);
    });
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** E.g. `http://127.0.0.1:41234`: Plinth's `STRIPE_API_URL`. */
  get url(): string {
    return this.baseUrl;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** `event` as Stripe would POST it to a webhook endpoint with that secret. */
  signed(event: StripeEvent, options: { secret: string; timestamp?: number }): SignedEvent {
    return signEvent(event, options);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async serve(incoming: IncomingMessage, requestId: string): Promise<Answer> {
    const url = new URL(incoming.url ?? '/', this.baseUrl);
    const method = incoming.method ?? 'GET';
    const body = await readBody(incoming);
    const request: FakeStripeRequest = {
      method,
      path: url.pathname,
      params: parseForm(method === 'POST' ? body : url.search.slice(1)),
      idempotencyKey: header(incoming, 'idempotency-key'),
      stripeVersion: header(incoming, 'stripe-version'),
    };
    this.requests.push(request);
    try {
      if (!/^Bearer \S+$/.test(header(incoming, 'authorization') ?? '')) throw UNAUTHENTICATED;
      const match = routeFor(method, url.pathname);
      if (!match) throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}).`);
      checkParams(request.params, match.route.params);
      const missing = match.route.required?.find((name) => request.params[name] === undefined);
      if (missing) throw StripeApiError.missingParameter(missing);
      return this.execute(request, () =>
        match.route.handle(this, request.params, { id: match.id, origin: { id: requestId, idempotencyKey: request.idempotencyKey } }),
      );
    } catch (error) {
      return answerFor(error);
    }
  }

  /**
   * Runs an endpoint that passed validation. As Stripe does, a POST's answer
   * (success or error) is saved under its Idempotency-Key and replayed for the
   * same endpoint and parameters; other parameters are an `idempotency_error`.
   * A key on GET or DELETE has no effect.
   */
  private execute(request: FakeStripeRequest, handle: () => object): Answer {
    const key = request.method === 'POST' ? request.idempotencyKey : null;
    const endpoint = `${request.method} ${request.path}`;
    const params = canonicalJson(request.params);
    const saved = key ? this.saved.get(key) : undefined;
    if (saved && saved.endpoint !== endpoint) {
      throw idempotencyError(`can only be used for the same endpoint they were first used for ('${saved.endpoint}' vs '${endpoint}')`, key);
    }
    if (saved && saved.params !== params)
      throw idempotencyError('can only be used with the same parameters they were first used with', key);
    if (saved) return { status: saved.status, body: saved.body, replayed: true };
    let answer: Answer;
    try {
      answer = { status: 200, body: JSON.stringify(handle(), null, 2) };
    } catch (error) {
      answer = answerFor(error);
    }
    if (key) this.saved.set(key, { ...answer, endpoint, params });
    return answer;
  }
}

function idempotencyError(rule: string, key: string | null): StripeApiError {
  const message = `Keys for idempotent requests ${rule}. Try using a key other than '${key}' if you meant to execute a different request.`;
  return new StripeApiError(400, 'idempotency_error', message);
}

/** Stripe's error answer; a bug in the fake becomes a 500 `api_error` that says what broke. */
function answerFor(error: unknown): Answer {
  const failure =
    error instanceof StripeApiError ? error : new StripeApiError(500, 'api_error', `Fake Stripe failed: ${(error as Error).stack}`);
  return { status: failure.status, body: JSON.stringify(failure.body, null, 2) };
}

/** JSON with sorted keys: equal parameters give equal text whatever their order. */
function canonicalJson(value: unknown): string {
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
