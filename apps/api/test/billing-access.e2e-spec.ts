import { expectStatus, expectValidationFailed, orgWithEveryRole, type OrgWithEveryRole, uniqueEmail, V1 } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { checkout, RETURN_URLS, sandboxEventsSent, subscribe, subscriptionOf } from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

const ADMIN_EMAIL = `billing-admin-${Date.now()}@example.test`;

/** Who may do what with billing, another organization's billing never visible, and bad input refused with nothing changed. */
describe('billing: access and bad input', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000', PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const owner = (): Promise<Session> => signUp(t.http, { email: uniqueEmail('billing-owner') });
  const subscriptionRows = async (organizationId: string) =>
    db.query('SELECT * FROM subscriptions WHERE organization_id = $1', [organizationId]);

  describe('roles', () => {
    let org: OrgWithEveryRole;

    beforeAll(async () => {
      org = await orgWithEveryRole(t);
    });

    it.each(['admin', 'editor', 'publisher', 'viewer'] as const)('refuses checkout, portal and cancel to an %s (403)', async (role) => {
      const auth = org.members[role].auth;
      for (const [path, body] of [
        ['checkout', { planTier: 'pro', billingCycle: 'monthly', ...RETURN_URLS }],
        ['portal', {}],
        ['cancel', { cancelAtPeriodEnd: true }],
        ['sandbox/card', { outcome: 'fails' }],
        ['sandbox/clock', { advanceDays: 1 }],
      ] as const) {
        const response = await t.http.post(`${V1}/billing/${path}`).set(auth).send(body);
        expect({ path, status: response.status, code: response.body.error?.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
      }
    });

    it('sends even the owner of an Enterprise contract to sales rather than checkout (409)', async () => {
      const response = await t.http
        .post(`${V1}/billing/checkout`)
        .set(org.owner.auth)
        .send({ planTier: 'pro', billingCycle: 'monthly', ...RETURN_URLS });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/Enterprise contract/);
    });

    it('lets owners and admins read invoices, and no one else', async () => {
      for (const role of ['owner', 'admin', 'editor', 'publisher', 'viewer'] as const) {
        const response = await t.http.get(`${V1}/billing/invoices`).set(org.members[role].auth);
        expect({ role, status: response.status }).toEqual({ role, status: ['owner', 'admin'].includes(role) ? 200 : 403 });
      }
    });

    it('shows every member the plan', async () => {
      for (const role of ['owner', 'admin', 'editor', 'publisher', 'viewer'] as const) {
        expect((await subscriptionOf(t, org.members[role].auth)).planTier).toBe('enterprise');
      }
    });

    it('refuses billing changes to API keys, whatever their role', async () => {
      const response = await t.http
        .post(`${V1}/billing/checkout`)
        .set('X-API-Key', org.keys.admin.key)
        .send({ planTier: 'pro', billingCycle: 'monthly', ...RETURN_URLS });
      expect(response.status).toBe(403);
      expect((await t.http.get(`${V1}/billing/invoices`).set('X-API-Key', org.keys.admin.key)).status).toBe(200);
      expect((await t.http.get(`${V1}/billing/invoices`).set('X-API-Key', org.keys.editor.key)).status).toBe(403);
    });
  });

  describe('another organization', () => {
    let mine: Session;
    let theirs: Session;

    beforeAll(async () => {
      [mine, theirs] = await Promise.all([owner(), owner()]);
      await subscribe(t, mine.auth, mine.organizationId, 'pro', 'monthly');
      await t.http.post(`${V1}/billing/sandbox/clock`).set(mine.auth).send({ advanceDays: 15 }).expect(200);
      await sandboxEventsSent(t, mine.organizationId);
    });

    it('never shows its subscription or invoices', async () => {
      expect(expectStatus(await t.http.get(`${V1}/billing/invoices`).set(mine.auth), 200).body.data).toHaveLength(1);
      expect(expectStatus(await t.http.get(`${V1}/billing/invoices`).set(theirs.auth), 200).body.data).toEqual([]);
      expect(await subscriptionOf(t, theirs.auth)).toMatchObject({ planTier: 'free', stripeCustomerId: null, stripeSubscriptionId: null });
    });

    it('cannot pay, or even find, its sandbox checkout (404)', async () => {
      const { sessionId } = await checkout(t, (await owner()).auth);
      const response = await t.http.post(`${V1}/billing/sandbox/checkout/${sessionId}/complete`).set(theirs.auth);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });

    it('is refused when named in X-Organization-Id (403 NOT_A_MEMBER)', async () => {
      const response = await t.http.get(`${V1}/billing/invoices`).set(theirs.auth).set('X-Organization-Id', mine.organizationId);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('NOT_A_MEMBER');
    });
  });

  describe('bad input: a 4xx in the envelope, nothing changed', () => {
    let me: Session;

    beforeAll(async () => {
      me = await owner();
    });

    it.each([
      [{ planTier: 'platinum', billingCycle: 'monthly' }, ['planTier']],
      [{ planTier: 'pro', billingCycle: 'weekly' }, ['billingCycle']],
      [{ planTier: 'pro', billingCycle: 'monthly', successUrl: 'not a url' }, ['successUrl']],
      [{ planTier: 'pro', billingCycle: 'monthly', cancelUrl: undefined }, ['cancelUrl']],
    ])('checkout %j → 400 naming %j', async (body, fields) => {
      expectValidationFailed(
        await t.http
          .post(`${V1}/billing/checkout`)
          .set(me.auth)
          .send({ ...RETURN_URLS, ...body }),
        fields,
      );
      expect(await subscriptionRows(me.organizationId)).toEqual([]);
    });

    it.each([
      ['enterprise', /contact sales/],
      ['free', /no checkout/],
    ])('refuses a checkout for %s (400)', async (planTier, message) => {
      const response = await t.http
        .post(`${V1}/billing/checkout`)
        .set(me.auth)
        .send({ planTier, billingCycle: 'monthly', ...RETURN_URLS });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(message),
        details: [{ field: 'planTier' }],
      });
      expect(await subscriptionRows(me.organizationId)).toEqual([]);
    });

    it('refuses to send the customer back to another site (400)', async () => {
      const response = await t.http
        .post(`${V1}/billing/checkout`)
        .set(me.auth)
        .send({ planTier: 'pro', billingCycle: 'monthly', successUrl: 'https://evil.example/thanks', cancelUrl: RETURN_URLS.cancelUrl });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ field: 'successUrl', problems: [expect.any(String)] }]);
      expect(await subscriptionRows(me.organizationId)).toEqual([]);
    });

    it('has nothing to cancel (409) and no portal (409) before a first checkout', async () => {
      for (const [path, body] of [
        ['cancel', { cancelAtPeriodEnd: true }],
        ['portal', {}],
      ] as const) {
        const response = await t.http.post(`${V1}/billing/${path}`).set(me.auth).send(body);
        expect({ path, status: response.status, code: response.body.error.code }).toEqual({ path, status: 409, code: 'CONFLICT' });
      }
      expectValidationFailed(await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: 'soon' }), [
        'cancelAtPeriodEnd',
      ]);
    });

    it.each([[-1], [0], [401], [1.5], ['3'], [null]])('refuses advanceDays %j (400), the clock unmoved', async (advanceDays) => {
      expectValidationFailed(await t.http.post(`${V1}/billing/sandbox/clock`).set(me.auth).send({ advanceDays }), ['advanceDays']);
      const clock = expectStatus(await t.http.get(`${V1}/billing/sandbox`).set(me.auth), 200).body.data.now;
      expect(Math.abs(new Date(clock).getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('refuses an unknown card outcome and a malformed session id (400), and an unknown session (404)', async () => {
      expectValidationFailed(await t.http.post(`${V1}/billing/sandbox/card`).set(me.auth).send({ outcome: 'maybe' }), ['outcome']);
      expectValidationFailed(await t.http.post(`${V1}/billing/sandbox/checkout/not-a-session/complete`).set(me.auth), ['sessionId']);
      expect((await t.http.post(`${V1}/billing/sandbox/checkout/cs_${'x'.repeat(24)}/complete`).set(me.auth)).status).toBe(404);
    });

    it('refuses to pay a sandbox checkout twice (409)', async () => {
      const other = await owner();
      const { sessionId } = await checkout(t, other.auth);
      expectStatus(await t.http.post(`${V1}/billing/sandbox/checkout/${sessionId}/complete`).set(other.auth), 200);
      const again = await t.http.post(`${V1}/billing/sandbox/checkout/${sessionId}/complete`).set(other.auth);
      expect(again.status).toBe(409);
    });
  });

  describe('platform admin', () => {
    let admin: Session;

    beforeAll(async () => {
      admin = await signUp(t.http, { email: ADMIN_EMAIL });
      await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [admin.userId]);
    });

    it('is the only one who reconciles or reads billing metrics', async () => {
      const someone = await owner();
      expect((await t.http.post(`${V1}/admin/sync-stripe`).set(someone.auth)).status).toBe(403);
      expect((await t.http.get(`${V1}/admin/metrics/billing`).set(someone.auth)).status).toBe(403);
    });

    it('repairs a subscription that drifted from the provider, audited in its organization', async () => {
      const me = await owner();
      await subscribe(t, me.auth, me.organizationId, 'starter', 'monthly');
      await db.query(`UPDATE subscriptions SET status = 'past_due', cancel_at_period_end = true WHERE organization_id = $1`, [
        me.organizationId,
      ]);
      const result = expectStatus(await t.http.post(`${V1}/admin/sync-stripe`).set(admin.auth), 200).body.data;
      expect(result.repaired).toContainEqual({
        organizationId: me.organizationId,
        subscriptionId: expect.stringMatching(/^sub_/),
        changed: ['status', 'cancelAtPeriodEnd'],
      });
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'trialing', cancelAtPeriodEnd: false, planTier: 'starter' });
      const [entry] = await db.query(
        `SELECT metadata->>'cause' AS cause FROM audit_logs WHERE organization_id = $1 AND action = 'billing.subscription_updated' ORDER BY created_at DESC LIMIT 1`,
        [me.organizationId],
      );
      expect(entry.cause).toBe('reconciliation');
      const again = expectStatus(await t.http.post(`${V1}/admin/sync-stripe`).set(admin.auth), 200).body.data;
      expect(again.repaired.map((r: { organizationId: string }) => r.organizationId)).not.toContain(me.organizationId);
    });

    it('reports MRR, statuses, trial conversion, churn and payment success from Plinth’s tables', async () => {
      const from = new Date(Date.now() - 1_000).toISOString();
      const me = await owner();
      await subscribe(t, me.auth, me.organizationId, 'pro', 'monthly');
      await t.http.post(`${V1}/billing/sandbox/clock`).set(me.auth).send({ advanceDays: 15 }).expect(200);
      await sandboxEventsSent(t, me.organizationId);
      const metrics = expectStatus(await t.http.get(`${V1}/admin/metrics/billing`).query({ from }).set(admin.auth), 200).body.data;
      expect(metrics).toMatchObject({
        from,
        mrrCents: expect.any(Number),
        subscriptionsByStatus: expect.objectContaining({ active: expect.any(Number) }),
        trialConversion: { ended: expect.any(Number), converted: expect.any(Number), rate: expect.any(Number) },
        churn: { payingAtStart: expect.any(Number), canceled: expect.any(Number) },
        payments: { succeeded: expect.any(Number), failed: expect.any(Number), successRate: expect.any(Number) },
      });
      expect(metrics.mrrCents).toBeGreaterThanOrEqual(9_900);
      expect(metrics.trialConversion.converted).toBeGreaterThanOrEqual(1);
      expect(metrics.payments.succeeded).toBeGreaterThanOrEqual(1);
      expectValidationFailed(await t.http.get(`${V1}/admin/metrics/billing`).query({ from: 'yesterday' }).set(admin.auth), ['from']);
      const backwards = await t.http.get(`${V1}/admin/metrics/billing`).query({ from, to: '2020-01-01T00:00:00Z' }).set(admin.auth);
      expect(backwards.status).toBe(400);
    });
  });
});
