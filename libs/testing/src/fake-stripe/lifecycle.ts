import { type CheckoutOrder, type Metadata, nextPeriodEnd, type StripeEvent, type StripeSubscription, subscriptionObject } from './objects';
import { type InvoiceCharge, type StripeInvoice } from './invoices';
import { StripeState } from './state';

const DAY = 24 * 3600;

/** The plan's line: its first item, for its (new) current period; a trial's first invoice is free. */
function planCharge(subscription: StripeSubscription, { free = false } = {}): InvoiceCharge {
  const item = subscription.items.data[0];
  const quantity = item.quantity ?? 0;
  const period = { start: item.current_period_start, end: item.current_period_end };
  return { item, quantity, amount: free ? 0 : (item.price.unit_amount ?? 0) * quantity, period };
}

/**
 * What Stripe does on its own (the customer pays on the Checkout page, a
 * renewal is charged, a card is declined and later works, a trial ends), as
 * test controls. Each changes the account the way Stripe would and returns
 * the events Stripe would send, in a plausible order (Stripe promises none).
 * A control misused (an unknown id, a canceled subscription) throws a plain Error.
 */
export class StripeLifecycle extends StripeState {
  /**
   * The customer completes Checkout: the subscription starts, `trialing` with
   * `trial_end` when `subscription_data[trial_period_days]` was given, else
   * `active`, with its first invoice paid (a 0 one for a trial, as Stripe does).
   * Events: `checkout.session.completed`, `customer.subscription.created`,
   * `invoice.finalized`, `invoice.paid`.
   */
  completeCheckout(sessionId: string): StripeEvent[] {
    const entry = this.sessions.get(sessionId);
    if (!entry) throw new Error(`Fake Stripe: no checkout session ${sessionId}`);
    const { session, order } = entry;
    if (session.status !== 'open') throw new Error(`Fake Stripe: checkout session ${sessionId} is ${session.status}`);
    const customer = session.customer ?? this.createCustomer({ email: null, name: null, metadata: {} }).id;
    const { subscription, events } = this.subscribe(customer, order);
    Object.assign(session, {
      status: 'complete',
      payment_status: order.trialDays ? 'no_payment_required' : 'paid',
      url: null,
      customer,
      subscription: subscription.id,
      invoice: subscription.latest_invoice,
    });
    return [this.event('checkout.session.completed', session), ...events];
  }

  /** The customer never pays: the session expires. Event: `checkout.session.expired`. */
  expireCheckout(sessionId: string): StripeEvent[] {
    const session = this.sessions.get(sessionId)?.session;
    if (session?.status !== 'open') throw new Error(`Fake Stripe: no open checkout session ${sessionId}`);
    Object.assign(session, { status: 'expired', url: null });
    return [this.event('checkout.session.expired', session)];
  }

  /** A subscription made without Checkout (the API, the Dashboard): for seeding. Same events as `completeCheckout`, less the session's. */
  createSubscription(input: { priceId: string; customer?: string; metadata?: Metadata; trialDays?: number; quantity?: number }): {
    subscription: StripeSubscription;
    events: StripeEvent[];
  } {
    const customer = input.customer ?? this.createCustomer({ email: null, name: null, metadata: {} }).id;
    const order = {
      priceId: input.priceId,
      quantity: input.quantity ?? 1,
      subscriptionMetadata: input.metadata ?? {},
      trialDays: input.trialDays ?? null,
    };
    const { subscription, events } = this.subscribe(customer, order);
    return { subscription: structuredClone(subscription), events };
  }

  /**
   * The trial ends now and the first period is charged: `active`, or `past_due`
   * with `paid: false`. Events: `invoice.finalized`, `invoice.paid` (or
   * `invoice.payment_failed`), `customer.subscription.updated`.
   */
  endTrial(subscriptionId: string, { paid = true } = {}): StripeEvent[] {
    const subscription = this.live(subscriptionId);
    if (subscription.status !== 'trialing') throw new Error(`Fake Stripe: ${subscriptionId} is ${subscription.status}, not trialing`);
    const before = structuredClone(subscription);
    const now = this.now();
    subscription.trial_end = now;
    subscription.billing_cycle_anchor = now;
    return this.startPeriod(subscription, now, paid, before);
  }

  /**
   * The current period (or trial) reaches its end; the account's clock moves
   * there. With `cancel_at_period_end` the subscription ends
   * (`customer.subscription.deleted`); otherwise the next period is charged,
   * with the events of `endTrial`, and a metered item's usage is billed on the
   * same invoice: the customer's meter events not yet invoiced, timestamped
   * before the period's end.
   */
  renew(subscriptionId: string, { paid = true } = {}): StripeEvent[] {
    const subscription = this.live(subscriptionId);
    const end = subscription.items.data[0].current_period_end;
    this.advanceClockTo(end);
    const before = structuredClone(subscription);
    if (!subscription.cancel_at_period_end) return this.startPeriod(subscription, end, paid, before);
    this.end(subscription, 'cancellation_requested', end);
    return [this.event('customer.subscription.deleted', subscription, { before })];
  }

