import { StripeApiError } from './errors';
import { type MeterEventRequest, Meters, type StripeMeterEvent, usageCents } from './metering';
import {
  type CheckoutOrder,
  checkoutSessionObject,
  customerObject,
  type FakePrice,
  type Metadata,
  portalSessionObject,
  priceObject,
  type StripeCheckoutSession,
  type StripeCustomer,
  type StripeEvent,
  type StripeList,
  type StripePortalSession,
  type StripePrice,
  type StripeSubscription,
  type StripeSubscriptionItem,
  type SubscriptionStatus,
  stripeId,
  subscriptionItemObject,
} from './objects';
import { type InvoiceCharge, invoiceObject, type StripeInvoice } from './invoices';

export interface FakeStripeOptions {
  /** The prices Checkout and subscription items accept, by id; a metered one's meter exists too. */
  prices: Record<string, FakePrice>;
  /** Stamped on events as `api_version`: the version the integration pins. */
  apiVersion?: string;
}

/** The API request a change came from: stamped on its events. */
export interface RequestOrigin {
  id: string;
  idempotencyKey: string | null;
}

export interface CheckoutRequest {
  customer: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  lineItems: Array<{ price: string | null; quantity: number | null }>;
  subscriptionData: { metadata: Metadata; trialDays: number | null };
  successUrl: string | null;
  cancelUrl: string | null;
  billingAddressCollection: 'auto' | 'required' | null;
  allowPromotionCodes: boolean | null;
  automaticTax: boolean;
}

export type ListStatus = SubscriptionStatus | 'all' | 'ended';

/**
 * The fake's account: its objects, its clock and the API operations the
 * server routes to. Lifecycle controls build on it (lifecycle.ts).
 */
export class StripeState {
  readonly apiVersion: string;
  /** Where the objects' URLs (Checkout, portal, invoices) point: the server's own address. */
  protected baseUrl = 'http://127.0.0.1';
  protected readonly prices: Map<string, StripePrice>;
  /** The meters the metered prices bill, and the usage they received. */
  protected readonly meters = new Meters();
  protected readonly customers = new Map<string, StripeCustomer>();
  protected readonly sessions = new Map<string, { session: StripeCheckoutSession; order: CheckoutOrder }>();
  /** In creation order; listed newest first. */
  protected readonly subscriptions = new Map<string, StripeSubscription>();
  protected readonly invoices = new Map<string, StripeInvoice>();
  private undelivered: StripeEvent[] = [];
  private clockOffset = 0;
  private invoiceCount = 0;

  constructor(options: FakeStripeOptions) {
    this.apiVersion = options.apiVersion ?? '2026-10-28.endive';
    const meterOf = (price: FakePrice) => (price.usageType === 'metered' ? this.meters.meterFor(price.meterEventName) : null);
    this.prices = new Map(Object.entries(options.prices).map(([id, price]) => [id, priceObject(id, price, meterOf(price))]));
  }

  /** The account's clock in Unix seconds: the wall clock, moved forward by renewals. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  /** The events API requests caused (a cancel, say) that no test has taken yet; lifecycle controls return theirs instead. */
  takeEvents(): StripeEvent[] {
    const taken = this.undelivered;
    this.undelivered = [];
    return taken;
  }

  /** Copies of the fake's objects, for assertions. */
  customer(id: string): StripeCustomer | undefined {
    return structuredClone(this.customers.get(id));
  }
  checkoutSession(id: string): StripeCheckoutSession | undefined {
    return structuredClone(this.sessions.get(id)?.session);
  }
  subscription(id: string): StripeSubscription | undefined {
    return structuredClone(this.subscriptions.get(id));
  }
  invoice(id: string): StripeInvoice | undefined {
    return structuredClone(this.invoices.get(id));
  }
  /** The meter events Stripe kept (a refused duplicate is not among them), oldest first. */
  meterEvents(): StripeMeterEvent[] {
    return this.meters.events();
  }

  createCustomer(input: { email: string | null; name: string | null; metadata: Metadata }): StripeCustomer {
    const customer = customerObject(input, this.now());
    this.customers.set(customer.id, customer);
    return customer;
  }

