import {
  createKey,
  createScratchDatabase,
  errorBody,
  expectStatus,
  invite,
  send,
  signUp,
  sqlNumber,
  uniqueEmail,
  V1,
  VALID_PASSWORD,
  type Session,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './harness';

const SINGLE = { MULTI_TENANT_ENABLED: 'false' };
const singleOrganization = { rule: 'single_tenant' };

/** API.md "Deployment modes": MULTI_TENANT_ENABLED=false, on a database of its own (its oldest organization is the one). */
describe('single-tenant mode', () => {
  let db: DataSource;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let t: TestApp;
  let owner: Session;

  const start = async (env: Record<string, string>) => {
    await t?.close();
    t = await startTestApp({ DATABASE_URL: scratch.url, ...env });
  };
  const query = (sql: string, params: unknown[] = []) => t.app.get(DataSource).query(sql, params);
  const login = async (email: string) => {
    const response = await t.http.post(`${V1}/auth/login`).send({ email, password: VALID_PASSWORD });
    const { accessToken } = expectStatus(response, 200).body.data;
    return { Authorization: `Bearer ${accessToken}` };
  };

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    scratch = await createScratchDatabase(db, process.env.DATABASE_URL as string);
    await start(SINGLE);
  });
  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
    await db?.destroy();
  });

  it('creates its one organization at first start, once, whatever restarts', async () => {
    await start(SINGLE);
    expect(await query(`SELECT name, plan_tier FROM organizations`)).toEqual([{ name: 'My organization', plan_tier: 'enterprise' }]);
  });

  it('makes the first signup the owner of that organization, named as they chose', async () => {
    const [{ id }] = await query(`SELECT id FROM organizations`);
    owner = await signUp(t.http, { organizationName: 'Acme Docs' });
    expect(owner.organizationId).toBe(id);
    const me = expectStatus(await t.http.get(`${V1}/auth/me`).set(owner.auth), 200).body.data;
    expect(me.multiTenant).toBe(false);
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: id, name: 'Acme Docs', role: 'owner' })]);
  });

  it('refuses a later signup without an invite (403), writing nothing', async () => {
    const email = uniqueEmail('uninvited');
    const response = await t.http.post(`${V1}/auth/signup`).send({ email, password: VALID_PASSWORD, name: 'Uninvited' });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 403,
      body: errorBody('FORBIDDEN', 'Signing up takes an invitation: ask an admin of Acme Docs for one', { rule: 'invite_only' }),
    });
    expect(await sqlNumber(t.app.get(DataSource), 'SELECT count(*) FROM users WHERE email = $1', [email])).toBe(0);
  });

  it('signs an invited person up into the organization', async () => {
    const email = uniqueEmail('editor');
    const sent = await invite(t, owner.auth, owner.organizationId, email, 'editor');
    const response = await t.http
      .post(`${V1}/auth/signup`)
      .send({ email, password: VALID_PASSWORD, name: 'Editor', inviteToken: sent.inviteToken });
    expect(expectStatus(response, 201).body.data.organization.id).toBe(owner.organizationId);
  });

  it('refuses creating, importing or switching to another organization (403)', async () => {
    const refusals = [
      await send(t, { method: 'post', path: '/organizations', headers: owner.auth, body: { name: 'Second' } }),
      await t.http.post(`${V1}/organizations/import`).set(owner.auth).set('Content-Type', 'application/x-ndjson').send('{}\n'),
      await send(t, { method: 'post', path: '/auth/switch-organization', headers: owner.auth, body: { organizationId: randomUUID() } }),
    ];
    for (const response of refusals) {
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'This deployment serves one organization (MULTI_TENANT_ENABLED=false)', singleOrganization),
      });
    }
    const deletion = await send(t, { method: 'delete', path: `/organizations/${owner.organizationId}`, headers: owner.auth });
    expect({ status: deletion.status, body: deletion.body }).toEqual({
      status: 403,
      body: errorBody('FORBIDDEN', 'The deployment’s one organization cannot be deleted (MULTI_TENANT_ENABLED=false)', singleOrganization),
    });
    const body = { organizationId: owner.organizationId };
    const switched = expectStatus(await send(t, { method: 'post', path: '/auth/switch-organization', headers: owner.auth, body }), 200);
    owner.auth = { Authorization: `Bearer ${switched.body.data.accessToken}` }; // the switch ended the previous session
    expect(await sqlNumber(t.app.get(DataSource), 'SELECT count(*) FROM organizations')).toBe(1);
  });

  it('applies no plan limit and no rate limit, whatever tier the row names', async () => {
    await query(`UPDATE organizations SET plan_tier = 'free'`); // as a Free organization brought over from multi-tenant mode
    for (const name of ['One', 'Two', 'Three']) {
      expectStatus(await send(t, { method: 'post', path: '/sites', headers: owner.auth, body: { name } }), 201);
    }
    const status = expectStatus(await send(t, { method: 'get', path: '/quotas/status', headers: owner.auth }), 200).body.data;
    for (const dimension of ['sites', 'posts', 'users', 'storage_bytes', 'api_calls']) expect(status[dimension].limit).toBeNull();
    expect(status.sites.current).toBe(3);

    const key = await createKey(t, owner.auth, 'viewer');
    const burst = await Promise.all(Array.from({ length: 30 }, () => t.http.get(`${V1}/sites`).set(key.auth)));
    expect(burst.map((response) => response.status)).toEqual(Array(30).fill(200)); // Free allows 10 per second
    expect(burst[0].headers['x-ratelimit-limit']).toBeUndefined();
    await query(`UPDATE organizations SET plan_tier = 'enterprise'`);
  });

  it('answers billing endpoints with 404', async () => {
    const calls = [
      send(t, { method: 'get', path: '/billing/plans' }),
      send(t, { method: 'get', path: '/billing/subscription', headers: owner.auth }),
      send(t, { method: 'get', path: '/billing/invoices', headers: owner.auth }),
      send(t, { method: 'post', path: '/billing/checkout', headers: owner.auth, body: {} }),
      send(t, { method: 'post', path: '/billing/sandbox/clock', headers: owner.auth, body: { advanceDays: 1 } }),
      t.http.post(`${V1}/webhooks/stripe`).set('Content-Type', 'application/json').send('{}'),
      send(t, { method: 'post', path: '/admin/sync-stripe', headers: owner.auth }),
      send(t, { method: 'get', path: '/admin/metrics/billing', headers: owner.auth }),
      send(t, { method: 'get', path: '/admin/stripe-events/failed', headers: owner.auth }),
    ];
    for (const response of await Promise.all(calls)) expect(response.status).toBe(404);
  });

  it('keeps every row usable when multi-tenancy is turned on, and again when it is turned off', async () => {
    const editor = (await query(`SELECT email FROM users WHERE name = 'Editor'`))[0].email as string;
    await start({});
    const ownerAuth = await login(owner.email);
    const sites = expectStatus(await send(t, { method: 'get', path: '/sites', headers: ownerAuth }), 200).body.data;
    expect(sites.map((site: { name: string }) => site.name).sort()).toEqual(['One', 'Three', 'Two']);
    expectStatus(
      await send(t, {
        method: 'post',
        path: `/sites/${sites[0].id}/posts`,
        headers: await login(editor),
        body: { title: 'On', body: 'Still here.' },
      }),
      201,
    );
    const newcomer = await signUp(t.http, { organizationName: 'Newcomer' }); // a second organization, as the cloud allows
    expect(expectStatus(await t.http.get(`${V1}/auth/me`).set(ownerAuth), 200).body.data.multiTenant).toBe(true);

    await start(SINGLE);
    const again = await login(owner.email);
    const [site] = expectStatus(await send(t, { method: 'get', path: '/sites', headers: again }), 200).body.data;
    expect(site).toBeDefined();
    // The newcomer's organization stays in the database, but this deployment serves only the first one.
    const outsider = await t.http
      .get(`${V1}/sites`)
      .set({ ...(await login(newcomer.email)), 'X-Organization-Id': newcomer.organizationId });
    expect({ status: outsider.status, body: outsider.body }).toEqual({
      status: 403,
      body: errorBody('NOT_A_MEMBER', 'This deployment serves one organization (MULTI_TENANT_ENABLED=false)'),
    });
    expect(await sqlNumber(t.app.get(DataSource), 'SELECT count(*) FROM organizations')).toBe(2);
  });
});
