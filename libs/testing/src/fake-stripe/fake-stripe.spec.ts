import Stripe from 'stripe';
import { usageCents } from './metering';
import { nextPeriodEnd } from './objects';
import { parseForm } from './params';
import { FakeStripe } from './server';

/** The fake's own behaviour, where it has to match Stripe's, through the real SDK. */

let fake: FakeStripe;
let stripe: Stripe;
beforeAll(async () => {
  fake = await FakeStripe.start({
    prices: {
      price_basic: { unitAmount: 1_000, currency: 'eur', interval: 'month' },
      price_calls: { usageType: 'metered', unitAmountDecimal: '0.02', meterEventName: 'calls', currency: 'eur', interval: 'month' },
    },
  });
  stripe = new Stripe('sk_test_fake', {
    host: '127.0.0.1',
    port: Number(new URL(fake.url).port),
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
});
afterAll(() => fake.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const types = (events: Array<{ type: string }>) => events.map((event) => event.type);

describe('idempotency', () => {
  it('replays a POST for the same key and parameters, and says so', async () => {
    const first = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same' });
    const again = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same' });

    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the key with other parameters, or on another endpoint', async () => {
    await stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'taken' });

    const otherParams = await failure(stripe.customers.create({ email: 'c@example.com' }, { idempotencyKey: 'taken' }));
    const otherEndpoint = await failure(stripe.billingPortal.sessions.create({ customer: 'cus_x' }, { idempotencyKey: 'taken' }));

    expect(otherParams).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(otherEndpoint).toMatchObject({
      type: 'StripeIdempotencyError',
      statusCode: 400,
      message: expect.stringContaining('same endpoint'),
    });
  });

  it('saves nothing for a request that failed validation: fixed, the same key runs it', async () => {
    const invalid = { email: 'd@example.com', colour: 'teal' } as Stripe.CustomerCreateParams;
    expect(await failure(stripe.customers.create(invalid, { idempotencyKey: 'fixed' }))).toMatchObject({ code: 'parameter_unknown' });

    await expect(stripe.customers.create({ email: 'd@example.com' }, { idempotencyKey: 'fixed' })).resolves.toMatchObject({
      email: 'd@example.com',
    });
  });
});

describe('subscriptions over the API', () => {
  it('lists without canceled ones by default, with them for status=all', async () => {
    const { subscription: kept } = fake.createSubscription({ priceId: 'price_basic' });
    const { subscription: gone } = fake.createSubscription({ priceId: 'price_basic' });
    await stripe.subscriptions.cancel(gone.id);

    const ids = async (params: Stripe.SubscriptionListParams) =>
      (await stripe.subscriptions.list({ ...params, limit: 100 })).data.map((found) => found.id);

    expect(await ids({})).toContain(kept.id);
    expect(await ids({})).not.toContain(gone.id);
    expect(await ids({ status: 'all' })).toEqual(expect.arrayContaining([kept.id, gone.id]));
  });

  it('refuses to cancel a canceled subscription (404, as Stripe) or to set cancel_at_period_end on it (400)', async () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });
    await stripe.subscriptions.cancel(subscription.id);

    expect(await failure(stripe.subscriptions.cancel(subscription.id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }))).toMatchObject({ statusCode: 400 });
  });

  it('records the event a cancel at period end causes, for the test to deliver', async () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });
    fake.takeEvents();

    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, { idempotencyKey: 'cape' });

    const [event] = fake.takeEvents();
    expect(event).toMatchObject({ type: 'customer.subscription.updated', request: { idempotency_key: 'cape' } });
    expect(event.data.object).toMatchObject({ cancel_at_period_end: true, cancel_at: subscription.items.data[0].current_period_end });
    expect(fake.takeEvents()).toEqual([]);
  });
});

