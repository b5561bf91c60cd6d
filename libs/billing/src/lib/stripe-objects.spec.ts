import { FakeStripe, type StripeEvent } from '@plinth/testing';
import { eventFromStripe, invoiceFromStripe, organizationNamedBy, subscriptionFromStripe, subscriptionNamedBy } from './stripe-objects';
import { STRIPE_API_VERSION, StripeProvider } from './stripe-provider';

/** The readers against objects shaped as Stripe sends them (the fake's events). */

type Json = Record<string, unknown>;
const objectOf = (events: StripeEvent[], type: string): Json => {
  const event = events.find((candidate) => candidate.type === type);
  if (!event) throw new Error(`no ${type} among ${events.map((candidate) => candidate.type).join(', ')}`);
  return event.data.object as Json;
};
const date = (seconds: number) => new Date(seconds * 1000);

let fake: FakeStripe;
beforeAll(async () => {
  fake = await FakeStripe.start({
    prices: { price_pro_monthly: { unitAmount: 2_900, currency: 'usd', interval: 'month' } },
    apiVersion: STRIPE_API_VERSION,
  });
});
afterAll(() => fake.close());

it('every event of a completed Checkout names the organization and the subscription', async () => {
  const provider = new StripeProvider({
    secretKey: 'sk_test_plinth',
    apiUrl: fake.url,
    automaticTax: false,
    meterEventName: 'plinth_api_calls',
  });
  const session = await provider.createCheckout({
    organizationId: 'org-checkout',
    customerId: null,
    email: 'owner@example.com',
    organizationName: 'Checkout Org',
    planTier: 'pro',
    billingCycle: 'monthly',
    priceId: 'price_pro_monthly',
    trialDays: null,
    successUrl: 'https://app.example.com/ok',
    cancelUrl: 'https://app.example.com/no',
    idempotencyKey: 'objects-checkout',
  });

  const events = fake.completeCheckout(session.sessionId);

  expect(events.map((event) => event.type)).toEqual([
    'checkout.session.completed',
    'customer.subscription.created',
    'invoice.finalized',
    'invoice.paid',
  ]);
  const subscriptionId = String(fake.checkoutSession(session.sessionId)?.subscription);
  for (const event of events) {
    const object = eventFromStripe(event as unknown as Json).object;
    expect([event.type, organizationNamedBy(object), subscriptionNamedBy(object)]).toEqual([event.type, 'org-checkout', subscriptionId]);
  }
});

it('a first invoice: paid, named by parent.subscription_details, billing the first period', () => {
  const { subscription, events } = fake.createSubscription({ priceId: 'price_pro_monthly', metadata: { organizationId: 'org-first' } });
  const item = subscription.items.data[0];

  expect(invoiceFromStripe(objectOf(events, 'invoice.paid'))).toMatchObject({
    customerId: subscription.customer,
    subscriptionId: subscription.id,
    organizationId: 'org-first',
    status: 'paid',
    amountCents: 2_900,
    amountPaidCents: 2_900,
    currency: 'usd',
    hostedInvoiceUrl: expect.stringMatching(/^http/),
    invoicePdfUrl: expect.stringMatching(/^http/),
    periodStart: date(item.current_period_start),
    periodEnd: date(item.current_period_end),
    paidAt: expect.any(Date),
  });
});

it('a renewal’s invoice bills the new period, not the one its own period_start/end look back on', () => {
  const { subscription } = fake.createSubscription({ priceId: 'price_pro_monthly', metadata: { organizationId: 'org-renewal' } });
  const firstPeriod = subscription.items.data[0];

  const events = fake.renew(subscription.id);

  const invoice = objectOf(events, 'invoice.paid');
  expect([invoice.period_start, invoice.period_end]).toEqual([firstPeriod.current_period_start, firstPeriod.current_period_end]);
  const renewed = subscriptionFromStripe(objectOf(events, 'customer.subscription.updated'));
  expect(renewed.currentPeriodStart).toEqual(date(firstPeriod.current_period_end));
  expect(invoiceFromStripe(invoice)).toMatchObject({ periodStart: renewed.currentPeriodStart, periodEnd: renewed.currentPeriodEnd });
});

it('an invoice without lines (as the sandbox writes one) is read by its period_start/end', () => {
  const invoice = {
    id: 'in_1',
    object: 'invoice',
    status: 'open',
    period_start: 1_800_000_000,
    period_end: 1_802_592_000,
    status_transitions: {},
  };

  expect(invoiceFromStripe(invoice)).toMatchObject({ periodStart: date(1_800_000_000), periodEnd: date(1_802_592_000), paidAt: null });
});

it('a declined renewal: the invoice is open and the subscription past_due', () => {
  const { subscription } = fake.createSubscription({ priceId: 'price_pro_monthly', metadata: { organizationId: 'org-declined' } });

  const events = fake.failPayment(subscription.id);

  expect(invoiceFromStripe(objectOf(events, 'invoice.payment_failed'))).toMatchObject({
    status: 'open',
    amountPaidCents: 0,
    paidAt: null,
    organizationId: 'org-declined',
  });
  expect(subscriptionFromStripe(objectOf(events, 'customer.subscription.updated'))).toMatchObject({
    status: 'past_due',
    organizationId: 'org-declined',
  });
});