  createCheckoutSession(input: CheckoutRequest): StripeCheckoutSession {
    if (input.customer && !this.customers.has(input.customer)) throw StripeApiError.noSuch('customer', input.customer, 'customer', 400);
    if (input.lineItems.length !== 1) throw StripeApiError.invalid('line_items', 'The fake Stripe supports exactly one line item.');
    const [{ price: priceId, quantity }] = input.lineItems;
    if (!priceId) throw StripeApiError.missingParameter('line_items[0][price]');
    const price = this.prices.get(priceId);
    if (!price) throw StripeApiError.noSuch('price', priceId, 'line_items[0][price]', 400);
    const session = checkoutSessionObject(
      {
        customer: input.customer,
        client_reference_id: input.clientReferenceId,
        metadata: input.metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        allow_promotion_codes: input.allowPromotionCodes,
        billing_address_collection: input.billingAddressCollection,
        automaticTax: input.automaticTax,
      },
      price,
      quantity ?? 1,
      this.baseUrl,
      this.now(),
    );
    const order = {
      priceId,
      quantity: quantity ?? 1,
      subscriptionMetadata: input.subscriptionData.metadata,
      trialDays: input.subscriptionData.trialDays,
    };
    this.sessions.set(session.id, { session, order });
    return session;
  }

  createPortalSession(customer: string, returnUrl: string | null): StripePortalSession {
    if (!this.customers.has(customer)) throw StripeApiError.noSuch('customer', customer, 'customer', 400);
    return portalSessionObject(customer, returnUrl, this.baseUrl, this.now());
  }