  /**
   * A charge is declined: the open invoice's retry fails, or, when nothing is
   * open, the renewal's charge (see `renew`). The subscription is `past_due`.
   * Events: (`invoice.finalized`,) `invoice.payment_failed`, `customer.subscription.updated` when its status changed.
   */
  failPayment(subscriptionId: string): StripeEvent[] {
    const subscription = this.live(subscriptionId);
    const invoice = this.openInvoice(subscription);
    if (!invoice) return this.renew(subscriptionId, { paid: false });
    const before = structuredClone(subscription);
    this.failAttempt(invoice);
    subscription.status = 'past_due';
    return [this.event('invoice.payment_failed', invoice), ...this.updated(subscription, before)];
  }

  /** The open invoice is paid (a retry works, a new card): `active` again. Events: `invoice.paid`, `customer.subscription.updated`. */
  payInvoice(subscriptionId: string): StripeEvent[] {
    const subscription = this.live(subscriptionId);
    const invoice = this.openInvoice(subscription);
    if (!invoice) throw new Error(`Fake Stripe: ${subscriptionId} has no open invoice`);
    const before = structuredClone(subscription);
    this.pay(invoice);
    if (subscription.status === 'past_due' || subscription.status === 'unpaid') subscription.status = 'active';
    return [this.event('invoice.paid', invoice), ...this.updated(subscription, before)];
  }

  /**
   * Smart Retries give up on the open invoice: the subscription is canceled
   * (`customer.subscription.deleted`) or, per the account's setting, `unpaid`
   * (`customer.subscription.updated`). The invoice stays open.
   */
  exhaustRetries(subscriptionId: string, outcome: 'canceled' | 'unpaid' = 'canceled'): StripeEvent[] {
    const subscription = this.live(subscriptionId);
    if (!this.openInvoice(subscription)) throw new Error(`Fake Stripe: ${subscriptionId} has no open invoice`);
    const before = structuredClone(subscription);
    if (outcome === 'unpaid') {
      subscription.status = 'unpaid';
      return this.updated(subscription, before);
    }
    this.end(subscription, 'payment_failed');
    return [this.event('customer.subscription.deleted', subscription, { before })];
  }

  private subscribe(customer: string, order: CheckoutOrder): { subscription: StripeSubscription; events: StripeEvent[] } {
    const price = this.prices.get(order.priceId);
    if (!price) throw new Error(`Fake Stripe: no price ${order.priceId}`);
    const now = this.now();
    const trialEnd = order.trialDays ? now + order.trialDays * DAY : null;
    const subscription = subscriptionObject(
      { customer, price, quantity: order.quantity, metadata: order.subscriptionMetadata, trialEnd },
      now,
    );
    this.subscriptions.set(subscription.id, subscription);
    const invoice = this.addInvoice(subscription, [planCharge(subscription, { free: Boolean(trialEnd) })], 'subscription_create', {
      start: now,
      end: now,
    });
    const finalized = this.event('invoice.finalized', invoice);
    this.pay(invoice);
    return {
      subscription,
      events: [this.event('customer.subscription.created', subscription), finalized, this.event('invoice.paid', invoice)],
    };
  }

  /** Starts the period beginning at `start` and charges it, with the metered usage (see `usageCharges`) of the one that ended. */
  private startPeriod(subscription: StripeSubscription, start: number, paid: boolean, before: StripeSubscription): StripeEvent[] {
    const plan = subscription.items.data[0];
    const lookback = { start: plan.current_period_start, end: start };
    const usage = this.usageCharges(subscription, start);
    const end = nextPeriodEnd(subscription.billing_cycle_anchor, plan.price.recurring.interval, start);
    for (const item of subscription.items.data) Object.assign(item, { current_period_start: start, current_period_end: end });
    const invoice = this.addInvoice(subscription, [planCharge(subscription), ...usage], 'subscription_cycle', lookback);
    const finalized = this.event('invoice.finalized', invoice);
    if (paid) this.pay(invoice);
    else this.failAttempt(invoice);
    subscription.status = paid ? 'active' : 'past_due';
    const charged = this.event(paid ? 'invoice.paid' : 'invoice.payment_failed', invoice);
    return [finalized, charged, this.event('customer.subscription.updated', subscription, { before })];
  }

  private pay(invoice: StripeInvoice): void {
    if (invoice.amount_due > 0) invoice.attempt_count += 1;
    Object.assign(invoice, { status: 'paid', attempted: true, amount_paid: invoice.amount_due, amount_remaining: 0 });
    invoice.status_transitions.paid_at = this.now();
  }

  private failAttempt(invoice: StripeInvoice): void {
    invoice.attempt_count += 1;
    invoice.attempted = true;
  }

  private updated(subscription: StripeSubscription, before: StripeSubscription): StripeEvent[] {
    if (JSON.stringify(before) === JSON.stringify(subscription)) return [];
    return [this.event('customer.subscription.updated', subscription, { before })];
  }

  private openInvoice(subscription: StripeSubscription): StripeInvoice | undefined {
    const invoice = subscription.latest_invoice ? this.invoices.get(subscription.latest_invoice) : undefined;
    return invoice?.status === 'open' ? invoice : undefined;
  }

  /** A subscription a control may change: it exists and has not ended. */
  private live(subscriptionId: string): StripeSubscription {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`Fake Stripe: no subscription ${subscriptionId}`);
    if (subscription.status === 'canceled') throw new Error(`Fake Stripe: ${subscriptionId} is canceled`);
    return subscription;
  }
}
