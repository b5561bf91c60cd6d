import { subscriptionFromStripe } from '../stripe-objects';
import { addDays } from '../grace';
import { subscriptionObject } from './sandbox-objects';
import { advanceSubscription, cancelSubscription, payOpenInvoices } from './sandbox-simulation';

const price = { id: 'price_sandbox_pro_monthly', unitAmount: 9_900, currency: 'usd', cycle: 'monthly' as const };
const start = new Date('2026-01-10T00:00:00Z');

function subscription(trialDays: number | null) {
  const trialEnd = trialDays ? addDays(start, trialDays) : null;
  return subscriptionObject({
    organizationId: 'org',
    customerId: 'cus_1',
    price,
    start,
    periodEnd: trialEnd ?? new Date('2026-02-10T00:00:00Z'),
    trialEnd,
  });
}

const types = (result: { events: Array<{ type: string }> }) => result.events.map((e) => e.type);

describe('the sandbox playing a subscription forward', () => {
  it('warns of the trial’s end three days ahead, then charges: active for a month', () => {
    const result = advanceSubscription(subscription(14), start, addDays(start, 14), 'succeeds');
    expect(types(result)).toEqual([
      'customer.subscription.trial_will_end',
      'invoice.finalized',
      'invoice.paid',
      'customer.subscription.updated',
    ]);
    const read = subscriptionFromStripe(result.subscription);
    expect(read).toMatchObject({ status: 'active', currentPeriodStart: addDays(start, 14) });
    expect(read.currentPeriodEnd.toISOString()).toBe('2026-02-24T00:00:00.000Z');
    expect(result.invoices).toEqual([expect.objectContaining({ status: 'paid', amount_paid: 9_900 })]);
  });

  it('stops short of a moment not yet reached', () => {
    expect(types(advanceSubscription(subscription(14), start, addDays(start, 10), 'succeeds'))).toEqual([]);
    expect(types(advanceSubscription(subscription(14), addDays(start, 11), addDays(start, 13), 'succeeds'))).toEqual([]);
  });

  it('declines with a failing card: past due, the period moved on, the invoice open', () => {
    const result = advanceSubscription(subscription(null), start, addDays(start, 31), 'fails');
    expect(types(result)).toEqual(['invoice.finalized', 'invoice.payment_failed', 'customer.subscription.updated']);
    expect(result.subscription.status).toBe('past_due');
    expect(result.invoices).toEqual([expect.objectContaining({ status: 'open', amount_paid: 0 })]);
  });

  it('renews once per period across a long jump', () => {
    const result = advanceSubscription(subscription(null), start, addDays(start, 95), 'succeeds');
    expect(result.invoices).toHaveLength(3);
    expect(subscriptionFromStripe(result.subscription).currentPeriodEnd.toISOString()).toBe('2026-05-10T00:00:00.000Z');
  });

  it('ends a subscription canceled at period end when the period ends', () => {
    const marked = cancelSubscription(subscription(null), true, start);
    expect(types(marked)).toEqual(['customer.subscription.updated']);
    expect(types(advanceSubscription(marked.subscription, start, addDays(start, 20), 'succeeds'))).toEqual([]);
    const ended = advanceSubscription(marked.subscription, start, addDays(start, 40), 'succeeds');
    expect(types(ended)).toEqual(['customer.subscription.deleted']);
    expect(ended.subscription.status).toBe('canceled');
    expect(types(advanceSubscription(ended.subscription, start, addDays(start, 400), 'succeeds'))).toEqual([]);
  });

  it('ends a subscription canceled now at once', () => {
    expect(cancelSubscription(subscription(null), false, start).subscription).toMatchObject({
      status: 'canceled',
      ended_at: start.getTime() / 1000,
    });
  });

  it('pays the open invoices when the card works again: active once more', () => {
    const failed = advanceSubscription(subscription(null), start, addDays(start, 31), 'fails');
    const paid = payOpenInvoices(failed.subscription, failed.invoices, addDays(start, 32));
    expect(types(paid)).toEqual(['invoice.paid', 'customer.subscription.updated']);
    expect(paid.subscription.status).toBe('active');
    expect(paid.invoices[0]).toMatchObject({ status: 'paid', amount_paid: 9_900 });
  });
});
