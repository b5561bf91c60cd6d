import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { signUp, startTestApp, TestApp } from './harness';
import { createScratchDatabase, waitUntil } from '@plinth/testing';
import { TenantTransactions } from '@plinth/tenancy';
import { isDatabaseUnavailable } from '../src/database/database-unavailable';
import { png } from './content-fixtures';

const BOUNDARY = '----plinthprobe';

/** A multipart upload of `size` bytes whose body ends before its closing boundary. */
function cutOffUpload(port: number, path: string, auth: string, size: number): Promise<{ status: number; ms: number }> {
  return rawUpload(port, path, auth, png(size).bytes, { complete: false, chunked: false });
}

/** A multipart upload sent byte for byte: complete or cut off, with a Content-Length or chunked (size unknown up front). */
function rawUpload(
  port: number,
  path: string,
  auth: string,
  file: Buffer,
  { complete, chunked }: { complete: boolean; chunked: boolean },
): Promise<{ status: number; ms: number }> {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), file, Buffer.from(complete ? `\r\n--${BOUNDARY}--\r\n` : '')]);
  const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`;
  const payload = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
  const request =
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
    `${framing}\r\nConnection: close\r\n\r\n`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(request), payload])));
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: 0, ms: Date.now() - started });
    }, 5_000);
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(data.split(' ')[1] ?? 0), ms: Date.now() - started });
    });
  });
}

describe('availability', () => {
  describe('uploads', () => {
    let t: TestApp;
    let dataDir: string;
    let port: number;
    let auth: string;
    let siteId: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'plinth-availability-'));
      t = await startTestApp({ DATA_DIR: dataDir, MEDIA_MAX_BYTES: String(1024 * 1024) });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.getHttpServer().address() as { port: number }).port;
      const owner = await signUp(t.http);
      auth = owner.auth.Authorization;
      siteId = (await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Uploads' }).expect(201)).body.data.id;
    });
    afterAll(async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const staging = async () => readdir(join(dataDir, 'media', '.staging'));

    it.each([1024, 16 * 1024, 64 * 1024, 512 * 1024])(
      'answers a %d-byte upload cut off before its closing boundary with 400 at once',
      async (size) => {
        const { status, ms } = await cutOffUpload(port, `/api/v1/sites/${siteId}/media`, auth, size);
        expect({ status, fast: ms < 2_000 }).toEqual({ status: 400, fast: true });
        expect(await staging()).toEqual([]);
      },
    );

    it('leaks no file handle after 100 cut-off uploads', async () => {
      const before = await openFilesUnder(dataDir);
      for (let i = 0; i < 100; i++) await cutOffUpload(port, `/api/v1/sites/${siteId}/media`, auth, 16 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await openFilesUnder(dataDir)).toEqual(before);
      expect(await staging()).toEqual([]);
    });

    it('checks the site before storing a byte, and leaves no directory for a site that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const response = await t.http
        .post(`/api/v1/sites/${missing}/media`)
        .set('Authorization', auth)
        .attach('file', png(12).bytes, { filename: 'a.png', contentType: 'image/png' });
      expect(response.status).toBe(404);
      const organizations = await readdir(join(dataDir, 'media'));
      for (const organization of organizations.filter((name) => name !== '.staging')) {
        expect(await readdir(join(dataDir, 'media', organization))).not.toContain(missing);
      }
    });

    it('refuses an upload larger than the storage left before reading it, and one that grows past it while it arrives', async () => {
      const owner = await signUp(t.http);
      const site = (await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Small' }).expect(201)).body.data.id;
      const db = t.app.get(DataSource);
      await db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'storage_bytes', 1000)`, [
        owner.organizationId,
      ]);
      const big = png(5008).bytes;
      const refused = await t.http
        .post(`/api/v1/sites/${site}/media`)
        .set(owner.auth)
        .attach('file', big, { filename: 'big.png', contentType: 'image/png' });
      expect({ status: refused.status, code: refused.body.error.code, dimension: refused.body.error.details.dimension }).toEqual({
        status: 402,
        code: 'QUOTA_EXCEEDED',
        dimension: 'storage_bytes',
      });
      expect(await staging()).toEqual([]);
      // No Content-Length: the bytes are counted as they arrive, and the upload stops past what is left.
      const chunked = await rawUpload(port, `/api/v1/sites/${site}/media`, owner.auth.Authorization, big, {
        complete: true,
        chunked: true,
      });
      expect(chunked.status).toBe(402);
      expect(await staging()).toEqual([]);
      const [{ count }] = await db.query('SELECT count(*)::int AS count FROM media WHERE organization_id = $1', [owner.organizationId]);
      expect(count).toBe(0);
      const fits = await rawUpload(port, `/api/v1/sites/${site}/media`, owner.auth.Authorization, big.subarray(0, 900), {
        complete: true,
        chunked: true,
      });
      expect(fits.status).toBe(201);
    });
  });

  describe('timeouts', () => {
    it('answers a request whose body never finishes arriving, and closes it, instead of waiting forever', async () => {
      const t = await startTestApp({ REQUEST_TIMEOUT_MS: '1000', IDLE_TIMEOUT_MS: '1500' });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.getHttpServer().address() as { port: number };
      try {
        const started = Date.now();
        const answer = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () =>
            socket.write(
              'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em',
            ),
          );
          let data = '';
          socket.on('data', (chunk) => (data += chunk));
          socket.on('close', () => resolve(data));
        });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(answer === '' || /^HTTP\/1\.1 (408|400)/.test(answer)).toBe(true);
      } finally {
        await t.close();
      }
    });
  });

  describe('health', () => {
    it('answers 503 in the envelope when the database is gone', async () => {
      const db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
      const scratch = await createScratchDatabase(db, process.env.DATABASE_URL as string);
      const t = await startTestApp({ DATABASE_URL: scratch.url, JOBS_ENABLED: 'false' });
      try {
        await t.http.get('/api/health').expect(200);
        await scratch.drop();
        const response = await t.http.get('/api/health');
        expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      } finally {
        await t.close().catch(() => undefined);
        await db.destroy();
      }
    });
  });

  describe('a database connection lost between two queries of a unit of work', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ JOBS_ENABLED: 'false' })));
    afterAll(() => t.close());

    it('fails as the database being unavailable (a 503), not as a released query runner (a 500)', async () => {
      const { organizationId } = await signUp(t.http);
      const db = t.app.get(DataSource);
      const outcome = t.app.get(TenantTransactions).runAfterSystem(
        async () => ({ organizationId }),
        async (tx) => {
          const [{ pid }] = await tx.manager.query('SELECT pg_backend_pid() AS pid');
          await db.query('SELECT pg_terminate_backend($1)', [pid]);
          // TypeORM releases the runner when its connection reports the loss; the next query finds it released.
          await waitUntil('the lost connection is noticed', async () => tx.manager.queryRunner?.isReleased === true, 5_000);
          return tx.manager.query('SELECT 1');
        },
      );
      const failure = await outcome.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect({ message: (failure as Error)?.message, unavailable: isDatabaseUnavailable(failure) }).toEqual({
        message: expect.stringMatching(/terminat/i),
        unavailable: true,
      });
    });
  });
});

/** The files under `dir` this process holds open (sockets — the pools' connections come and go — are not counted). */
async function openFilesUnder(dir: string): Promise<string[]> {
  const targets = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target.startsWith(dir)).sort();
}
