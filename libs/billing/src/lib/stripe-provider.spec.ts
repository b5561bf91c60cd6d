import { FakeStripe, type StripeEvent } from '@plinth/testing';
import Stripe from 'stripe';
import { STRIPE_API_VERSION, signStripePayload, StripeProvider, verifyStripeEvent } from './stripe-provider';
import { type CheckoutInput, InvalidSignatureError, type ProviderSubscription, type UsageReport } from './types';

/** The Stripe adapter against a fake Stripe on 127.0.0.1, through the real SDK. */

const METER_EVENT_NAME = 'plinth_api_calls';
const PRICES = {
  price_pro_monthly: { unitAmount: 2_900, currency: 'usd', interval: 'month' as const },
  price_pro_annual: { unitAmount: 29_000, currency: 'usd', interval: 'year' as const },
  // Pay as you go: 0.02 cents a call, $0.20 per 1,000.
  price_api_calls: {
    usageType: 'metered' as const,
    unitAmountDecimal: '0.02',
    meterEventName: METER_EVENT_NAME,
    currency: 'usd',
    interval: 'month' as const,
  },
};
const SECRET_KEY = 'sk_test_plinth';
const WEBHOOK_SECRET = 'whsec_plinth';
const settings = (apiUrl: string) => ({ secretKey: SECRET_KEY, apiUrl, automaticTax: false, meterEventName: METER_EVENT_NAME });

let fake: FakeStripe;
let provider: StripeProvider;

beforeAll(async () => {
  fake = await FakeStripe.start({ prices: PRICES, apiVersion: STRIPE_API_VERSION });
  provider = new StripeProvider(settings(fake.url));
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearRequests();
  fake.takeEvents();
});

let organizations = 0;
function checkoutInput(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  const n = ++organizations;
  return {
    organizationId: `org-${n}`,
    customerId: null,
    email: `owner-${n}@example.com`,
    organizationName: `Organization ${n}`,
    planTier: 'pro',
    billingCycle: 'monthly',
    priceId: 'price_pro_monthly',
    trialDays: null,
    successUrl: 'https://app.example.com/billing?checkout=success',
    cancelUrl: 'https://app.example.com/billing',
    idempotencyKey: `checkout-${n}`,
    ...overrides,
  };
}

/** An organization that went through Checkout and paid; the fake's requests are cleared. */
async function subscribed(overrides: Partial<CheckoutInput> = {}) {
  const input = checkoutInput(overrides);
  const session = await provider.createCheckout(input);
  const events = fake.completeCheckout(session.sessionId);
  const subscriptionId = String(fake.checkoutSession(session.sessionId)?.subscription);
  fake.clearRequests();
  return { input, session, events, subscriptionId };
}

const calls = () => fake.requests.map(({ method, path }) => `${method} ${path}`);

