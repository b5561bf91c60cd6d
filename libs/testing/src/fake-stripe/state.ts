import { StripeApiError } from './errors';
import {
  type CheckoutOrder,
  checkoutSessionObject,
  customerObject,
  type FakePrice,
  invoiceObject,
  type Metadata,
  portalSessionObject,
  priceObject,
  type StripeCheckoutSession,
  type StripeCustomer,
  type StripeEvent,
  type StripeInvoice,
  type StripeList,
  type StripePortalSession,
  type StripePrice,
  type StripeSubscription,
  type SubscriptionStatus,
  stripeId,
} from './objects';

export interface FakeStripeOptions {
  /** The prices Checkout accepts, by id. */
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
    this.prices = new Map(Object.entries(options.prices).map(([id, price]) => [id, priceObject(id, price)]));
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
    const limit = input.limit ?? 10;
    if (limit < 1 || limit > 100)
      throw StripeApiError.invalid('limit', `Invalid limit: must be between 1 and 100 (it currently is '${limit}').`);
    let newestFirst = [...this.subscriptions.values()].reverse();
    if (input.startingAfter) {
      const index = newestFirst.findIndex((subscription) => subscription.id === input.startingAfter);
      if (index < 0) throw StripeApiError.noSuch('subscription', input.startingAfter, 'starting_after', 400);
      newestFirst = newestFirst.slice(index + 1);
    }
    const matching = newestFirst.filter((subscription) => listed(subscription.status, input.status));
    return { object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url: '/v1/subscriptions' };
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

  /** A new, finalized (open) invoice for the subscription's current period. */
  protected addInvoice(
    subscription: StripeSubscription,
    amount: number,
    reason: StripeInvoice['billing_reason'],
    lookback: { start: number; end: number },
  ) {
    const number = `FAKE-${String(++this.invoiceCount).padStart(4, '0')}`;
    const invoice = invoiceObject(subscription, { amount, reason, lookback, number }, this.baseUrl, this.now());
    this.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  /** Moves the account's clock forward to `at` (never back). */
  protected advanceClockTo(at: number): void {
    this.clockOffset += Math.max(0, at - this.now());
  }
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