describe('lifecycle controls', () => {
  it('a trial: trialing with a 0 invoice, then the first period is charged when it ends', () => {
    const { subscription, events } = fake.createSubscription({ priceId: 'price_basic', trialDays: 7 });
    expect(subscription).toMatchObject({ status: 'trialing', trial_end: subscription.start_date + 7 * 86_400 });
    expect(fake.invoice(String(subscription.latest_invoice))).toMatchObject({ amount_due: 0, status: 'paid' });
    expect(types(events)).toEqual(['customer.subscription.created', 'invoice.finalized', 'invoice.paid']);

    expect(types(fake.endTrial(subscription.id))).toEqual(['invoice.finalized', 'invoice.paid', 'customer.subscription.updated']);
    expect(fake.subscription(subscription.id)).toMatchObject({ status: 'active' });
  });

  it('a declined renewal makes it past_due with an open invoice; paying that invoice makes it active', () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });

    expect(types(fake.failPayment(subscription.id))).toEqual([
      'invoice.finalized',
      'invoice.payment_failed',
      'customer.subscription.updated',
    ]);
    const pastDue = fake.subscription(subscription.id);
    expect(pastDue?.status).toBe('past_due');
    expect(fake.invoice(String(pastDue?.latest_invoice))).toMatchObject({
      status: 'open',
      amount_due: 1_000,
      billing_reason: 'subscription_cycle',
    });
    expect(types(fake.failPayment(subscription.id))).toEqual(['invoice.payment_failed']);

    expect(types(fake.payInvoice(subscription.id))).toEqual(['invoice.paid', 'customer.subscription.updated']);
    expect(fake.subscription(subscription.id)?.status).toBe('active');
  });

  it('when retries are exhausted, cancels (or marks unpaid)', () => {
    const canceled = fake.createSubscription({ priceId: 'price_basic' }).subscription;
    const unpaid = fake.createSubscription({ priceId: 'price_basic' }).subscription;
    fake.failPayment(canceled.id);
    fake.failPayment(unpaid.id);

    expect(types(fake.exhaustRetries(canceled.id))).toEqual(['customer.subscription.deleted']);
    expect(types(fake.exhaustRetries(unpaid.id, 'unpaid'))).toEqual(['customer.subscription.updated']);
    expect(fake.subscription(canceled.id)?.cancellation_details.reason).toBe('payment_failed');
    expect(fake.subscription(unpaid.id)?.status).toBe('unpaid');
  });

  it('canceled at period end, the subscription ends when the period does', async () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });

    expect(types(fake.renew(subscription.id))).toEqual(['customer.subscription.deleted']);
    expect(fake.subscription(subscription.id)).toMatchObject({
      status: 'canceled',
      ended_at: subscription.items.data[0].current_period_end,
    });
  });
});

