import { FakeStripe, type StripeEvent, expectStatus, uniqueEmail, V1 } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { BillingReconciler } from '../src/modules/billing/billing-reconciler';
import { GracePeriods } from '../src/modules/billing/grace-periods';
import { RETURN_URLS, subscriptionOf } from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

const WEBHOOK_SECRET = 'whsec_plinth_e2e';
const PRICES = {
  price_starter_monthly: { unitAmount: 2_900, currency: 'usd', interval: 'month' as const },
  price_starter_annual: { unitAmount: 29_000, currency: 'usd', interval: 'year' as const },
  price_pro_monthly: { unitAmount: 9_900, currency: 'usd', interval: 'month' as const },
  price_pro_annual: { unitAmount: 99_000, currency: 'usd', interval: 'year' as const },
};

/**
 * Stripe mode: the real SDK against a fake Stripe server (STRIPE_API_URL),
 * its events delivered signed to the webhook endpoint as Stripe delivers them.
 */
describe('billing with Stripe (a fake Stripe server)', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    fake = await FakeStripe.start({ prices: PRICES });
    t = await startTestApp({
      AUTH_RATE_LIMIT_PER_IP: '100000',
      STRIPE_SECRET_KEY: 'sk_test_plinth',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      STRIPE_PRICE_STARTER_MONTHLY: 'price_starter_monthly',
      STRIPE_PRICE_STARTER_ANNUAL: 'price_starter_annual',
      STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
      STRIPE_PRICE_PRO_ANNUAL: 'price_pro_annual',
    });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await fake.close().catch(() => undefined); // the last test closed it
  });

  const owner = (): Promise<Session> => signUp(t.http, { email: uniqueEmail('stripe-owner') });

  async function deliver(events: StripeEvent[]): Promise<boolean[]> {
    const duplicates: boolean[] = [];
    for (const event of events) {
      const { payload, signature } = fake.signed(event, { secret: WEBHOOK_SECRET });
      const response = await t.http
        .post(`${V1}/webhooks/stripe`)
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signature)
        .send(payload);
      duplicates.push(expectStatus(response, 200).body.data.duplicate);
    }
    return duplicates;
  }

  async function subscribed(me: Session, planTier = 'pro') {
    const { sessionId } = expectStatus(
      await t.http
        .post(`${V1}/billing/checkout`)
        .set(me.auth)
        .send({ planTier, billingCycle: 'monthly', ...RETURN_URLS }),
      201,
    ).body.data;
    const events = fake.completeCheckout(sessionId);
    await deliver(events);
    return { sessionId, events, subscriptionId: (await subscriptionOf(t, me.auth)).stripeSubscriptionId as string };
  }

  it('has no sandbox: its routes are 404 and the subscription says so', async () => {
    const me = await owner();
    expect((await subscriptionOf(t, me.auth)).sandbox).toBe(false);
    for (const [method, path] of [
      ['get', '/billing/sandbox'],
      ['post', '/billing/sandbox/card'],
      ['post', '/billing/sandbox/clock'],
      ['post', '/billing/sandbox/checkout/cs_abc/complete'],
    ] as const) {
      const response = await t.http[method](`${V1}${path}`).set(me.auth).send({});
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('opens Checkout with the customer created first, linked to the organization, every create idempotent', async () => {
    const me = await owner();
    fake.clearRequests();
    const session = expectStatus(
      await t.http
        .post(`${V1}/billing/checkout`)
        .set(me.auth)
        .send({ planTier: 'starter', billingCycle: 'annual', ...RETURN_URLS }),
      201,
    ).body.data;
    expect(session.sessionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers', 'POST /v1/checkout/sessions']);
    const [customer, checkout] = fake.requests;
    expect(customer.params).toEqual({ email: me.email, name: expect.any(String), metadata: { organizationId: me.organizationId } });
    expect(checkout.params).toMatchObject({
      mode: 'subscription',
      customer: expect.stringMatching(/^cus_/),
      client_reference_id: me.organizationId,
      metadata: { organizationId: me.organizationId },
      line_items: [{ price: 'price_starter_annual', quantity: '1' }],
      subscription_data: { metadata: { organizationId: me.organizationId }, trial_period_days: '14' },
      billing_address_collection: 'required',
      allow_promotion_codes: 'true',
      success_url: RETURN_URLS.successUrl,
    });
    expect(checkout.params).not.toHaveProperty('automatic_tax');
    expect(fake.requests.every((r) => r.idempotencyKey?.startsWith(`checkout:${me.organizationId}:`))).toBe(true);

    fake.clearRequests();
    await t.http
      .post(`${V1}/billing/checkout`)
      .set(me.auth)
      .send({ planTier: 'pro', billingCycle: 'monthly', ...RETURN_URLS })
      .expect(201);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/checkout/sessions']);
  });

  it('applies the checkout’s events once: the plan and limits move; delivered again, nothing changes', async () => {
    const me = await owner();
    const { events } = await subscribed(me);
    expect(await subscriptionOf(t, me.auth)).toMatchObject({ planTier: 'pro', status: 'trialing', sandbox: false });
    const quotas = expectStatus(await t.http.get(`${V1}/quotas/status`).set(me.auth), 200).body.data;
    expect(quotas.sites.limit).toBe(10);
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [me.organizationId]);
    expect(await deliver(events)).toEqual(events.map(() => true));
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [me.organizationId])).toEqual(audit);
  });

  it('past due → grace with full access → past its end, canceled with Stripe and on Free', async () => {
    const me = await owner();
    const { subscriptionId } = await subscribed(me, 'starter');
    await deliver(fake.endTrial(subscriptionId, { paid: false }));
    const pastDue = await subscriptionOf(t, me.auth);
    expect(pastDue).toMatchObject({ status: 'past_due', planTier: 'starter', graceEndsAt: expect.any(String) });
    expect(new Date(pastDue.graceEndsAt as string).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    await db.query(
      `UPDATE subscriptions SET grace_started_at = now() - interval '8 days', grace_ends_at = now() - interval '1 day' WHERE organization_id = $1`,
      [me.organizationId],
    );
    fake.clearRequests();
    await t.app.get(GracePeriods).check(me.organizationId);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(`DELETE /v1/subscriptions/${subscriptionId}`);
    expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free', graceEndsAt: null });
    expect(await deliver(fake.takeEvents())).toEqual([false]);
    expect((await subscriptionOf(t, me.auth)).status).toBe('canceled');
  });

  it('restores the plan when the invoice is paid during grace', async () => {
    const me = await owner();
    const { subscriptionId } = await subscribed(me);
    await deliver(fake.endTrial(subscriptionId, { paid: false }));
    expect((await subscriptionOf(t, me.auth)).status).toBe('past_due');
    await deliver(fake.payInvoice(subscriptionId));
    expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'active', planTier: 'pro', graceEndsAt: null });
  });

  it('cancels at period end with Stripe, and opens the portal for the customer', async () => {
    const me = await owner();
    const { subscriptionId } = await subscribed(me);
    fake.clearRequests();
    const canceled = expectStatus(await t.http.post(`${V1}/billing/cancel`).set(me.auth).send({ cancelAtPeriodEnd: true }), 200).body.data;
    expect(canceled).toMatchObject({ cancelAtPeriodEnd: true, planTier: 'pro' });
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1/subscriptions/${subscriptionId}`,
      params: { cancel_at_period_end: 'true' },
      idempotencyKey: expect.stringMatching(/^cancel:/),
    });
    const portal = expectStatus(await t.http.post(`${V1}/billing/portal`).set(me.auth).send({}), 200).body.data;
    expect(portal.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/billing_portal/sessions',
      params: { return_url: expect.stringMatching(/\/billing$/) },
    });
  });

  it('cancels the subscription with Stripe before deleting the organization', async () => {
    const me = await owner();
    const { subscriptionId } = await subscribed(me);
    fake.clearRequests();
    expectStatus(await t.http.delete(`${V1}/organizations/${me.organizationId}`).set(me.auth), 204);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/subscriptions/${subscriptionId}`]);
    expect(fake.subscription(subscriptionId)?.status).toBe('canceled');
  });

  it('repairs what a lost webhook left behind', async () => {
    const me = await owner();
    const { subscriptionId } = await subscribed(me);
    fake.endTrial(subscriptionId, { paid: true });
    fake.takeEvents();
    const result = await t.app.get(BillingReconciler).reconcile();
    expect(result.repaired).toContainEqual({ organizationId: me.organizationId, subscriptionId, changed: ['status'] });
    expect((await subscriptionOf(t, me.auth)).status).toBe('active');
  });

  it('answers 503 and changes nothing when Stripe does not answer', async () => {
    const me = await owner();
    await fake.close();
    const response = await t.http
      .post(`${V1}/billing/checkout`)
      .set(me.auth)
      .send({ planTier: 'pro', billingCycle: 'monthly', ...RETURN_URLS });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await db.query('SELECT * FROM subscriptions WHERE organization_id = $1', [me.organizationId])).toEqual([]);
  });
});