describe('StripeProvider.createCheckout', () => {
  it('creates the customer first when the organization has none, then a subscription session for it', async () => {
    const input = checkoutInput();
    const session = await provider.createCheckout(input);

    const [customer, checkout] = fake.requests;
    const metadata = { organizationId: input.organizationId };
    expect(customer).toEqual({
      method: 'POST',
      path: '/v1/customers',
      params: { email: input.email, name: input.organizationName, metadata },
      idempotencyKey: `${input.idempotencyKey}:customer`,
      stripeVersion: STRIPE_API_VERSION,
    });
    expect(session.customerId).toMatch(/^cus_/);
    expect(fake.customer(session.customerId)?.metadata).toEqual(metadata);
    expect(checkout).toEqual({
      method: 'POST',
      path: '/v1/checkout/sessions',
      params: {
        mode: 'subscription',
        customer: session.customerId,
        client_reference_id: input.organizationId,
        metadata,
        line_items: [{ price: 'price_pro_monthly', quantity: '1' }],
        subscription_data: { metadata },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        billing_address_collection: 'required',
        allow_promotion_codes: 'true',
      },
      idempotencyKey: `${input.idempotencyKey}:session`,
      stripeVersion: STRIPE_API_VERSION,
    });
    expect(session.sessionId).toMatch(/^cs_/);
    expect(session.url).toBe(fake.checkoutSession(session.sessionId)?.url);
    expect(session.url).toMatch(/^http/);
  });

  it('reuses the organization’s customer: no customer is created', async () => {
    const first = await provider.createCheckout(checkoutInput());
    fake.clearRequests();

    const session = await provider.createCheckout(checkoutInput({ customerId: first.customerId }));

    expect(calls()).toEqual(['POST /v1/checkout/sessions']);
    expect(fake.requests[0].params.customer).toBe(first.customerId);
    expect(session.customerId).toBe(first.customerId);
  });

  it('asks for a trial only when trialDays is given', async () => {
    const input = checkoutInput({ trialDays: 14 });
    await provider.createCheckout(input);

    expect(fake.requests[1].params.subscription_data).toEqual({
      metadata: { organizationId: input.organizationId },
      trial_period_days: '14',
    });
  });

  it('asks for automatic tax (and lets Checkout save the address and name it needs) only when the setting is on', async () => {
    const taxed = new StripeProvider({ ...settings(fake.url), automaticTax: true });
    await taxed.createCheckout(checkoutInput());

    expect(fake.requests[1].params).toMatchObject({
      automatic_tax: { enabled: 'true' },
      customer_update: { address: 'auto', name: 'auto' },
    });
  });

  it('creates nothing twice when retried with the same idempotency key', async () => {
    const input = checkoutInput();
    const first = await provider.createCheckout(input);
    const retried = await provider.createCheckout(input);

    expect(retried).toEqual(first);
    expect(fake.requests.map((request) => request.idempotencyKey)).toEqual([
      `${input.idempotencyKey}:customer`,
      `${input.idempotencyKey}:session`,
      `${input.idempotencyKey}:customer`,
      `${input.idempotencyKey}:session`,
    ]);
  });

  it('is refused with Stripe’s idempotency_error when the same key comes with other parameters', async () => {
    const input = checkoutInput();
    await provider.createCheckout(input);

    const error = await provider.createCheckout({ ...input, priceId: 'price_pro_annual' }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('passes on Stripe’s resource_missing for a price Stripe does not know', async () => {
    const error = await provider.createCheckout(checkoutInput({ priceId: 'price_gone' })).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'line_items[0][price]' });
  });
});

describe('StripeProvider.createPortal', () => {
  it('opens the billing portal for the customer, with a fresh idempotency key', async () => {
    const { session } = await subscribed();

    const portal = await provider.createPortal({ customerId: session.customerId, returnUrl: 'https://app.example.com/billing' });

    expect(portal.url).toMatch(/^http/);
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/billing_portal/sessions',
        params: { customer: session.customerId, return_url: 'https://app.example.com/billing' },
        idempotencyKey: expect.stringMatching(/^portal:/),
      }),
    ]);
  });
});

