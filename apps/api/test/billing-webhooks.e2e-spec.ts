import { expectStatus, stripeSignature, uniqueEmail, V1, waitUntil } from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StripeEventLedger } from '../src/modules/billing/webhooks/stripe-event-ledger';
import { postStripeEvent, stripeEvent, subscriptionOf } from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

/** A subscription as Stripe sends it (API 2026: the period on the item), for the sandbox's Pro monthly price. */
function subscription(organizationId: string, id: string, status: string) {
  const start = now() - DAY;
  return {
    id,
    object: 'subscription',
    customer: `cus_${organizationId.slice(0, 8)}`,
    status,
    cancel_at_period_end: false,
    trial_end: null,
    metadata: { organizationId },
    items: {
      object: 'list',
      data: [
        {
          id: 'si_test',
          price: { id: 'price_sandbox_pro_monthly', unit_amount: 9_900, currency: 'usd', recurring: { interval: 'month' } },
          current_period_start: start,
          current_period_end: start + 30 * DAY,
        },
      ],
    },
  };
}

function invoice(organizationId: string, status: string) {
  return {
    id: `in_${randomUUID().replace(/-/g, '')}`,
    object: 'invoice',
    created: now(),
    customer: `cus_${organizationId.slice(0, 8)}`,
    status,
    amount_due: 9_900,
    amount_paid: status === 'paid' ? 9_900 : 0,
    currency: 'usd',
    period_start: now(),
    period_end: now() + 30 * DAY,
    status_transitions: { paid_at: status === 'paid' ? now() : null },
    parent: { type: 'subscription_details', subscription_details: { subscription: null, metadata: { organizationId } } },
  };
}