describe('pay as you go: metered prices, subscription items, meter events', () => {
  const usage = (customer: string, value = '1') => ({ event_name: 'calls', payload: { stripe_customer_id: customer, value } });
  const meterEvent = (customer: string, identifier: string, value: string) =>
    stripe.billing.meterEvents.create({ ...usage(customer, value), identifier });

  it('a metered price has no unit_amount, its cents a unit as a decimal, and its meter', async () => {
    const metered = await stripe.prices.retrieve('price_calls');
    const licensed = await stripe.prices.retrieve('price_basic');

    expect(metered).toMatchObject({ unit_amount: null, recurring: { usage_type: 'metered', meter: expect.stringMatching(/^mtr_/) } });
    expect(String(metered.unit_amount_decimal)).toBe('0.02');
    expect(licensed).toMatchObject({ unit_amount: 1_000, recurring: { usage_type: 'licensed', meter: null } });
    expect(String(licensed.unit_amount_decimal)).toBe('1000');
  });

  it('keeps an identifier once: a resend under a new key is refused (400, no code), under the first key replayed', async () => {
    const { id: customer } = fake.createCustomer({ email: null, name: null, metadata: {} });
    const params = { ...usage(customer, '7'), identifier: 'once' };
    const first = await stripe.billing.meterEvents.create(params, { idempotencyKey: 'usage-once' });

    const replayed = await stripe.billing.meterEvents.create(params, { idempotencyKey: 'usage-once' });
    const resent = await failure(stripe.billing.meterEvents.create(params, { idempotencyKey: 'usage-again' }));

    expect(first).toMatchObject({ object: 'billing.meter_event', identifier: 'once', payload: { value: '7' } });
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(resent).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(resent).toMatchObject({ statusCode: 400, code: undefined, message: 'An event already exists with identifier once.' });
    expect(fake.meterEvents().filter((event) => event.identifier === 'once')).toHaveLength(1);
  });

  it.each<[string, string, (customer: string) => Stripe.Billing.MeterEventCreateParams]>([
    ['an unknown meter', 'no_meter', (customer) => ({ ...usage(customer), event_name: 'nope' })],
    ['an unknown customer', 'meter_event_customer_not_found', () => usage('cus_nope')],
    ['a value that is not a whole number', 'meter_event_invalid_value', (customer) => usage(customer, '1.5')],
    ['a timestamp 36 days old', 'timestamp_too_far_in_past', (customer) => ({ ...usage(customer), timestamp: fake.now() - 36 * 86_400 })],
    ['a timestamp 6 minutes ahead', 'timestamp_in_future', (customer) => ({ ...usage(customer), timestamp: fake.now() + 6 * 60 })],
  ])('refuses %s (400 %s) and keeps nothing', async (_case, code, params) => {
    const { id: customer } = fake.createCustomer({ email: null, name: null, metadata: {} });
    const kept = fake.meterEvents().length;

    expect(await failure(stripe.billing.meterEvents.create(params(customer)))).toMatchObject({ statusCode: 400, code });
    expect(fake.meterEvents()).toHaveLength(kept);
  });

  it('adds an item for the current period (customer.subscription.updated), and refuses the same price twice', async () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });
    fake.takeEvents();

    const item = await stripe.subscriptionItems.create({ subscription: subscription.id, price: 'price_calls' }, { idempotencyKey: 'add' });
    const again = await failure(stripe.subscriptionItems.create({ subscription: subscription.id, price: 'price_calls' }));

    expect(item).toMatchObject({ subscription: subscription.id, current_period_end: subscription.items.data[0].current_period_end });
    expect(item.quantity).toBeUndefined();
    expect(fake.takeEvents()).toEqual([
      expect.objectContaining({ type: 'customer.subscription.updated', request: expect.objectContaining({ idempotency_key: 'add' }) }),
    ]);
    expect(again).toMatchObject({ statusCode: 400, message: expect.stringContaining('multiple subscription items with the same') });
    const listed = await stripe.subscriptionItems.list({ subscription: subscription.id });
    expect(listed.data.map((found) => found.price.id)).toEqual(['price_basic', 'price_calls']);
  });

  it('a renewal bills the customer’s usage timestamped before the period’s end, once, in whole cents', async () => {
    const { subscription } = fake.createSubscription({ priceId: 'price_basic' });
    const other = fake.createCustomer({ email: null, name: null, metadata: {} });
    await stripe.subscriptionItems.create({ subscription: subscription.id, price: 'price_calls' });
    await meterEvent(subscription.customer, `${subscription.id}:a`, '1000');
    await meterEvent(subscription.customer, `${subscription.id}:b`, '235');
    await meterEvent(other.id, `${subscription.id}:other`, '5000');

    fake.renew(subscription.id);
    const renewal = fake.invoice(String(fake.subscription(subscription.id)?.latest_invoice));
    await meterEvent(subscription.customer, `${subscription.id}:c`, '50');
    fake.renew(subscription.id);
    const next = fake.invoice(String(fake.subscription(subscription.id)?.latest_invoice));

    // 1,235 × 0.02 = 24.7 cents → 25; the other customer's usage is not this subscription's.
    expect(renewal?.lines.data.map((line) => [line.quantity, line.amount])).toEqual([
      [1, 1_000],
      [1_235, 25],
    ]);
    expect(renewal?.amount_due).toBe(1_025);
    expect(next?.lines.data[1]).toMatchObject({ quantity: 50, amount: 1 });
    const periods = fake.subscription(subscription.id)?.items.data.map((item) => item.current_period_start);
    expect(new Set(periods).size).toBe(1);
  });

  it.each([
    [1_235, '0.02', 25],
    [1, '0.015', 0],
    [100, '0.015', 2],
    [1_000, '0.0035', 4],
    [3, '2900', 8_700],
  ])('%i units at %s cents cost %i cents (exact decimals, half up)', (quantity, decimal, cents) => {
    expect(usageCents(quantity, decimal)).toBe(cents);
  });
});

it('bills calendar months from the anchor, clamped to the month’s end (Jan 31 → Feb 28 → Mar 31)', () => {
  const jan31 = Date.UTC(2027, 0, 31, 12) / 1000;
  const feb28 = nextPeriodEnd(jan31, 'month', jan31);

  expect(new Date(feb28 * 1000).toISOString()).toBe('2027-02-28T12:00:00.000Z');
  expect(new Date(nextPeriodEnd(jan31, 'month', feb28) * 1000).toISOString()).toBe('2027-03-31T12:00:00.000Z');
  expect(new Date(nextPeriodEnd(jan31, 'year', jan31) * 1000).toISOString()).toBe('2028-01-31T12:00:00.000Z');
});

it('parses Stripe’s bracket notation', () => {
  expect(parseForm('a[b]=1&c[0][d]=2&c[1][d]=x%20y&e=&f[g][h]=3')).toEqual({
    a: { b: '1' },
    c: [{ d: '2' }, { d: 'x y' }],
    e: '',
    f: { g: { h: '3' } },
  });
});
