import { signUp } from '@plinth/testing';
import { connect, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './harness';

/**
 * Streamed exports whose clients stop reading hold one of the few
 * connections kept for streams, for a bounded time, and never a connection
 * of the shared pool: everyone else keeps working meanwhile.
 */
describe('stalled export readers', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({
      AUTH_RATE_LIMIT_PER_IP: '100000',
      // As many shared connections as stalled exports: were the exports drawing from them, nothing else would get through.
      DATABASE_POOL_SIZE: '2',
      EXPORT_POOL_SIZE: '2',
      EXPORTS_PER_ORGANIZATION: '2',
      EXPORT_WRITE_TIMEOUT_MS: '6000',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  /** An organization with ~30 MB of posts: more than any socket buffers, so a reader that stops reading stalls the stream. */
  async function bigOrganization() {
    const owner = await signUp(t.http);
    const site = (await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Big' }).expect(201)).body.data.id;
    await t.app
      .get(DataSource)
      .query(
        `INSERT INTO posts (organization_id, site_id, title, body) SELECT $1, $2, 'Post ' || g, repeat('x', 10000) FROM generate_series(1, 3000) AS g`,
        [owner.organizationId, site],
      );
    return owner;
  }

  /** Asks for the export and never reads the answer. */
  function stalledExport(owner: { organizationId: string; accessToken: string }): Promise<{ socket: Socket; status: Promise<number> }> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `GET /api/v1/organizations/${owner.organizationId}/export HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${owner.accessToken}\r\n\r\n`,
        );
        const status = new Promise<number>((statusOf) => socket.once('data', (chunk) => statusOf(Number(String(chunk).split(' ')[1]))));
        resolve({ socket, status });
      });
    });
  }

  it('keeps the API answering while exports stall, refuses a third export of one organization, and frees the stalled ones in time', async () => {
    const [a, b, c] = [await bigOrganization(), await signUp(t.http), await signUp(t.http)];
    const stalledAt = Date.now();
    const stalled = [await stalledExport(a), await stalledExport(a)];
    expect(await Promise.all(stalled.map((s) => s.status))).toEqual([200, 200]);
    for (const s of stalled) s.socket.pause();

    // One organization streams at most two at once.
    const third = await t.http.get(`/api/v1/organizations/${a.organizationId}/export`).set(a.auth);
    expect({ status: third.status, code: third.body.error?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });

    // Both stream connections are held: another organization's export is told at once, not queued.
    const busy = await t.http.get(`/api/v1/organizations/${b.organizationId}/export`).set(b.auth);
    expect({ status: busy.status, code: busy.body.error?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });

    // The shared pool is untouched: everyone else's requests keep their pace.
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      await t.http.get('/api/v1/sites').set(c.auth).expect(200);
      await t.http.get('/api/health').expect(200);
      expect(Date.now() - started).toBeLessThan(1_000);
    }

    // Past the write timeout the stalled streams end and give their connections back.
    expect(Date.now() - stalledAt).toBeLessThan(6_000);
    await new Promise((resolve) => setTimeout(resolve, stalledAt + 6_500 - Date.now()));
    const later = await t.http.get(`/api/v1/organizations/${b.organizationId}/export`).set(b.auth);
    expect(later.status).toBe(200);
    for (const s of stalled) s.socket.destroy();
  }, 60_000);
});
