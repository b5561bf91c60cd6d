import { periodEnd } from '../billing-periods';
import { addDays } from '../grace';
import type { BillingCycle } from '../types';
import { fromSeconds, seconds } from './sandbox-ids';
import { invoiceObject, itemOf, Json } from './sandbox-objects';

export const CARD_OUTCOMES = ['succeeds', 'fails'] as const;
export type CardOutcome = (typeof CARD_OUTCOMES)[number];

/** Stripe tells of a trial's end this long before it. */
const TRIAL_WARNING_DAYS = 3;

/** What moving a sandbox subscription through time did: its new state, the invoices it wrote, and the events Stripe would send. */
export interface Simulated {
  subscription: Json;
  invoices: Json[];
  events: Array<{ type: string; object: Json }>;
}

type Moment = { at: Date; kind: 'trial_will_end' | 'period_end' };

/**
 * Plays a subscription forward from `from` to `to` on the organization's
 * clock, as Stripe would: the trial warning, the trial's end and each
 * renewal charged with the card's outcome (paid: active; declined: past
 * due, an open invoice), and a cancellation asked for at period end.
 * `usageCents`, metered usage not yet invoiced, is billed with the first renewal.
 */
export function advanceSubscription(subscription: Json, from: Date, to: Date, card: CardOutcome, usageCents = 0): Simulated {
  const result: Simulated = { subscription: structuredClone(subscription), invoices: [], events: [] };
  let cursor = from;
  let unbilled = usageCents;
  for (let moment = nextMoment(result.subscription, cursor); moment && moment.at <= to; moment = nextMoment(result.subscription, cursor)) {
    cursor = moment.at;
    if (moment.kind === 'trial_will_end') emit(result, 'customer.subscription.trial_will_end', result.subscription);
    else if (result.subscription.cancel_at_period_end) endSubscription(result, moment.at);
    else {
      renew(result, moment.at, card, unbilled);
      unbilled = 0;
    }
  }
  return result;
}

/** A cancellation: at the end of the period (an update), or now (the subscription ends). */
export function cancelSubscription(subscription: Json, atPeriodEnd: boolean, at: Date): Simulated {
  const result: Simulated = { subscription: structuredClone(subscription), invoices: [], events: [] };
  if (!atPeriodEnd) {
    endSubscription(result, at);
    return result;
  }
  result.subscription.cancel_at_period_end = true;
  result.subscription.cancel_at = itemOf(result.subscription).current_period_end;
  result.subscription.canceled_at = seconds(at);
  emit(result, 'customer.subscription.updated', result.subscription);
  return result;
}

/** The card works again: the open invoices are paid, and a past-due subscription is active once more. */
export function payOpenInvoices(subscription: Json, openInvoices: Json[], at: Date): Simulated {
  const result: Simulated = { subscription: structuredClone(subscription), invoices: [], events: [] };
  for (const open of openInvoices) {
    const invoice: Json = { ...structuredClone(open), status: 'paid', amount_paid: open.amount_due, amount_remaining: 0 };
    invoice.status_transitions = { ...(open.status_transitions as Json), paid_at: seconds(at) };
    result.invoices.push(invoice);
    emit(result, 'invoice.paid', invoice);
  }
  if (result.invoices.length > 0 && ['past_due', 'unpaid'].includes(String(result.subscription.status))) {
    result.subscription.status = 'active';
    emit(result, 'customer.subscription.updated', result.subscription);
  }
  return result;
}

function nextMoment(subscription: Json, after: Date): Moment | null {
  if (subscription.status === 'trialing' && subscription.trial_end) {
    const trialEnd = fromSeconds(subscription.trial_end);
    const warning = addDays(trialEnd, -TRIAL_WARNING_DAYS);
    if (warning > after && !subscription.cancel_at_period_end) return { at: warning, kind: 'trial_will_end' };
    return { at: trialEnd, kind: 'period_end' };
  }
  if (['active', 'past_due', 'unpaid'].includes(String(subscription.status))) {
    return { at: fromSeconds(itemOf(subscription).current_period_end), kind: 'period_end' };
  }
  return null;
}

function renew(result: Simulated, at: Date, card: CardOutcome, usageCents: number): void {
  const subscription = result.subscription;
  const end = periodEnd(at, cycleOf(itemOf(subscription)));
  for (const item of (subscription.items as Json).data as Json[]) {
    item.current_period_start = seconds(at);
    item.current_period_end = seconds(end);
  }
  const paid = card === 'succeeds';
  const invoice = invoiceObject(subscription, {
    at,
    periodStart: at,
    periodEnd: end,
    paid: false,
    reason: 'subscription_cycle',
    usageCents,
  });
  emit(result, 'invoice.finalized', invoice);
  if (paid) Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0 });
  if (paid) (invoice.status_transitions as Json).paid_at = seconds(at);
  result.invoices.push(invoice);
  emit(result, paid ? 'invoice.paid' : 'invoice.payment_failed', invoice);
  subscription.latest_invoice = invoice.id;
  subscription.status = paid ? 'active' : 'past_due';
  emit(result, 'customer.subscription.updated', subscription);
}

function endSubscription(result: Simulated, at: Date): void {
  Object.assign(result.subscription, {
    status: 'canceled',
    ended_at: seconds(at),
    canceled_at: result.subscription.canceled_at ?? seconds(at),
  });
  emit(result, 'customer.subscription.deleted', result.subscription);
}

function emit(result: Simulated, type: string, object: Json): void {
  result.events.push({ type, object: structuredClone(object) });
}

function cycleOf(item: Json): BillingCycle {
  const recurring = ((item.price as Json | undefined)?.recurring ?? {}) as Json;
  return recurring.interval === 'year' ? 'annual' : 'monthly';
}
