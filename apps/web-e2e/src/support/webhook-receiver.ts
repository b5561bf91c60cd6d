import { sleep } from '@plinth/testing';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as the receiver got it. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** Where to point an endpoint: a path on the receiver. */
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` requests have arrived; fails after `timeoutMs`. */
  waitForCount: (count: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  stop: () => Promise<void>;
}

/**
 * A local HTTP server standing in for a customer's webhook receiver: it
 * keeps every request and answers 200. The product must be started with
 * WEBHOOKS_ALLOW_PRIVATE=true to send to it (it listens on 127.0.0.1).
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/plinth`,
    received,
    async waitForCount(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`The receiver got ${received.length} webhooks, not ${count}, within ${timeoutMs} ms`);
        await sleep(100);
      }
      return received.slice(0, count);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