/** POST /webhooks/stripe: the ledger (each event once, with its effects), signatures, and events out of order. */
describe('billing: the Stripe webhook ledger', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const owner = (): Promise<Session> => signUp(t.http, { email: uniqueEmail('webhook-owner') });
  const stored = async (eventId: string) =>
    (await db.query('SELECT organization_id, type, processed_at, attempts, last_error FROM stripe_events WHERE id = $1', [eventId]))[0];

  describe('refuses what Stripe did not sign, and stores nothing', () => {
    it.each([
      ['a forged signature', { secret: 'whsec_not-the-deployment-secret' }],
      ['no signature', { signature: null }],
      ['a signature six minutes old', { signedAt: now() - 6 * 60 }],
      ['a garbled signature header', { signature: 't=1,v1=zz' }],
    ])('%s → 400', async (_, options) => {
      const me = await owner();
      const event = stripeEvent('customer.subscription.updated', subscription(me.organizationId, 'sub_forged', 'active'));
      const response = await postStripeEvent(t, event, options);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'Stripe-Signature', problems: [expect.any(String)] }],
      });
      expect(await stored(event.id)).toBeUndefined();
      expect((await subscriptionOf(t, me.auth)).planTier).toBe('free');
    });

    it('a body changed after signing → 400', async () => {
      const me = await owner();
      const event = stripeEvent('customer.subscription.updated', subscription(me.organizationId, 'sub_tampered', 'active'));
      const signature = stripeSignature(JSON.stringify(event), t.config.stripeWebhookSecret);
      const tampered = JSON.stringify({ ...event, type: 'customer.subscription.deleted' });
      const response = await t.http
        .post(`${V1}/webhooks/stripe`)
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signature)
        .send(tampered);
      expect(response.status).toBe(400);
      expect(await stored(event.id)).toBeUndefined();
    });
  });

  describe('applies events in the order of their own timestamps', () => {
    it('an older subscription.updated(active) after a stored past_due changes nothing', async () => {
      const me = await owner();
      const newer = stripeEvent('customer.subscription.updated', subscription(me.organizationId, 'sub_order1', 'past_due'), now());
      const older = stripeEvent('customer.subscription.updated', subscription(me.organizationId, 'sub_order1', 'active'), now() - 60);
      expectStatus(await postStripeEvent(t, newer), 200);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'past_due', planTier: 'pro', graceEndsAt: expect.any(String) });
      expect(expectStatus(await postStripeEvent(t, older), 200).body.data).toEqual({ received: true, duplicate: false });
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'past_due', planTier: 'pro' });
      expect((await stored(older.id)).processed_at).not.toBeNull();
    });

    it('deleted before created ends canceled, on Free', async () => {
      const me = await owner();
      const deleted = stripeEvent('customer.subscription.deleted', subscription(me.organizationId, 'sub_order2', 'canceled'), now());
      const created = stripeEvent('customer.subscription.created', subscription(me.organizationId, 'sub_order2', 'active'), now() - 30);
      expectStatus(await postStripeEvent(t, deleted), 200);
      expectStatus(await postStripeEvent(t, created), 200);
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free', stripeSubscriptionId: 'sub_order2' });
    });

    it('a canceled subscription never comes back, whatever the timestamps say', async () => {
      const me = await owner();
      expectStatus(
        await postStripeEvent(
          t,
          stripeEvent('customer.subscription.deleted', subscription(me.organizationId, 'sub_gone', 'canceled'), now() - 10),
        ),
        200,
      );
      expectStatus(
        await postStripeEvent(
          t,
          stripeEvent('customer.subscription.updated', subscription(me.organizationId, 'sub_gone', 'active'), now()),
        ),
        200,
      );
      expect(await subscriptionOf(t, me.auth)).toMatchObject({ status: 'canceled', planTier: 'free' });
    });
  });

  it('applies each event once: a second delivery is a 200 that does nothing', async () => {
    const me = await owner();
    const event = stripeEvent('customer.subscription.created', subscription(me.organizationId, 'sub_once', 'active'));
    expect(expectStatus(await postStripeEvent(t, event), 200).body.data).toEqual({ received: true, duplicate: false });
    const audit = async () =>
      Number(
        (await db.query(`SELECT count(*) FROM audit_logs WHERE organization_id = $1 AND action LIKE 'billing.%'`, [me.organizationId]))[0]
          .count,
      );
    expect(await audit()).toBe(1);
    const [entry] = await db.query(
      `SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'billing.subscription_updated'`,
      [me.organizationId],
    );
    expect(entry.metadata).toMatchObject({
      eventId: event.id,
      cause: 'customer.subscription.created',
      status: { from: null, to: 'active' },
    });
    const again = await Promise.all([postStripeEvent(t, event), postStripeEvent(t, event), postStripeEvent(t, event)]);
    expect(again.map((r) => r.body.data)).toEqual(Array(3).fill({ received: true, duplicate: true }));
    expect(await audit()).toBe(1);
    expect(
      Number((await db.query('SELECT count(*) FROM subscription_transitions WHERE organization_id = $1', [me.organizationId]))[0].count),
    ).toBe(1);
  });

  it('stores and acknowledges an event type it does not act on', async () => {
    const me = await owner();
    const event = stripeEvent('customer.tax_id.created', {
      id: 'txi_1',
      object: 'tax_id',
      metadata: { organizationId: me.organizationId },
    });
    expectStatus(await postStripeEvent(t, event), 200);
    expect(await stored(event.id)).toMatchObject({
      organization_id: me.organizationId,
      type: 'customer.tax_id.created',
      processed_at: expect.any(Date),
    });
  });

  it('stores an event that names no organization Plinth has, and changes nothing', async () => {
    const event = stripeEvent('customer.subscription.updated', subscription(randomUUID(), 'sub_nobody', 'active'));
    expectStatus(await postStripeEvent(t, event), 200);
    expect(await stored(event.id)).toMatchObject({ organization_id: null, processed_at: expect.any(Date) });
    expect(expectStatus(await postStripeEvent(t, event), 200).body.data.duplicate).toBe(true);
  });

  it('matches a payment method by its customer (it carries no metadata of ours), never by email', async () => {
    const me = await owner();
    expectStatus(
      await postStripeEvent(t, stripeEvent('customer.subscription.created', subscription(me.organizationId, 'sub_pm', 'active'))),
      200,
    );
    const attached = stripeEvent('payment_method.attached', {
      id: 'pm_1',
      object: 'payment_method',
      type: 'card',
      customer: `cus_${me.organizationId.slice(0, 8)}`,
      card: { brand: 'visa', last4: '4242' },
      billing_details: { email: me.email },
    });
    expectStatus(await postStripeEvent(t, attached), 200);
    const [entry] = await db.query(
      `SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'billing.payment_method_attached'`,
      [me.organizationId],
    );
    expect(entry.metadata).toEqual({ type: 'card', brand: 'visa', last4: '4242' });
  });

  it('keeps an event whose effects fail for the job queue to retry, and still answers 200 at once', async () => {
    const me = await owner();
    const event = stripeEvent('invoice.paid', invoice(me.organizationId, 'refunded-by-magic'));
    const started = Date.now();
    expect(expectStatus(await postStripeEvent(t, event), 200).body.data).toEqual({ received: true, duplicate: false });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stored(event.id)).toMatchObject({
      processed_at: null,
      attempts: 1,
      last_error: expect.stringContaining('invoices_status_check'),
    });
    const [job] = await db.query(`SELECT state FROM pgboss.job WHERE name = 'billing.stripe-event' AND data->>'eventId' = $1`, [event.id]);
    expect(job).toBeDefined();
    expect(expectStatus(await postStripeEvent(t, event), 200).body.data.duplicate).toBe(true);
    await waitUntil('the retry has run and failed again', async () => (await stored(event.id)).attempts >= 2);
    expect((await stored(event.id)).processed_at).toBeNull();
  });

  it('applies a kept event once its retry succeeds', async () => {
    const me = await owner();
    const event = stripeEvent('invoice.paid', invoice(me.organizationId, 'paid'));
    await db.query(
      `INSERT INTO stripe_events (id, organization_id, type, created_at, payload, attempts) VALUES ($1, $2, $3, now(), $4, 1)`,
      [event.id, me.organizationId, event.type, event],
    );
    await t.app.get(StripeEventLedger).retry(event.id, me.organizationId);
    expect(await stored(event.id)).toMatchObject({ processed_at: expect.any(Date), attempts: 2, last_error: null });
    const invoices = expectStatus(await t.http.get(`${V1}/billing/invoices`).set(me.auth), 200).body.data;
    expect(invoices).toEqual([expect.objectContaining({ stripeInvoiceId: event.data.object.id, status: 'paid', amountPaidCents: 9_900 })]);
    await t.app.get(StripeEventLedger).retry(event.id, me.organizationId);
    expect((await stored(event.id)).attempts).toBe(2);
  });
});