  retrieveSubscription(id: string): StripeSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw StripeApiError.noSuch('subscription', id, 'id', 404);
    return subscription;
  }

  /** `cancel_at_period_end`: the only update the fake supports. */
  updateSubscription(id: string, cancelAtPeriodEnd: boolean | null, origin: RequestOrigin): StripeSubscription {
    const subscription = this.retrieveSubscription(id);
    if (subscription.status === 'canceled') {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'A canceled subscription can only update its cancellation_details and metadata.',
      );
    }
    if (cancelAtPeriodEnd === null || cancelAtPeriodEnd === subscription.cancel_at_period_end) return subscription;
    const before = structuredClone(subscription);
    subscription.cancel_at_period_end = cancelAtPeriodEnd;
    subscription.cancel_at = cancelAtPeriodEnd ? subscription.items.data[0].current_period_end : null;
    subscription.canceled_at = cancelAtPeriodEnd ? this.now() : null;
    subscription.cancellation_details.reason = cancelAtPeriodEnd ? 'cancellation_requested' : null;
    this.undelivered.push(this.event('customer.subscription.updated', subscription, { before, origin }));
    return subscription;
  }

  /** Cancels now. Like Stripe, a subscription already canceled is "No such subscription" here (404). */
  cancelSubscription(id: string, origin: RequestOrigin): StripeSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.status === 'canceled') throw StripeApiError.noSuch('subscription', id, 'id', 404);
    const before = structuredClone(subscription);
    this.end(subscription, 'cancellation_requested');
    this.undelivered.push(this.event('customer.subscription.deleted', subscription, { before, origin }));
    return subscription;
  }

  /** Newest first; without `status`, every subscription that is not canceled (Stripe's default). */
  listSubscriptions(input: {
    status: ListStatus | null;
    limit: number | null;
    startingAfter: string | null;
  }): StripeList<StripeSubscription> {
    const limit = checkedLimit(input.limit);
    let newestFirst = [...this.subscriptions.values()].reverse();
    if (input.startingAfter) {
      const index = newestFirst.findIndex((subscription) => subscription.id === input.startingAfter);
      if (index < 0) throw StripeApiError.noSuch('subscription', input.startingAfter, 'starting_after', 400);
      newestFirst = newestFirst.slice(index + 1);
    }
    const matching = newestFirst.filter((subscription) => listed(subscription.status, input.status));
    return { object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url: '/v1/subscriptions' };
  }

  retrievePrice(id: string): StripePrice {
    const price = this.prices.get(id);
    if (!price) throw StripeApiError.noSuch('price', id, 'id', 404);
    return price;
  }

  /** The subscription's items, in the order they were added. */
  listSubscriptionItems(input: { subscription: string; limit: number | null }): StripeList<StripeSubscriptionItem> {
    const limit = checkedLimit(input.limit);
    const subscription = this.subscriptions.get(input.subscription);
    if (!subscription) throw StripeApiError.noSuch('subscription', input.subscription, 'subscription', 400);
    const items = subscription.items.data;
    return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url: '/v1/subscription_items' };
  }

  /** Adds `price` to the subscription for its current period (a licensed price: quantity 1). */
  createSubscriptionItem(input: { subscription: string; price: string }, origin: RequestOrigin): StripeSubscriptionItem {
    const subscription = this.subscriptions.get(input.subscription);
    if (!subscription) throw StripeApiError.noSuch('subscription', input.subscription, 'subscription', 400);
    if (subscription.status === 'canceled') throw StripeApiError.invalid('subscription', 'A canceled subscription cannot get new items.');
    const price = this.prices.get(input.price);
    if (!price) throw StripeApiError.noSuch('price', input.price, 'price', 400);
    if (subscription.items.data.some((item) => item.price.id === price.id)) {
      throw StripeApiError.invalid('price', `Cannot add multiple subscription items with the same plan: ${price.id}`);
    }
    const before = structuredClone(subscription);
    const { current_period_start: start, current_period_end: end } = subscription.items.data[0];
    const item = subscriptionItemObject(subscription.id, price, { quantity: 1, start, end }, this.now());
    subscription.items.data.push(item);
    this.undelivered.push(this.event('customer.subscription.updated', subscription, { before, origin }));
    return item;
  }

  /** Keeps a valid meter event for the renewal that bills it; refuses an identifier already kept. */
  createMeterEvent(input: MeterEventRequest): StripeMeterEvent {
    return this.meters.record(input, (id) => this.customers.has(id), this.now());
  }

  /**
   * A charge a metered item of the subscription: the usage its meter counted
   * for the customer before `until` that no invoice billed yet, at the price's
   * `unit_amount_decimal`, over the item's period up to `until`.
   */
  protected usageCharges(subscription: StripeSubscription, until: number): InvoiceCharge[] {
    const metered = subscription.items.data.filter((item) => item.price.recurring.usage_type === 'metered');
    return metered.map((item) => {
      const quantity = this.meters.bill(item.price.recurring.meter, subscription.customer, until);
      const period = { start: item.current_period_start, end: until };
      return { item, quantity, amount: usageCents(quantity, item.price.unit_amount_decimal), period };
    });
  }

  /** A Stripe event about `object` as it is now (a copy); `before` gives `previous_attributes`. */
  protected event(type: string, object: object, options: { before?: object; origin?: RequestOrigin } = {}): StripeEvent {
    const data: StripeEvent['data'] = { object: structuredClone(object) };
    if (options.before) data.previous_attributes = changedFields(options.before, object);
    return {
      id: stripeId('evt_'),
      object: 'event',
      type,
      created: this.now(),
      api_version: this.apiVersion,
      livemode: false,
      pending_webhooks: 1,
      request: { id: options.origin?.id ?? null, idempotency_key: options.origin?.idempotencyKey ?? null },
      data,
    };
  }

  protected end(subscription: StripeSubscription, reason: 'cancellation_requested' | 'payment_failed', at = this.now()): void {
    subscription.status = 'canceled';
    subscription.canceled_at = subscription.canceled_at ?? at;
    subscription.ended_at = at;
    subscription.cancellation_details.reason = reason;
  }

  /** A new, finalized (open) invoice of the subscription, with a line a charge. */
  protected addInvoice(
    subscription: StripeSubscription,
    charges: InvoiceCharge[],
    reason: StripeInvoice['billing_reason'],
    lookback: { start: number; end: number },
  ) {
    const number = `FAKE-${String(++this.invoiceCount).padStart(4, '0')}`;
    const invoice = invoiceObject(subscription, { charges, reason, lookback, number }, this.baseUrl, this.now());
    this.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  /** Moves the account's clock forward to `at` (never back). */
  protected advanceClockTo(at: number): void {
    this.clockOffset += Math.max(0, at - this.now());
  }
}

function checkedLimit(limit: number | null): number {
  if (limit === null) return 10;
  if (limit < 1 || limit > 100)
    throw StripeApiError.invalid('limit', `Invalid limit: must be between 1 and 100 (it currently is '${limit}').`);
  return limit;
}

function listed(status: SubscriptionStatus, wanted: ListStatus | null): boolean {
  if (wanted === 'all') return true;
  if (wanted === 'ended') return status === 'canceled' || status === 'incomplete_expired';
  return wanted === null ? status !== 'canceled' : status === wanted;
}

/** Stripe's `previous_attributes`: the top-level fields that changed, with their old values. */
function changedFields(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed = Object.keys(old).filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]));
  return Object.fromEntries(changed.map((key) => [key, old[key]]));
}