describe('StripeProvider.cancel', () => {
  it('at period end: sets cancel_at_period_end, and the subscription stays active until then', async () => {
    const { subscriptionId } = await subscribed();

    await provider.cancel(subscriptionId, true, 'cancel-1');

    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v1/subscriptions/${subscriptionId}`,
        params: { cancel_at_period_end: 'true' },
        idempotencyKey: 'cancel-1',
      }),
    ]);
    expect(await provider.subscription(subscriptionId)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const [updated] = fake.takeEvents();
    expect(updated).toMatchObject({
      type: 'customer.subscription.updated',
      data: { previous_attributes: { cancel_at_period_end: false } },
    });
  });

  it('now: deletes the subscription, and Stripe sends customer.subscription.deleted', async () => {
    const { subscriptionId } = await subscribed();

    await provider.cancel(subscriptionId, false, 'cancel-2');

    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'DELETE', path: `/v1/subscriptions/${subscriptionId}`, params: {}, idempotencyKey: 'cancel-2' }),
    ]);
    expect(await provider.subscription(subscriptionId)).toMatchObject({ status: 'canceled' });
    expect(fake.takeEvents().map((event) => event.type)).toEqual(['customer.subscription.deleted']);
  });

  it('now, retried after it succeeded: Stripe answers 404 (keys do nothing on DELETE), which is success', async () => {
    const { subscriptionId } = await subscribed();
    await provider.cancel(subscriptionId, false, 'cancel-3');

    await expect(provider.cancel(subscriptionId, false, 'cancel-3')).resolves.toBeUndefined();
    expect(calls()).toEqual([
      `DELETE /v1/subscriptions/${subscriptionId}`,
      `DELETE /v1/subscriptions/${subscriptionId}`,
      `GET /v1/subscriptions/${subscriptionId}`,
    ]);
  });

  it('now, of a subscription Stripe does not have: the 404 reaches the caller', async () => {
    await expect(provider.cancel('sub_missing', false, 'cancel-4')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('at period end, of a subscription already canceled: Stripe’s 400 reaches the caller', async () => {
    const { subscriptionId } = await subscribed();
    await provider.cancel(subscriptionId, false, 'cancel-5');

    await expect(provider.cancel(subscriptionId, true, 'cancel-6')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe('StripeProvider.subscription', () => {
  it('is null for a subscription Stripe does not have', async () => {
    expect(await provider.subscription('sub_missing')).toBeNull();
    expect(calls()).toEqual(['GET /v1/subscriptions/sub_missing']);
  });

  it('reads an active subscription: periods from its item, the organization from its metadata', async () => {
    const { input, session, subscriptionId } = await subscribed();
    const item = fake.subscription(subscriptionId)?.items.data[0];

    expect(await provider.subscription(subscriptionId)).toEqual({
      id: subscriptionId,
      customerId: session.customerId,
      organizationId: input.organizationId,
      status: 'active',
      priceId: 'price_pro_monthly',
      currentPeriodStart: new Date(Number(item?.current_period_start) * 1000),
      currentPeriodEnd: new Date(Number(item?.current_period_end) * 1000),
      cancelAtPeriodEnd: false,
      trialEnd: null,
      amountCents: 2_900,
      currency: 'usd',
    });
  });

  it('reads a trial: trialing until trial_end, which ends the current period', async () => {
    const { subscriptionId } = await subscribed({ trialDays: 14, priceId: 'price_pro_annual' });

    const subscription = await provider.subscription(subscriptionId);

    expect(subscription).toMatchObject({ status: 'trialing', priceId: 'price_pro_annual', amountCents: 29_000 });
    const days = (Number(subscription?.trialEnd) - Number(subscription?.currentPeriodStart)) / 86_400_000;
    expect(days).toBe(14);
    expect(subscription?.currentPeriodEnd).toEqual(subscription?.trialEnd);
  });
});

describe('StripeProvider.liveSubscriptions', () => {
  let pages: FakeStripe;
  beforeAll(async () => {
    pages = await FakeStripe.start({ prices: PRICES, apiVersion: STRIPE_API_VERSION });
  });
  afterAll(() => pages.close());

  it('pages through the live subscriptions, newest first, canceled ones left out', async () => {
    const created = Array.from(
      { length: 130 },
      (_, n) => pages.createSubscription({ priceId: 'price_pro_monthly', metadata: { organizationId: `org-page-${n}` } }).subscription,
    );
    const reader = new StripeProvider(settings(pages.url));
    await reader.cancel(created[5].id, false, 'cancel-page');
    pages.clearRequests();

    const seen: ProviderSubscription[] = [];
    for await (const subscription of reader.liveSubscriptions()) seen.push(subscription);

    const live = created.filter((_, n) => n !== 5).map((subscription) => subscription.id);
    expect(seen.map((subscription) => subscription.id)).toEqual(live.reverse());
    expect(seen.every((subscription) => subscription.status !== 'canceled')).toBe(true);
    expect(pages.requests.map((request) => request.params)).toEqual([{ limit: '100' }, { limit: '100', starting_after: seen[99].id }]);
  });
});

describe('the fake refuses what Stripe refuses', () => {
  const sdk = () =>
    new Stripe(SECRET_KEY, {
      apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
      host: '127.0.0.1',
      port: Number(new URL(fake.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });

  it('an unknown parameter is a StripeInvalidRequestError (parameter_unknown), top-level or nested', async () => {
    const stripe = sdk();

    const topLevel = await stripe.customers
      .create({ email: 'a@example.com', colour: 'teal' } as Stripe.CustomerCreateParams)
      .catch((thrown: unknown) => thrown);
    const nestedParams = { mode: 'subscription', line_items: [{ price: 'price_pro_monthly', quantity: 1, colour: 'teal' }] };
    const nested = await stripe.checkout.sessions
      .create(nestedParams as Stripe.Checkout.SessionCreateParams)
      .catch((thrown: unknown) => thrown);

    expect(topLevel).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(topLevel).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'colour',
      message: 'Received unknown parameter: colour',
    });
    expect(nested).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'line_items[0][colour]' });
  });

  it.each<[string, (stripe: Stripe, ids: Ids) => Promise<unknown>]>([
    ['GET /v1/subscription_items', (stripe, ids) => stripe.subscriptionItems.list({ subscription: ids.subscription, ...teal })],
    [
      'POST /v1/subscription_items',
      (stripe, ids) => stripe.subscriptionItems.create({ subscription: ids.subscription, price: 'price_api_calls', ...teal }),
    ],
    ['GET /v1/prices/:id', (stripe) => stripe.prices.retrieve('price_api_calls', teal)],
    [
      'POST /v1/billing/meter_events',
      (stripe, ids) =>
        stripe.billing.meterEvents.create({
          event_name: METER_EVENT_NAME,
          payload: { stripe_customer_id: ids.customer, value: '1' },
          ...teal,
        }),
    ],
  ])('%s: an unknown parameter is parameter_unknown, and nothing changes', async (_route, call) => {
    const { session, subscriptionId } = await subscribed();
    const state = () => ({ items: fake.subscription(subscriptionId)?.items.data.length, events: fake.meterEvents().length });
    const before = state();

    const error = await call(sdk(), { subscription: subscriptionId, customer: session.customerId }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'parameter_unknown', param: 'colour' });
    expect(state()).toEqual(before);
  });
});

type Ids = { subscription: string; customer: string };
/** A parameter Stripe does not have. */
const teal = { colour: 'teal' } as object;

describe('StripeProvider.addMeteredItem', () => {
  it('adds the metered price to the subscription once: a second call finds the item and posts nothing', async () => {
    const { subscriptionId } = await subscribed();

    const itemId = await provider.addMeteredItem(subscriptionId, 'price_api_calls', 'metered-1');

    expect(itemId).toMatch(/^si_/);
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/subscription_items', params: { subscription: subscriptionId, limit: '20' } }),
      expect.objectContaining({
        method: 'POST',
        path: '/v1/subscription_items',
        params: { subscription: subscriptionId, price: 'price_api_calls' },
        idempotencyKey: 'metered-1',
      }),
    ]);
    fake.clearRequests();

    expect(await provider.addMeteredItem(subscriptionId, 'price_api_calls', 'metered-2')).toBe(itemId);
    expect(calls()).toEqual(['GET /v1/subscription_items']);
    const items = fake.subscription(subscriptionId)?.items.data ?? [];
    expect(items.map((item) => item.price.id)).toEqual(['price_pro_monthly', 'price_api_calls']);
    // Metered: no quantity (its usage is billed), the plan's current period.
    expect(items[1]).not.toHaveProperty('quantity');
    expect(items[1]).toMatchObject({ id: itemId, current_period_end: items[0].current_period_end });
  });

  it('Stripe tells the webhook: customer.subscription.updated, from the request that added it', async () => {
    const { subscriptionId } = await subscribed();

    await provider.addMeteredItem(subscriptionId, 'price_api_calls', 'metered-3');

    const [updated, ...others] = fake.takeEvents();
    expect(others).toEqual([]);
    expect(updated).toMatchObject({ type: 'customer.subscription.updated', request: { idempotency_key: 'metered-3' } });
    expect(Object.keys(updated.data.previous_attributes ?? {})).toEqual(['items']);
  });

  it('subscription() still reads the plan, with the metered item riding along', async () => {
    const { subscriptionId } = await subscribed();
    const plan = await provider.subscription(subscriptionId);

    await provider.addMeteredItem(subscriptionId, 'price_api_calls', 'metered-4');

    expect(await provider.subscription(subscriptionId)).toEqual(plan);
    expect(plan).toMatchObject({ priceId: 'price_pro_monthly', amountCents: 2_900, status: 'active' });
  });
});

describe('StripeProvider.reportUsage', () => {
  const usage = (customerId: string, overrides: Partial<UsageReport> = {}): UsageReport => ({
    organizationId: 'org-usage',
    customerId,
    subscriptionId: 'sub_unused',
    quantity: 1_250,
    identifier: `org-usage:2026-10:${++organizations}`,
    at: new Date(),
    ...overrides,
  });

  it('sends one meter event: the meter from the settings, the identifier, whole seconds, customer and value as strings', async () => {
    const { session } = await subscribed();
    const at = new Date(Date.now() - 60_000);
    at.setMilliseconds(999);
    const report = usage(session.customerId, { at });

    await provider.reportUsage(report);

    const timestamp = Math.floor(at.getTime() / 1000);
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/billing/meter_events',
        params: {
          event_name: METER_EVENT_NAME,
          identifier: report.identifier,
          timestamp: String(timestamp),
          payload: { stripe_customer_id: session.customerId, value: '1250' },
        },
      }),
    ]);
    expect(fake.meterEvents().filter((event) => event.identifier === report.identifier)).toEqual([
      expect.objectContaining({
        event_name: METER_EVENT_NAME,
        timestamp,
        payload: { stripe_customer_id: session.customerId, value: '1250' },
      }),
    ]);
  });

  it('a resend of an identifier Stripe holds is counted once: Stripe refuses it with a 400 that names the identifier', async () => {
    const { session } = await subscribed();
    const report = usage(session.customerId);
    await provider.reportUsage(report);

    const resend = await provider.reportUsage({ ...report, at: new Date() }).catch((thrown: unknown) => thrown);

    expect(resend).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(resend).toMatchObject({
      statusCode: 400,
      code: undefined,
      message: `An event already exists with identifier ${report.identifier}.`,
    });
    expect(fake.meterEvents().filter((event) => event.identifier === report.identifier)).toHaveLength(1);
  });

  // KNOWN BUG in stripe-provider.ts: reportUsage passes Stripe's duplicate refusal (above) on, so the
  // reporter never marks a resent chunk. Remove `.failing` once reportUsage treats that 400 as success.
  it.failing('a resend of an identifier Stripe holds is a success for the caller (the reporter marks the chunk)', async () => {
    const { session } = await subscribed();
    const report = usage(session.customerId);
    await provider.reportUsage(report);

    await expect(provider.reportUsage({ ...report, at: new Date() })).resolves.toBeUndefined();
    expect(fake.meterEvents().filter((event) => event.identifier === report.identifier)).toHaveLength(1);
  });

  it('passes on Stripe’s refusal of a customer it does not have', async () => {
    await expect(provider.reportUsage(usage('cus_missing'))).rejects.toMatchObject({
      statusCode: 400,
      code: 'meter_event_customer_not_found',
      param: 'payload[stripe_customer_id]',
    });
  });
});

describe('StripeProvider.meteredCentsPer1000', () => {
  it('reads the price’s unit_amount_decimal (cents a call) × 1,000, with one GET for two calls', async () => {
    const reader = new StripeProvider(settings(fake.url));

    expect(await reader.meteredCentsPer1000('price_api_calls')).toBe(20);
    expect(await reader.meteredCentsPer1000('price_api_calls')).toBe(20);
    expect(calls()).toEqual(['GET /v1/prices/price_api_calls']);
    expect(fake.requests[0].params).toEqual({});
  });

  it('passes on Stripe’s 404 for a price it does not have, and caches nothing', async () => {
    const reader = new StripeProvider(settings(fake.url));

    await expect(reader.meteredCentsPer1000('price_gone')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    await expect(reader.meteredCentsPer1000('price_gone')).rejects.toMatchObject({ statusCode: 404 });
    expect(calls()).toEqual(['GET /v1/prices/price_gone', 'GET /v1/prices/price_gone']);
  });
});

describe('pay as you go over a billing period', () => {
  let clock: FakeStripe;
  beforeAll(async () => {
    clock = await FakeStripe.start({ prices: PRICES, apiVersion: STRIPE_API_VERSION });
  });
  afterAll(() => clock.close());

  it('the renewal invoice charges the plan’s next period and the calls reported in the one that ended', async () => {
    const payg = new StripeProvider(settings(clock.url));
    const { subscription } = clock.createSubscription({ priceId: 'price_pro_monthly' });
    const ended = { start: subscription.items.data[0].current_period_start, end: subscription.items.data[0].current_period_end };
    await payg.addMeteredItem(subscription.id, 'price_api_calls', 'payg-item');
    const report = { organizationId: 'org-payg', customerId: subscription.customer, subscriptionId: subscription.id, at: new Date() };
    await payg.reportUsage({ ...report, quantity: 1_000, identifier: 'org-payg:1000' });
    await payg.reportUsage({ ...report, quantity: 234, identifier: 'org-payg:1234' });

    clock.renew(subscription.id);

    const invoice = clock.invoice(String(clock.subscription(subscription.id)?.latest_invoice));
    // 1,234 calls at 0.02 cents: 24.68, billed as 25 cents, after the plan's 2,900.
    expect(invoice).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', amount_due: 2_925 });
    expect(
      invoice?.lines.data.map(({ pricing, quantity, amount, period }) => ({
        price: pricing.price_details.price,
        quantity,
        amount,
        period,
      })),
    ).toEqual([
      { price: 'price_pro_monthly', quantity: 1, amount: 2_900, period: { start: ended.end, end: expect.any(Number) } },
      { price: 'price_api_calls', quantity: 1_234, amount: 25, period: ended },
    ]);
    expect(await payg.subscription(subscription.id)).toMatchObject({
      priceId: 'price_pro_monthly',
      currentPeriodStart: new Date(ended.end * 1000),
    });

    clock.renew(subscription.id);

    const next = clock.invoice(String(clock.subscription(subscription.id)?.latest_invoice));
    expect(next?.amount_due).toBe(2_900);
    expect(next?.lines.data[1]).toMatchObject({ quantity: 0, amount: 0 });
  });
});

describe('verifyStripeEvent', () => {
  let event: StripeEvent;
  beforeAll(async () => {
    [event] = (await subscribed()).events;
  });
  const now = () => Math.floor(Date.now() / 1000);

  it('returns the event when Stripe’s signature is good', async () => {
    const { payload, signature } = fake.signed(event, { secret: WEBHOOK_SECRET });

    expect(await verifyStripeEvent(Buffer.from(payload), signature, WEBHOOK_SECRET)).toEqual({
      id: event.id,
      type: 'checkout.session.completed',
      created: new Date(event.created * 1000),
      object: event.data.object,
    });
  });

  it('accepts what signStripePayload (the sandbox’s signer) signs', async () => {
    const payload = JSON.stringify(event);
    const signature = await signStripePayload(payload, WEBHOOK_SECRET);

    expect((await verifyStripeEvent(Buffer.from(payload), signature, WEBHOOK_SECRET)).id).toBe(event.id);
  });

  it.each([
    ['signed with another secret', () => ({ ...fake.signed(event, { secret: 'whsec_other' }) })],
    [
      'changed after signing',
      () => ({ ...fake.signed(event, { secret: WEBHOOK_SECRET }), payload: JSON.stringify({ ...event, type: 'invoice.paid' }) }),
    ],
    ['without a Stripe-Signature header', () => ({ ...fake.signed(event, { secret: WEBHOOK_SECRET }), signature: undefined })],
    ['signed 6 minutes ago (a replay)', () => fake.signed(event, { secret: WEBHOOK_SECRET, timestamp: now() - 360 })],
  ])('throws InvalidSignatureError for an event %s', async (_case, delivery) => {
    const { payload, signature } = delivery();

    await expect(verifyStripeEvent(Buffer.from(payload), signature, WEBHOOK_SECRET)).rejects.toThrow(InvalidSignatureError);
  });
});
