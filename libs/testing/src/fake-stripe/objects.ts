import { randomBytes } from 'node:crypto';

/**
 * Stripe's objects as its API (2025+ versions: periods on the subscription
 * item, an invoice's subscription under `parent`) sends them, limited to the
 * fields a SaaS integration reads. The fake keeps these and answers with them.
 */

export type Metadata = Record<string, string>;
export type Interval = 'month' | 'year';

/** A price the fake knows, by id. */
export interface FakePrice {
  unitAmount: number;
  currency: string;
  interval: Interval;
}

interface StripeObject {
  id: string;
  created: number;
  livemode: false;
}

export interface StripeCustomer extends StripeObject {
  object: 'customer';
  email: string | null;
  name: string | null;
  description: null;
  balance: number;
  currency: string | null;
  delinquent: boolean;
  metadata: Metadata;
}

export interface StripeCheckoutSession extends StripeObject {
  object: 'checkout.session';
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  /** Null once the session is complete or expired. */
  url: string | null;
  customer: string | null;
  client_reference_id: string | null;
  metadata: Metadata;
  subscription: string | null;
  invoice: string | null;
  success_url: string | null;
  cancel_url: string | null;
  expires_at: number;
  allow_promotion_codes: boolean | null;
  billing_address_collection: 'auto' | 'required' | null;
  automatic_tax: { enabled: boolean; liability: null; status: null };
  currency: string;
  amount_subtotal: number;
  amount_total: number;
}

/** What the session remembers of `line_items` and `subscription_data` to create the subscription. */
export interface CheckoutOrder {
  priceId: string;
  quantity: number;
  subscriptionMetadata: Metadata;
  trialDays: number | null;
}

export interface StripePortalSession extends StripeObject {
  object: 'billing_portal.session';
  customer: string;
  return_url: string | null;
  url: string;
  configuration: string;
  locale: null;
  on_behalf_of: null;
  flow: null;
}

