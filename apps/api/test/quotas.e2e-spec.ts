import { ApiCallMeter } from '@plinth/quota';
import { uniqueEmail } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { Session, signUp, startTestApp, TestApp } from './harness';

const ADMIN_EMAIL = `platform-admin-${Date.now()}@example.test`;

describe('plans, quotas, metering and rate limits', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL, METER_FLUSH_INTERVAL_MS: '60000' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  async function apiKey(owner: Session, role = 'viewer'): Promise<string> {
    const created = await t.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'test', role }).expect(201);
    return created.body.data.key;
  }

  const setPlan = (organizationId: string, tier: string) =>
    db.query('UPDATE organizations SET plan_tier = $2 WHERE id = $1', [organizationId, tier]);

  const storedApiCalls = async (organizationId: string) => {
    const [row] = await db.query(`SELECT current FROM quota_usage WHERE organization_id = $1 AND dimension = 'api_calls'`, [
      organizationId,
    ]);
    return Number(row?.current ?? 0);
  };

  it('publishes the plan catalog without authentication', async () => {
    const response = await t.http.get('/api/v1/billing/plans').expect(200);
    const tiers = response.body.data.map((plan: { tier: string }) => plan.tier);
    expect(tiers).toEqual(['free', 'starter', 'pro', 'enterprise']);
    expect(response.body.data[0].limits).toEqual({ sites: 1, posts: 20, users: 2, storage_bytes: 500 * 1024 ** 2, api_calls: 10_000 });
    expect(response.body.data[3].limits.sites).toBeNull();
  });

  describe('API-call metering', () => {
    it('counts every API-key request exactly, with one write per flush', async () => {
      const owner = await signUp(t.http);
      await setPlan(owner.organizationId, 'enterprise');
      const key = await apiKey(owner);
      for (let batch = 0; batch < 10; batch++) {
        const responses = await Promise.all(Array.from({ length: 100 }, () => t.http.get('/api/v1/quotas/status').set('X-API-Key', key)));
        expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
      }
      expect(await storedApiCalls(owner.organizationId)).toBe(0);
      await t.app.get(ApiCallMeter).flush();
      expect(await storedApiCalls(owner.organizationId)).toBe(1_000);
    });

    it('refuses the 10,001st call of a Free organization with 402, and lets the console through', async () => {
      const owner = await signUp(t.http);
      const key = await apiKey(owner);
      await db.query(
        `INSERT INTO quota_usage (organization_id, dimension, scope_id, current, period_start)
         VALUES ($1, 'api_calls', '00000000-0000-0000-0000-000000000000', 9999, date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`,
        [owner.organizationId],
      );
      await t.http.get('/api/v1/quotas/status').set('X-API-Key', key).expect(200);
      const refused = await t.http.get('/api/v1/quotas/status').set('X-API-Key', key).expect(402);
      const { slug } = (await t.http.get(`/api/v1/organizations/${owner.organizationId}`).set(owner.auth).expect(200)).body.data;
      expect(refused.body.error).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        details: {
          dimension: 'api_calls',
          current: 10_000,
          limit: 10_000,
          planTier: 'free',
          upgradeUrl: `http://localhost:3000/o/${slug}/billing`,
        },
      });
      const console = await t.http.get('/api/v1/quotas/status').set(owner.auth).expect(200);
      expect(console.body.data.api_calls).toMatchObject({ current: 10_000, limit: 10_000, remaining: 0, percentage: 100 });
    });

    it('starts a new month from zero', async () => {
      const owner = await signUp(t.http);
      const key = await apiKey(owner);
      await db.query(
        `INSERT INTO quota_usage (organization_id, dimension, scope_id, current, period_start)
         VALUES ($1, 'api_calls', '00000000-0000-0000-0000-000000000000', 10000, now() - interval '40 days')`,
        [owner.organizationId],
      );
      await t.http.get('/api/v1/quotas/status').set('X-API-Key', key).expect(200);
      await t.app.get(ApiCallMeter).flush();
      expect(await storedApiCalls(owner.organizationId)).toBe(1);
    });
  });

  describe('per-plan rate limits', () => {
    it('answers a Free burst above 10 requests/s with 429 and Retry-After, and leaves other organizations alone', async () => {
      const [noisy, quiet] = [await signUp(t.http), await signUp(t.http)];
      const [noisyKey, quietKey] = [await apiKey(noisy), await apiKey(quiet)];
      const burst = await Promise.all(Array.from({ length: 25 }, () => t.http.get('/api/v1/quotas/status').set('X-API-Key', noisyKey)));
      const limited = burst.filter((r) => r.status === 429);
      expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(10);
      expect(limited.length).toBeGreaterThanOrEqual(15);
      expect(limited[0].headers['retry-after']).toMatch(/^\d+$/);
      expect(limited[0].body.error.code).toBe('RATE_LIMITED');
      const other = await t.http.get('/api/v1/quotas/status').set('X-API-Key', quietKey).expect(200);
      expect(other.headers['x-ratelimit-limit']).toBe('10');
      expect(other.headers['x-ratelimit-remaining']).toBe('9');
    });

    it('does not limit signed-in console requests', async () => {
      const owner = await signUp(t.http);
      const responses = await Promise.all(Array.from({ length: 25 }, () => t.http.get('/api/v1/quotas/status').set(owner.auth)));
      expect(responses.every((r) => r.status === 200)).toBe(true);
    });
  });

  describe('users quota (members + pending invites)', () => {
    it('refuses the invite that would exceed Free’s 2 users with 402', async () => {
      const owner = await signUp(t.http);
      const invite = (email: string) =>
        t.http.post(`/api/v1/organizations/${owner.organizationId}/invites`).set(owner.auth).send({ email, role: 'viewer' });
      await invite(uniqueEmail()).expect(201);
      const refused = await invite(uniqueEmail()).expect(402);
      expect(refused.body.error.details).toMatchObject({ dimension: 'users', current: 2, limit: 2, planTier: 'free' });
    });

    it('lets exactly one of 20 concurrent invites into a Free organization’s last seat', async () => {
      const owner = await signUp(t.http);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.http
            .post(`/api/v1/organizations/${owner.organizationId}/invites`)
            .set(owner.auth)
            .send({ email: uniqueEmail(), role: 'viewer' }),
        ),
      );
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 402)).toHaveLength(19);
      const [{ users }] = await db.query(
        `SELECT (SELECT count(*) FROM organization_members WHERE organization_id = $1)
              + (SELECT count(*) FROM invites WHERE organization_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL) AS users`,
        [owner.organizationId],
      );
      expect(Number(users)).toBe(2);
    });

    it('refuses acceptance when the plan shrank after the invite', async () => {
      const owner = await signUp(t.http);
      await setPlan(owner.organizationId, 'starter');
      const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
      const tokens: string[] = [];
      for (const email of emails) {
        const created = await t.http
          .post(`/api/v1/organizations/${owner.organizationId}/invites`)
          .set(owner.auth)
          .send({ email, role: 'viewer' })
          .expect(201);
        tokens.push(created.body.data.inviteToken);
      }
      await setPlan(owner.organizationId, 'free');
      const invitee = await signUp(t.http, { email: emails[0] });
      const refused = await t.http.post(`/api/v1/organizations/invites/${tokens[0]}/accept`).set(invitee.auth).expect(402);
      expect(refused.body.error.details).toMatchObject({ dimension: 'users', limit: 2 });
    });
  });

  describe('quota status and check', () => {
    it('reports every dimension', async () => {
      const owner = await signUp(t.http);
      const status = await t.http.get('/api/v1/quotas/status').set(owner.auth).expect(200);
      expect(status.body.data).toEqual({
        sites: { current: 0, limit: 1, remaining: 1, percentage: 0 },
        posts: { current: 0, limit: 20, remaining: 20, percentage: 0, perSite: [] },
        users: { current: 1, limit: 2, remaining: 1, percentage: 50 },
        storage_bytes: { current: 0, limit: 500 * 1024 ** 2, remaining: 500 * 1024 ** 2, percentage: 0 },
        api_calls: { current: 0, limit: 10_000, remaining: 10_000, percentage: 0, periodEnd: expect.any(String) },
      });
    });

    it('reports the posts limit in force, an override included', async () => {
      const owner = await signUp(t.http);
      const site = await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Blog' }).expect(201);
      await t.http.post(`/api/v1/sites/${site.body.data.id}/posts`).set(owner.auth).send({ title: 'A', body: 'B' }).expect(201);
      await db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'posts', 50)`, [
        owner.organizationId,
      ]);
      const status = await t.http.get('/api/v1/quotas/status').set(owner.auth).expect(200);
      expect(status.body.data.posts).toEqual({
        current: 1,
        limit: 50,
        remaining: 49,
        percentage: 2,
        perSite: [{ siteId: site.body.data.id, current: 1 }],
      });
    });

    it('answers whether an amount would fit, changing nothing', async () => {
      const owner = await signUp(t.http);
      const check = (body: object) => t.http.post('/api/v1/quotas/check').set(owner.auth).send(body).expect(200);
      expect((await check({ dimension: 'users' })).body.data).toEqual({ allowed: true, current: 1, limit: 2, remaining: 1 });
      expect((await check({ dimension: 'users', amount: 2 })).body.data.allowed).toBe(false);
      expect((await check({ dimension: 'users' })).body.data.current).toBe(1);
      await t.http.post('/api/v1/quotas/check').set(owner.auth).send({ dimension: 'seats' }).expect(400);
    });
  });

  describe('platform admin', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await signUp(t.http, { email: ADMIN_EMAIL });
      // A listed address counts once it is proved (the verify link, here in SQL).
      await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [admin.userId]);
    });

    it('lifts exactly one organization’s limit with an audited override', async () => {
      const [lifted, untouched] = [await signUp(t.http), await signUp(t.http)];
      const response = await t.http
        .put(`/api/v1/admin/organizations/${lifted.organizationId}/quota-overrides/users`)
        .set(admin.auth)
        .send({ limit: 5 })
        .expect(200);
      expect(response.body.data).toEqual({ organizationId: lifted.organizationId, dimension: 'users', limit: 5 });
      const check = (s: Session) => t.http.post('/api/v1/quotas/check').set(s.auth).send({ dimension: 'users' });
      expect((await check(lifted)).body.data.limit).toBe(5);
      expect((await check(untouched)).body.data.limit).toBe(2);
      const audit = await t.http.get('/api/v1/audit-logs?action=quota.override_set').set(lifted.auth).expect(200);
      expect(audit.body.data[0]).toMatchObject({ actor: { type: 'user', id: admin.userId }, targetId: 'users', metadata: { limit: 5 } });
    });

    it('searches organizations with plan and usage', async () => {
      const target = await signUp(t.http, { organizationName: `Searchable ${Date.now()}` });
      const found = await t.http.get('/api/v1/admin/organizations').query({ query: 'searchable' }).set(admin.auth).expect(200);
      const org = found.body.data.find((o: { id: string }) => o.id === target.organizationId);
      expect(org).toMatchObject({ planTier: 'free', usage: { users: 1, sites: 0 } });
    });

    it('is closed to everyone else', async () => {
      const user = await signUp(t.http);
      const refused = await t.http.get('/api/v1/admin/organizations').set(user.auth).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      await t.http
        .put(`/api/v1/admin/organizations/${user.organizationId}/quota-overrides/users`)
        .set(user.auth)
        .send({ limit: 100 })
        .expect(403);
    });

    it('validates the dimension and the limit', async () => {
      const put = (dimension: string, body: object) =>
        t.http.put(`/api/v1/admin/organizations/${admin.organizationId}/quota-overrides/${dimension}`).set(admin.auth).send(body);
      await put('seats', { limit: 1 }).expect(400);
      await put('users', { limit: -1 }).expect(400);
      await put('users', { limit: null }).expect(200);
    });
  });
});
