import { createScratchDatabase, expectStatus, type Headers, send, V1, waitUntil } from '@plinth/testing';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './harness';

/**
 * What the webhook suites share: an app on a database of its own, and a
 * receiver to deliver to. Every app on one database works the same
 * 'webhook.deliver' queue, so an app of another suite (private addresses
 * refused) would take this suite's deliveries: each suite gets its own database.
 */

export interface WebhooksApp {
  t: TestApp;
  db: DataSource;
  close: () => Promise<void>;
}

export async function startWebhooksApp(env: Record<string, string> = {}): Promise<WebhooksApp> {
  const main = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
  const scratch = await createScratchDatabase(main, process.env.DATABASE_URL as string);
  const t = await startTestApp({ DATABASE_URL: scratch.url, AUTH_RATE_LIMIT_PER_IP: '100000', INVITES_PER_HOUR: '100000', ...env });
  return {
    t,
    db: t.app.get(DataSource),
    close: async () => {
      await t.close();
      await scratch.drop();
      await main.destroy();
    },
  };
}

/** Puts an organization on a plan (what a subscription would do) without going through billing. */
export async function putOnPlan(t: TestApp, organizationId: string, planTier: string): Promise<void> {
  await t.app.get(DataSource).query('UPDATE organizations SET plan_tier = $2 WHERE id = $1', [organizationId, planTier]);
}

export interface CreatedEndpoint {
  id: string;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
}

export async function createEndpoint(
  t: TestApp,
  auth: Headers,
  url: string,
  events: string[],
  description?: string,
): Promise<CreatedEndpoint> {
  const response = await send(t, { method: 'post', path: '/webhook-endpoints', headers: auth, body: { url, events, description } });
  return expectStatus(response, 201).body.data;
}

export interface Attempt {
  at: string;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  nextRetryAt: string | null;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Attempt[];
  nextRetryAt: string | null;
  createdAt: string;
}

export async function deliveriesOf(t: TestApp, auth: Headers, endpointId: string): Promise<Delivery[]> {
  const response = await t.http.get(`${V1}/webhook-endpoints/${endpointId}/deliveries?limit=100`).set(auth);
  return expectStatus(response, 200).body.data;
}

/** Waits until the endpoint's deliveries satisfy `condition`, and returns them. */
export async function waitForDeliveries(
  t: TestApp,
  auth: Headers,
  endpointId: string,
  what: string,
  condition: (deliveries: Delivery[]) => boolean,
  timeoutMs = 20_000,
): Promise<Delivery[]> {
  let last: Delivery[] = [];
  await waitUntil(
    `${what} (deliveries: ${JSON.stringify(last)})`,
    async () => condition((last = await deliveriesOf(t, auth, endpointId))),
    timeoutMs,
  );
  return last;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = (response: ServerResponse) => void;

export const reply = {
  status:
    (status: number, body = ''): Reply =>
    (response) =>
      response.writeHead(status, { 'content-type': 'text/plain' }).end(body),
  redirect:
    (location: string): Reply =>
    (response) =>
      response.writeHead(302, { location }).end(),
  /** Never answers: the request hangs until the sender gives up. */
  never: (): Reply => () => undefined,
};

/**
 * A webhook receiver on 127.0.0.1: records what arrives and answers with the
 * next scripted reply, then with the default one.
 */
export class Receiver {
  readonly received: Received[] = [];
  private readonly script: Reply[] = [];
  private server!: Server;
  private port = 0;

  constructor(private fallback: Reply = reply.status(200, 'ok')) {}

  static async start(fallback?: Reply): Promise<Receiver> {
    const receiver = new Receiver(fallback);
    await receiver.listen();
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The replies to the next requests, in order. (Not `then`: a Receiver must not look like a promise.) */
  replyNext(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  answerAlways(fallback: Reply): void {
    this.fallback = fallback;
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  async waitFor(what: string, count: number, path = '/hook', timeoutMs = 20_000): Promise<Received[]> {
    await waitUntil(`${what}: ${count} request(s) at ${path}`, async () => this.at(path).length >= count, timeoutMs);
    return this.at(path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private listen(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        (this.script.shift() ?? this.fallback)(response);
      });
    });
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      }),
    );
  }
}

/** The Standard Webhooks headers of a received request, as the `standardwebhooks` library reads them. */
export function signatureHeaders(request: Received): Record<string, string> {
  return {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
}
