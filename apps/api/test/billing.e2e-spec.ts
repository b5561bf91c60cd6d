import { expectStatus, mailJobsTo, type Headers, uniqueEmail, V1 } from '@plinth/testing';
import { DataSource } from 'typeorm';
import {
  advanceClock,
  cardOutcome,
  checkout,
  postStripeEvent,
  RETURN_URLS,
  sandboxEventsSent,
  subscribe,
  subscriptionOf,
} from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

/**
 * The subscription lifecycle on the sandbox (what `npm start` gives): the
 * events it emits travel the job queue, signed, to the webhook ledger, as
 * Stripe's would.
 */
describe('billing: the subscription lifecycle on the sandbox', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const owner = () => signUp(t.http, { email: uniqueEmail('billing-owner') });
  const limits = async (auth: Headers) => (await t.http.get(`${V1}/quotas/status`).set(auth).expect(200)).body.data;
  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params))[0].count);
  const ledgerSize = (orgId: string) => count('SELECT count(*) FROM stripe_events WHERE organization_id = $1', [orgId]);
  const auditSize = (orgId: string) =>
    count(`SELECT count(*) FROM audit_logs WHERE organization_id = $1 AND action LIKE 'billing.%'`, [orgId]);
  const mailTemplates = async (to: string) => (await mailJobsTo(db, to)).map((job) => job.template);
  const createSite = (auth: Headers, name: string) => t.http.post(`${V1}/sites`).set(auth).send({ name });

  it('shows a Free organization as active on Free, with no Stripe ids, in sandbox mode', async () => {
    const me = await owner();
    expect(await subscriptionOf(t, me.auth)).toEqual({
      planTier: 'free',
      billingCycle: null,
      status: 'active',
      live: false,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      trialEnd: null,
      graceEndsAt: null,
      amountCents: 0,
      currency: 'usd',
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      sandbox: true,
      trialAvailable: true,
      apiCalls: { mode: 'hard_limit', payAsYouGoAvailable: false, overageThisMonth: 0, centsPer1000: 20, overageAmountCents: 0 },
    });
  });

  describe('checkout', () => {
    let me: Session;
    let firstLedger: number;

    beforeAll(async () => {
      me = await owner();
    });

    it('opens a sandbox checkout at an absolute URL with Stripe-shaped ids', async () => {
      const session = await checkout(t, me.auth, 'pro', 'monthly');
      expect(session.sessionId).toMatch(/^cs_[A-Za-z0-9]{24}$/);
      expect(session.sessionUrl).toBe(`http://localhost:3000/sandbox/checkout/${session.sessionId}?organization=${me.organizationId}`);
      expect((await subscriptionOf(t, me.auth)).stripeCustomerId).toMatch(/^cus_/);
      expect((await limits(me.auth)).sites.limit).toBe(1);
    });

    it('once paid, its events move the plan and the limits in the transaction that records them', async () => {
      const subscription = await subscribe(t, me.auth, me.organizationId, 'pro', 'monthly');
      expect(subscription).toMatchObject({
        planTier: 'pro',
        billingCycle: 'monthly',
        status: 'trialing',
        amountCents: 9_900,
        trialAvailable: false,
      });
      expect(subscription.stripeSubscriptionId).toMatch(/^sub_/);
      expect(new Date(subscription.trialEnd as string).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
      expect((await limits(me.auth)).sites.limit).toBe(10);
      const ledger = await db.query(
        'SELECT type, processed_at FROM stripe_events WHERE organization_id = $1 ORDER BY created_at, received_at',
        [me.organizationId],
      );
      expect(ledger.map((row: { type: string }) => row.type).sort()).toEqual([
        'checkout.session.completed',
        'customer.subscription.created',
      ]);
      expect(ledger.every((row: { processed_at: Date | null }) => row.processed_at !== null)).toBe(true);
      expect(await mailTemplates(me.email)).toContain('subscriptionConfirmed');
      firstLedger = ledger.length;
    });

    it('applies nothing twice when the same events arrive again: ledger, audit and mail once each', async () => {
      const audit = await auditSize(me.organizationId);
      const mails = (await mailTemplates(me.email)).length;
      const stored: Array<{ payload: object }> = await db.query('SELECT payload FROM stripe_events WHERE organization_id = $1', [
        me.organizationId,
      ]);
      for (const { payload } of stored) {
        const response = expectStatus(await postStripeEvent(t, payload), 200);
        expect(response.body.data).toEqual({ received: true, duplicate: true });
      }
      expect(await ledgerSize(me.organizationId)).toBe(firstLedger);
      expect(await auditSize(me.organizationId)).toBe(audit);
      expect((await mailTemplates(me.email)).length).toBe(mails);
      expect((await subscriptionOf(t, me.auth)).status).toBe('trialing');
    });

    it('refuses a second checkout while the subscription is live: the portal changes it', async () => {
      const response = await t.http
        .post(`${V1}/billing/checkout`)
        .set(me.auth)
        .send({ planTier: 'starter', billingCycle: 'annual', ...RETURN_URLS });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      const portal = expectStatus(await t.http.post(`${V1}/billing/portal`).set(me.auth).send({}), 200);
      expect(portal.body.data.portalUrl).toMatch(/^http:\/\/localhost:3000\/sandbox\/portal\?organization=/);
    });

    it('ends the trial on the sandbox clock: charged, active, a paid invoice and a receipt', async () => {
      await advanceClock(t, me.auth, me.organizationId, 14);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'active', planTier: 'pro', trialEnd: expect.any(String) });
      const invoices = expectStatus(await t.http.get(`${V1}/billing/invoices`).set(me.auth), 200).body;
      expect(invoices.data).toEqual([
        expect.objectContaining({
          stripeInvoiceId: expect.stringMatching(/^in_/),
          amountCents: 9_900,
          amountPaidCents: 9_900,
          status: 'paid',
        }),
      ]);
      expect(await mailTemplates(me.email)).toEqual(expect.arrayContaining(['trialEnding', 'paymentReceipt']));
    });
  });

  describe('past due, grace, downgrade', () => {
    let me: Session;

    beforeAll(async () => {
      me = await owner();
      await subscribe(t, me.auth, me.organizationId, 'starter', 'monthly');
      for (const name of ['one', 'two']) expectStatus(await createSite(me.auth, name), 201);
      await cardOutcome(t, me.auth, me.organizationId, 'fails');
    });

    it('keeps full access for seven days after a failed charge, and says so', async () => {
      await advanceClock(t, me.auth, me.organizationId, 15);
      const subscription = await subscriptionOf(t, me.auth);
      expect(subscription).toMatchObject({ status: 'past_due', planTier: 'starter' });
      const clock = expectStatus(await t.http.get(`${V1}/billing/sandbox`).set(me.auth), 200).body.data.now;
      expect(new Date(subscription.graceEndsAt as string).getTime() - new Date(clock).getTime()).toBeCloseTo(7 * 86_400_000, -5);
      expectStatus(await createSite(me.auth, 'three'), 201);
      expect(await mailTemplates(me.email)).toContain('paymentFailed');
      const open = expectStatus(await t.http.get(`${V1}/billing/invoices?status=open`).set(me.auth), 200).body.data;
      expect(open).toHaveLength(1);
    });

    it('reminds the owner on days 1, 3 and 5 of grace', async () => {
      for (const days of [1, 2, 2]) await advanceClock(t, me.auth, me.organizationId, days);
      expect((await mailTemplates(me.email)).filter((name) => name === 'graceReminder')).toHaveLength(3);
    });

    it('moves the organization to Free when grace is over: the excess stays readable, creating more is 402', async () => {
      await advanceClock(t, me.auth, me.organizationId, 2);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free', graceEndsAt: null });
      const sites = expectStatus(await t.http.get(`${V1}/sites`).set(me.auth), 200).body.data;
      expect(sites).toHaveLength(3);
      const refused = await createSite(me.auth, 'four');
      expect(refused.status).toBe(402);
      expect(refused.body.error.code).toBe('QUOTA_EXCEEDED');
      expect(await mailTemplates(me.email)).toContain('subscriptionCanceled');
      const [transition] = await db.query(
        `SELECT from_status, to_status FROM subscription_transitions WHERE organization_id = $1 ORDER BY at DESC LIMIT 1`,
        [me.organizationId],
      );
      expect(transition).toEqual({ from_status: 'past_due', to_status: 'canceled' });
    });

    it('starts a later subscription without a trial', async () => {
      expect((await subscriptionOf(t, me.auth)).trialAvailable).toBe(false);
      await cardOutcome(t, me.auth, me.organizationId, 'succeeds');
      expect(await subscribe(t, me.auth, me.organizationId, 'pro', 'annual')).toMatchObject({
        status: 'active',
        planTier: 'pro',
        billingCycle: 'annual',
        trialEnd: null,
      });
    });
  });

  it('restores the plan when the payment goes through during grace', async () => {
    const me = await owner();
    await subscribe(t, me.auth, me.organizationId, 'pro', 'monthly');
    await cardOutcome(t, me.auth, me.organizationId, 'fails');
    await advanceClock(t, me.auth, me.organizationId, 15);
    expect((await subscriptionOf(t, me.auth)).status).toBe('past_due');
    await cardOutcome(t, me.auth, me.organizationId, 'succeeds');
    expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'active', planTier: 'pro', graceEndsAt: null });
    expect(expectStatus(await t.http.get(`${V1}/billing/invoices?status=open`).set(me.auth), 200).body.data).toEqual([]);
  });

  describe('cancel', () => {
    it('at period end: the plan stays until then, then Free', async () => {
      const me = await owner();
      await subscribe(t, me.auth, me.organizationId, 'pro', 'monthly');
      const response = expectStatus(
        await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: true, feedback: 'Too expensive' }),
        200,
      );
      expect(response.body.data).toMatchObject({ status: 'trialing', planTier: 'pro', cancelAtPeriodEnd: true });
      await sandboxEventsSent(t, me.organizationId);
      await advanceClock(t, me.auth, me.organizationId, 15);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free' });
      const [audit] = await db.query(`SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'billing.cancel_requested'`, [
        me.organizationId,
      ]);
      expect(audit.metadata).toEqual({ cancelAtPeriodEnd: true, feedback: 'Too expensive' });
      expect((await mailTemplates(me.email)).filter((name) => name === 'subscriptionCanceled')).toHaveLength(2);
    });

    it('now: Free at once, and nothing left to cancel', async () => {
      const me = await owner();
      await subscribe(t, me.auth, me.organizationId, 'starter', 'monthly');
      const response = expectStatus(await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: false }), 200);
      expect(response.body.data).toMatchObject({ status: 'canceled', planTier: 'free' });
      expect((await limits(me.auth)).sites.limit).toBe(1);
      const again = await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: false });
      expect(again.status).toBe(409);
      await sandboxEventsSent(t, me.organizationId);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free' });
    });
  });

  it('cancels the subscription before deleting the organization', async () => {
    const me = await owner();
    await subscribe(t, me.auth, me.organizationId, 'pro', 'monthly');
    expectStatus(await t.http.delete(`${V1}/organizations/${me.organizationId}`).set(me.auth), 204);
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing.sandbox-event'
          AND data->'events' @> '[{"type": "customer.subscription.deleted"}]' AND data::text LIKE '%' || $1 || '%'`,
      [me.organizationId],
    );
    expect(row.n).toBe(1);
  });
});