export interface StripePrice extends StripeObject {
  object: 'price';
  active: true;
  currency: string;
  unit_amount: number;
  product: string;
  type: 'recurring';
  recurring: { interval: Interval; interval_count: 1; usage_type: 'licensed' };
  metadata: Metadata;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export type SubscriptionStatus =
  'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'incomplete_expired' | 'paused';

export interface StripeSubscriptionItem extends StripeObject {
  object: 'subscription_item';
  subscription: string;
  price: StripePrice;
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
}

export interface StripeSubscription extends StripeObject {
  object: 'subscription';
  customer: string;
  status: SubscriptionStatus;
  metadata: Metadata;
  items: StripeList<StripeSubscriptionItem>;
  currency: string;
  collection_method: 'charge_automatically';
  start_date: number;
  billing_cycle_anchor: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  cancellation_details: { reason: 'cancellation_requested' | 'payment_failed' | null; comment: null; feedback: null };
  latest_invoice: string | null;
}

export interface StripeInvoiceLine extends StripeObject {
  object: 'line_item';
  invoice: string;
  amount: number;
  currency: string;
  description: string;
  quantity: number;
  subscription: string;
  /** The service period billed: the subscription period this invoice pays for. */
  period: { start: number; end: number };
  parent: {
    type: 'subscription_item_details';
    invoice_item_details: null;
    subscription_item_details: {
      subscription: string;
      subscription_item: string;
      proration: false;
      proration_details: { credited_items: null };
      invoice_item: null;
    };
  };
  pricing: { type: 'price_details'; price_details: { price: string; product: string }; unit_amount_decimal: string };
  metadata: Metadata;
}

export interface StripeInvoice extends StripeObject {
  object: 'invoice';
  customer: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  billing_reason: 'subscription_create' | 'subscription_cycle';
  collection_method: 'charge_automatically';
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  subtotal: number;
  total: number;
  attempt_count: number;
  attempted: boolean;
  number: string;
  hosted_invoice_url: string;
  invoice_pdf: string;
  /** Stripe's lookback window for pending items, not the service period: see `lines.data[].period`. */
  period_start: number;
  period_end: number;
  status_transitions: { finalized_at: number | null; paid_at: number | null; marked_uncollectible_at: null; voided_at: null };
  parent: {
    type: 'subscription_details';
    quote_details: null;
    subscription_details: { subscription: string; metadata: Metadata };
  };
  lines: StripeList<StripeInvoiceLine>;
  metadata: Metadata;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  pending_webhooks: number;
  /** The API request that caused the event; nulls for a change Stripe made itself (a renewal, a payment). */
  request: { id: string | null; idempotency_key: string | null };
  data: { object: object; previous_attributes?: Record<string, unknown> };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An id the way Stripe spells one: a prefix and random letters and digits. */
export function stripeId(prefix: string, length = 24): string {
  return prefix + Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export function customerObject(input: { email: string | null; name: string | null; metadata: Metadata }, now: number): StripeCustomer {
  return {
    id: stripeId('cus_', 14),
    object: 'customer',
    created: now,
    livemode: false,
    email: input.email,
    name: input.name,
    description: null,
    balance: 0,
    currency: null,
    delinquent: false,
    metadata: input.metadata,
  };
}

export function checkoutSessionObject(
  input: Pick<StripeCheckoutSession, 'customer' | 'client_reference_id' | 'metadata' | 'success_url' | 'cancel_url'> &
    Pick<StripeCheckoutSession, 'allow_promotion_codes' | 'billing_address_collection'> & { automaticTax: boolean },
  price: StripePrice,
  quantity: number,
  baseUrl: string,
  now: number,
): StripeCheckoutSession {
  const id = stripeId('cs_test_', 58);
  return {
    id,
    object: 'checkout.session',
    created: now,
    livemode: false,
    mode: 'subscription',
    status: 'open',
    payment_status: 'unpaid',
    url: `${baseUrl}/c/pay/${id}`,
    customer: input.customer,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
    subscription: null,
    invoice: null,
    success_url: input.success_url,
    cancel_url: input.cancel_url,
    expires_at: now + 24 * 3600,
    allow_promotion_codes: input.allow_promotion_codes,
    billing_address_collection: input.billing_address_collection,
    automatic_tax: { enabled: input.automaticTax, liability: null, status: null },
    currency: price.currency,
    amount_subtotal: price.unit_amount * quantity,
    amount_total: price.unit_amount * quantity,
  };
}

export function portalSessionObject(customer: string, returnUrl: string | null, baseUrl: string, now: number): StripePortalSession {
  const id = stripeId('bps_');
  return {
    id,
    object: 'billing_portal.session',
    created: now,
    livemode: false,
    customer,
    return_url: returnUrl,
    url: `${baseUrl}/p/session/${id}`,
    configuration: 'bpc_fakedefault',
    locale: null,
    on_behalf_of: null,
    flow: null,
  };
}

export function priceObject(id: string, price: FakePrice): StripePrice {
  return {
    id,
    object: 'price',
    created: 0,
    livemode: false,
    active: true,
    currency: price.currency,
    unit_amount: price.unitAmount,
    product: `prod_${id.replace(/^price_/, '')}`,
    type: 'recurring',
    recurring: { interval: price.interval, interval_count: 1, usage_type: 'licensed' },
    metadata: {},
  };
}

/** A new subscription; its first period (or trial) starts `now`. */
export function subscriptionObject(
  input: { customer: string; price: StripePrice; quantity: number; metadata: Metadata; trialEnd: number | null },
  now: number,
): StripeSubscription {
  const id = stripeId('sub_');
  const periodEnd = input.trialEnd ?? nextPeriodEnd(now, input.price.recurring.interval, now);
  const item: StripeSubscriptionItem = {
    id: stripeId('si_', 14),
    object: 'subscription_item',
    created: now,
    livemode: false,
    subscription: id,
    price: input.price,
    quantity: input.quantity,
    current_period_start: now,
    current_period_end: periodEnd,
    metadata: {},
  };
  return {
    id,
    object: 'subscription',
    created: now,
    livemode: false,
    customer: input.customer,
    status: input.trialEnd ? 'trialing' : 'active',
    metadata: input.metadata,
    items: { object: 'list', data: [item], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    currency: input.price.currency,
    collection_method: 'charge_automatically',
    start_date: now,
    billing_cycle_anchor: input.trialEnd ?? now,
    trial_start: input.trialEnd ? now : null,
    trial_end: input.trialEnd,
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    cancellation_details: { reason: null, comment: null, feedback: null },
    latest_invoice: null,
  };
}

/**
 * The invoice for the subscription's current period, finalized `now`. Like
 * Stripe's, its own `period_start/end` look back (a first invoice: both `now`;
 * a renewal: the period that just ended) and its line carries the period billed.
 */
export function invoiceObject(
  subscription: StripeSubscription,
  input: { amount: number; reason: StripeInvoice['billing_reason']; lookback: { start: number; end: number }; number: string },
  baseUrl: string,
  now: number,
): StripeInvoice {
  const id = stripeId('in_');
  const item = subscription.items.data[0];
  const details = { subscription: subscription.id, metadata: { ...subscription.metadata } };
  const line: StripeInvoiceLine = {
    id: stripeId('il_'),
    object: 'line_item',
    created: now,
    livemode: false,
    invoice: id,
    amount: input.amount,
    currency: item.price.currency,
    description: `${item.quantity} × ${item.price.product} (at ${item.price.unit_amount / 100} / ${item.price.recurring.interval})`,
    quantity: item.quantity,
    subscription: subscription.id,
    period: { start: item.current_period_start, end: item.current_period_end },
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        subscription: subscription.id,
        subscription_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        invoice_item: null,
      },
    },
    pricing: {
      type: 'price_details',
      price_details: { price: item.price.id, product: item.price.product },
      unit_amount_decimal: `${item.price.unit_amount}`,
    },
    metadata: {},
  };
  return {
    id,
    object: 'invoice',
    created: now,
    livemode: false,
    customer: subscription.customer,
    status: 'open',
    billing_reason: input.reason,
    collection_method: 'charge_automatically',
    currency: item.price.currency,
    amount_due: input.amount,
    amount_paid: 0,
    amount_remaining: input.amount,
    subtotal: input.amount,
    total: input.amount,
    attempt_count: 0,
    attempted: false,
    number: input.number,
    hosted_invoice_url: `${baseUrl}/i/${id}`,
    invoice_pdf: `${baseUrl}/i/${id}/pdf`,
    period_start: input.lookback.start,
    period_end: input.lookback.end,
    status_transitions: { finalized_at: now, paid_at: null, marked_uncollectible_at: null, voided_at: null },
    parent: { type: 'subscription_details', quote_details: null, subscription_details: details },
    lines: { object: 'list', data: [line], has_more: false, url: `/v1/invoices/${id}/lines` },
    metadata: {},
  };
}

/**
 * The first `anchor + n intervals` after `after`, in UTC calendar months,
 * clamped to the month's last day (Jan 31 → Feb 28 → Mar 31), as Stripe bills.
 */
export function nextPeriodEnd(anchor: number, interval: Interval, after: number): number {
  const start = new Date(anchor * 1000);
  const months = interval === 'year' ? 12 : 1;
  for (let n = 1; ; n++) {
    const year = start.getUTCFullYear();
    const month = start.getUTCMonth() + n * months;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const end = new Date(start);
    end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
    const seconds = Math.floor(end.getTime() / 1000);
    if (seconds > after) return seconds;
  }
}
