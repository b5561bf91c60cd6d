import { randomBytes } from 'node:crypto';

/**
 * Stripe's objects as its API (2025+ versions: periods on the subscription
 * item, an invoice's subscription under `parent`) sends them, limited to the
 * fields a SaaS integration reads. The fake keeps these and answers with them.
 */

export type Metadata = Record<string, string>;
export type Interval = 'month' | 'year';

export type UsageType = 'licensed' | 'metered';

interface PriceTerms {
  currency: string;
  interval: Interval;
}

/**
 * A price the fake knows, by id: per unit (a plan: `unitAmount` cents a period,
 * paid in advance), or metered (pay as you go: what its meter received in a
 * period, billed in arrears at `unitAmountDecimal` cents a unit, e.g. '0.02' is
 * $0.20 per 1,000; `meterEventName` is the meter's `event_name`).
 */
export type FakePrice =
  | (PriceTerms & { usageType?: 'licensed'; unitAmount: number })
  | (PriceTerms & { usageType: 'metered'; unitAmountDecimal: string; meterEventName: string });

export interface StripeObject {
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
  billing_scheme: 'per_unit';
  currency: string;
  /** Whole cents a unit; null when the amount has fractions of a cent (see `unit_amount_decimal`). */
  unit_amount: number | null;
  /** Cents a unit as a decimal string (at most 12 decimals), on every price. */
  unit_amount_decimal: string;
  product: string;
  type: 'recurring';
  /** `meter`: the meter a metered price bills, else null. */
  recurring: { interval: Interval; interval_count: 1; meter: string | null; trial_period_days: null; usage_type: UsageType };
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
  /** Absent on a metered item: its meter's usage is billed instead. */
  quantity?: number;
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
    amount_subtotal: (price.unit_amount ?? 0) * quantity,
    amount_total: (price.unit_amount ?? 0) * quantity,
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

export function priceObject(id: string, price: FakePrice, meter: string | null): StripePrice {
  const metered = price.usageType === 'metered';
  const decimal = metered ? price.unitAmountDecimal : String(price.unitAmount);
  return {
    id,
    object: 'price',
    created: 0,
    livemode: false,
    active: true,
    billing_scheme: 'per_unit',
    currency: price.currency,
    unit_amount: /^\d+$/.test(decimal) ? Number(decimal) : null,
    unit_amount_decimal: decimal,
    product: `prod_${id.replace(/^price_/, '')}`,
    type: 'recurring',
    recurring: {
      interval: price.interval,
      interval_count: 1,
      meter: metered ? meter : null,
      trial_period_days: null,
      usage_type: metered ? 'metered' : 'licensed',
    },
    metadata: {},
  };
}

/** An item of `subscription` for `price` over the given period; a licensed one has a quantity, a metered one none. */
export function subscriptionItemObject(
  subscription: string,
  price: StripePrice,
  input: { quantity: number; start: number; end: number },
  now: number,
): StripeSubscriptionItem {
  return {
    id: stripeId('si_', 14),
    object: 'subscription_item',
    created: now,
    livemode: false,
    subscription,
    price,
    ...(price.recurring.usage_type === 'licensed' ? { quantity: input.quantity } : {}),
    current_period_start: input.start,
    current_period_end: input.end,
    metadata: {},
  };
}

/** A new subscription; its first period (or trial) starts `now`. */
export function subscriptionObject(
  input: { customer: string; price: StripePrice; quantity: number; metadata: Metadata; trialEnd: number | null },
  now: number,
): StripeSubscription {
  const id = stripeId('sub_');
  const end = input.trialEnd ?? nextPeriodEnd(now, input.price.recurring.interval, now);
  const item = subscriptionItemObject(id, input.price, { quantity: input.quantity, start: now, end }, now);
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
