import { ApiCallMeter } from '@plinth/quota';
import { createKey, expectStatus, invite, join, newOrg, V1 } from '@plinth/testing';
import { DataSource } from 'typeorm';
import type { TestApp } from './harness';
import { startTenancyApp } from './tenancy-fixtures';

/** The reads the console's home and usage pages are built on: the onboarding checklist and API calls per day. */
describe('console reads', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTenancyApp({ METER_FLUSH_INTERVAL_MS: '60000' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('GET /organizations/:id/onboarding', () => {
    const checklist = async (auth: Record<string, string>, organizationId: string) =>
      expectStatus(await t.http.get(`${V1}/organizations/${organizationId}/onboarding`).set(auth), 200).body.data;

    it('ticks each first step as it is taken', async () => {
      const org = await newOrg(t);
      const steps = () => checklist(org.owner.auth, org.id);
      expect(await steps()).toEqual({
        emailVerified: false,
        siteCreated: false,
        postWritten: false,
        colleagueInvited: false,
        apiKeyCreated: false,
        apiCalled: false,
      });
      const site = expectStatus(await t.http.post(`${V1}/sites`).set(org.owner.auth).send({ name: 'Blog' }), 201).body.data;
      expect(await steps()).toMatchObject({ siteCreated: true, postWritten: false });
      expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts`).set(org.owner.auth).send({ title: 'Hi', body: '' }), 201);
      await invite(t, org.owner.auth, org.id);
      const key = await createKey(t, org.owner.auth, 'viewer');
      expect(await steps()).toMatchObject({ postWritten: true, colleagueInvited: true, apiKeyCreated: true, apiCalled: false });
      expectStatus(await t.http.get(`${V1}/sites`).set(key.auth), 200);
      await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [org.owner.userId]);
      expect(await steps()).toEqual({
        emailVerified: true,
        siteCreated: true,
        postWritten: true,
        colleagueInvited: true,
        apiKeyCreated: true,
        apiCalled: true,
      });
    });

    it('answers any member about the organization and themselves; a non-member is refused', async () => {
      const [org, other] = await Promise.all([newOrg(t), newOrg(t)]);
      const viewer = await join(t, org, 'viewer');
      // Joined by an invite to their address: verified.
      expect(await checklist(viewer.auth, org.id)).toMatchObject({ colleagueInvited: true, emailVerified: true });
      const response = await t.http.get(`${V1}/organizations/${other.id}/onboarding`).set(org.owner.auth);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('NOT_A_MEMBER');
    });
  });

  describe('GET /quotas/usage/daily', () => {
    const daily = (auth: Record<string, string>) => t.http.get(`${V1}/quotas/usage/daily`).set(auth);

    it('lists every day of the month so far, today’s calls included before and after the meter writes them', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'viewer');
      for (let i = 0; i < 3; i++) expectStatus(await t.http.get(`${V1}/sites`).set(key.auth), 200);
      const now = new Date();
      const today = now.toISOString().slice(0, 10);
      const before = expectStatus(await daily(org.owner.auth), 200).body.data;
      expect(before.periodStart).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
      expect(before.periodEnd).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString());
      expect(before.days).toHaveLength(now.getUTCDate());
      expect(before.days[before.days.length - 1]).toEqual({ date: today, apiCalls: 3 });
      expect(before.days.slice(0, -1).every((day: { apiCalls: number }) => day.apiCalls === 0)).toBe(true);

      await t.app.get(ApiCallMeter).flush();
      expectStatus(await t.http.get(`${V1}/sites`).set(key.auth), 200);
      const after = expectStatus(await daily(org.owner.auth), 200).body.data;
      expect(after.days[after.days.length - 1]).toEqual({ date: today, apiCalls: 4 });
      const [{ calls }] = await db.query('SELECT calls FROM api_call_days WHERE organization_id = $1 AND day = $2', [org.id, today]);
      expect(Number(calls)).toBe(3);
    });

    it('counts each organization’s own calls only', async () => {
      const [mine, theirs] = await Promise.all([newOrg(t), newOrg(t)]);
      const theirKey = await createKey(t, theirs.owner.auth, 'viewer');
      expectStatus(await t.http.get(`${V1}/sites`).set(theirKey.auth), 200);
      await t.app.get(ApiCallMeter).flush();
      const days = expectStatus(await daily(mine.owner.auth), 200).body.data.days;
      expect(days.reduce((sum: number, day: { apiCalls: number }) => sum + day.apiCalls, 0)).toBe(0);
    });

    it('is there for every role (quotas:read), a viewer included', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      expectStatus(await daily({ ...viewer.auth, 'X-Organization-Id': org.id }), 200);
    });
  });
});
