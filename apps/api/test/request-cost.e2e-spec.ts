import { createScratchDatabase, sleep } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { signUp, startTestApp, TestApp } from './harness';

/**
 * What the hot requests cost the database, counted by PostgreSQL itself
 * (pg_stat_statements, top-level statements, BEGIN and COMMIT included) in a
 * database of their own: at most 4 each. The guard's membership check, BEGIN
 * and the tenant pin share one round trip; a post is counted against its
 * quota by a deferred trigger inside its COMMIT. PostgreSQL lists what such a
 * trigger runs at COMMIT as statements of their own: they are shown, and
 * checked to be only that, but they are part of the COMMIT, not statements
 * the request sends.
 */
interface Statement {
  query: string;
  calls: number;
}

/** The body of a PL/pgSQL trigger function names its row (NEW, OLD) or its arguments. */
const runByTriggerAtCommit = (statement: Statement) => /\b(NEW|OLD)\.|TG_ARGV/.test(statement.query);

describe('statements per hot request', () => {
  const MAX_STATEMENTS = 4;
  let stats: DataSource;
  let ownerDb: DataSource;
  let scratch: { url: string; drop: () => Promise<void> };
  let t: TestApp;
  let databaseOid: number;
  let auth: Record<string, string>;
  let apiKey: Record<string, string>;
  let siteId: string;

  beforeAll(async () => {
    // Statistics are the superuser's to read and reset; the database is the app role's, as in production.
    stats = await new DataSource({ type: 'postgres', url: process.env.SUPERUSER_DATABASE_URL ?? process.env.DATABASE_URL }).initialize();
    await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    ownerDb = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    scratch = await createScratchDatabase(ownerDb, process.env.DATABASE_URL as string);
    t = await startTestApp({ DATABASE_URL: scratch.url, JOBS_ENABLED: 'false', METER_FLUSH_INTERVAL_MS: '600000' });
    [{ oid: databaseOid }] = await stats.query('SELECT oid FROM pg_database WHERE datname = $1', [new URL(scratch.url).pathname.slice(1)]);
    const owner = await signUp(t.http);
    auth = owner.auth;
    siteId = (await t.http.post('/api/v1/sites').set(auth).send({ name: 'Costs' }).expect(201)).body.data.id;
    for (let i = 0; i < 3; i++)
      await t.http
        .post(`/api/v1/sites/${siteId}/posts`)
        .set(auth)
        .send({ title: `P${i}`, body: 'x' })
        .expect(201);
    const key = (await t.http.post('/api/v1/api-keys').set(auth).send({ name: 'costs', role: 'viewer' }).expect(201)).body.data.key;
    apiKey = { 'X-API-Key': key };
  });

  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
    await ownerDb?.destroy();
    await stats?.destroy();
  });

  /** Runs the request once to warm per-process caches (the API-call meter), then counts a second run. */
  async function statementsOf(request: () => Promise<unknown>): Promise<Statement[]> {
    await request();
    await settled();
    await stats.query('SELECT pg_stat_statements_reset(0, $1, 0)', [databaseOid]);
    await request();
    await settled();
    return stats.query(
      `SELECT query, calls::int FROM pg_stat_statements WHERE dbid = $1 AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC`,
      [databaseOid],
    );
  }

  /** A read commits after its response: wait until the app's connections are idle again. */
  async function settled(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const [{ busy }] = await stats.query(
        `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datid = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`,
        [databaseOid],
      );
      if (busy === 0) return;
      await sleep(20);
    }
    throw new Error('The app’s connections did not settle');
  }

  const hot: Array<[string, () => Promise<unknown>]> = [
    ['GET /sites', () => t.http.get('/api/v1/sites').set(auth).expect(200)],
    ['GET /sites/:id/posts', () => t.http.get(`/api/v1/sites/${siteId}/posts`).set(auth).expect(200)],
    ['POST /sites/:id/posts', () => t.http.post(`/api/v1/sites/${siteId}/posts`).set(auth).send({ title: 'Hot', body: 'x' }).expect(201)],
    ['GET /auth/me', () => t.http.get('/api/v1/auth/me').set(auth).expect(200)],
    ['GET /sites with an API key', () => t.http.get('/api/v1/sites').set(apiKey).expect(200)],
  ];

  it.each(hot)(`%s costs at most ${MAX_STATEMENTS} statements`, async (name, request) => {
    const statements = await statementsOf(request);
    const atCommit = statements.filter(runByTriggerAtCommit);
    const sent = statements.filter((s) => !runByTriggerAtCommit(s)).reduce((sum, s) => sum + s.calls, 0);
    if (sent > MAX_STATEMENTS) throw new Error(`${sent} statements:\n${statements.map((s) => `${s.calls} × ${s.query}`).join('\n')}`);
    expect(sent).toBeGreaterThan(0);
    const counted = name.startsWith('POST') ? [{ query: expect.stringContaining('plinth_quota_consume'), calls: 1 }] : [];
    expect(atCommit).toEqual(counted);
  });

  it('writes the post and counts it in those statements', async () => {
    const [{ current }] = await t.app
      .get(DataSource)
      .query(`SELECT current::int FROM quota_usage WHERE dimension = 'posts' AND scope_id = $1`, [siteId]);
    const [{ count }] = await t.app.get(DataSource).query('SELECT count(*)::int AS count FROM posts WHERE site_id = $1', [siteId]);
    expect(current).toBe(count);
  });
});
