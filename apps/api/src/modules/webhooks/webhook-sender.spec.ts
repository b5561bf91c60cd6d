import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from './webhook-sender';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A receiver on 127.0.0.1 that answers with `handler`, counting what it received. */
async function receiver(handler: Handler): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits++;
    request.resume();
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hits: () => hits, server };
}

const webhook = (url: string) => ({ url, body: '{"ok":true}', headers: { 'webhook-id': 'msg_1' } });

describe('sendWebhook', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));
  const start = async (handler: Handler) => {
    const started = await receiver(handler);
    servers.push(started.server);
    return started;
  };

  it('reports a 2xx as delivered, with the status, the duration and the start of the answer', async () => {
    const { url } = await start((_request, response) => response.writeHead(204).end());
    const ok = await start((_request, response) => response.writeHead(200).end('thanks'));
    expect(await sendWebhook(webhook(url), { allowPrivate: true })).toEqual(
      expect.objectContaining({ ok: true, statusCode: 204, responseExcerpt: null, error: null }),
    );
    const result = await sendWebhook(webhook(ok.url), { allowPrivate: true });
    expect(result).toEqual({ ok: true, statusCode: 200, durationMs: expect.any(Number), responseExcerpt: 'thanks', error: null });
  });

  it('reports any other status as failed, keeping at most 1000 characters of the answer, NUL bytes dropped', async () => {
    const { url } = await start((_request, response) => response.writeHead(500).end(`oops\u0000${'x'.repeat(5000)}`));
    const result = await sendWebhook(webhook(url), { allowPrivate: true });
    expect(result).toEqual(expect.objectContaining({ ok: false, statusCode: 500, error: null }));
    expect(result.responseExcerpt?.startsWith('oopsx')).toBe(true);
    expect(result.responseExcerpt?.length).toBeLessThanOrEqual(1000);
  });

  it('does not follow a redirect', async () => {
    const target = await start((_request, response) => response.writeHead(200).end());
    const { url } = await start((_request, response) => response.writeHead(302, { location: target.url }).end());
    const result = await sendWebhook(webhook(url), { allowPrivate: true });
    expect(result).toEqual(
      expect.objectContaining({ ok: false, statusCode: 302, error: expect.stringMatching(/Redirects are not followed/) }),
    );
    expect(target.hits()).toBe(0);
  });

  it('gives up on a receiver that never answers, within the timeout', async () => {
    const { url } = await start(() => undefined);
    const started = Date.now();
    const result = await sendWebhook(webhook(url), { allowPrivate: true, timeoutMs: 300 });
    expect(result).toEqual(expect.objectContaining({ ok: false, statusCode: null, error: 'Timed out after 0.3 s' }));
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection', async () => {
    const { url, server } = await start(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);
    const result = await sendWebhook(webhook(url), { allowPrivate: true });
    expect(result).toEqual(expect.objectContaining({ ok: false, statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) }));
  });

  it.each([
    ['a loopback literal', (port: number) => `http://127.0.0.1:${port}/`, /127\.0\.0\.1 is a loopback address/],
    ['an IPv6 loopback literal', (port: number) => `http://[::1]:${port}/`, /::1 is a loopback address/],
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/`, /localhost resolves to .*loopback/],
  ])('refuses %s without connecting when private addresses are not allowed', async (_what, urlOf, reason) => {
    const { url, hits } = await start((_request, response) => response.writeHead(200).end());
    const port = Number(new URL(url).port);
    const result = await sendWebhook(webhook(urlOf(port)), { allowPrivate: false });
    expect(result).toEqual(expect.objectContaining({ ok: false, statusCode: null, error: expect.stringMatching(reason) }));
    expect(hits()).toBe(0);
  });

  it('refuses a cloud metadata address even when private addresses are allowed', async () => {
    const result = await sendWebhook(webhook('http://169.254.169.254/latest/meta-data/'), { allowPrivate: true });
    expect(result).toEqual(expect.objectContaining({ ok: false, error: 'Refused: 169.254.169.254 is a cloud metadata address' }));
  });
});
