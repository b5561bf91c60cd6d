import {
  type Metadata,
  type StripeList,
  type StripeObject,
  type StripeSubscription,
  type StripeSubscriptionItem,
  stripeId,
} from './objects';

/** Stripe's invoice (API 2025+: its subscription under `parent`) and its lines, as the fake writes them. */

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

/** What one invoice line charges for a subscription item: `quantity` (seats, or metered usage) over `period`. */
export interface InvoiceCharge {
  item: StripeSubscriptionItem;
  quantity: number;
  amount: number;
  period: { start: number; end: number };
}

/**
 * An invoice of the subscription, finalized `now`, a line a charge: the plan's
 * first (its period is the one paid for), then any metered usage (the period
 * that ended). Like Stripe's, the invoice's own `period_start/end` look back (a
 * first invoice: both `now`; a renewal: the period that just ended).
 */
export function invoiceObject(
  subscription: StripeSubscription,
  input: { charges: InvoiceCharge[]; reason: StripeInvoice['billing_reason']; lookback: { start: number; end: number }; number: string },
  baseUrl: string,
  now: number,
): StripeInvoice {
  const id = stripeId('in_');
  const amount = input.charges.reduce((sum, charge) => sum + charge.amount, 0);
  const details = { subscription: subscription.id, metadata: { ...subscription.metadata } };
  return {
    id,
    object: 'invoice',
    created: now,
    livemode: false,
    customer: subscription.customer,
    status: 'open',
    billing_reason: input.reason,
    collection_method: 'charge_automatically',
    currency: subscription.currency,
    amount_due: amount,
    amount_paid: 0,
    amount_remaining: amount,
    subtotal: amount,
    total: amount,
    attempt_count: 0,
    attempted: false,
    number: input.number,
    hosted_invoice_url: `${baseUrl}/i/${id}`,
    invoice_pdf: `${baseUrl}/i/${id}/pdf`,
    period_start: input.lookback.start,
    period_end: input.lookback.end,
    status_transitions: { finalized_at: now, paid_at: null, marked_uncollectible_at: null, voided_at: null },
    parent: { type: 'subscription_details', quote_details: null, subscription_details: details },
    lines: {
      object: 'list',
      data: input.charges.map((charge) => lineObject(id, subscription.id, charge, now)),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    metadata: {},
  };
}

function lineObject(
  invoice: string,
  subscription: string,
  { item, quantity, amount, period }: InvoiceCharge,
  now: number,
): StripeInvoiceLine {
  const { price } = item;
  const per = price.recurring.usage_type === 'metered' ? 'unit' : price.recurring.interval;
  return {
    id: stripeId('il_'),
    object: 'line_item',
    created: now,
    livemode: false,
    invoice,
    amount,
    currency: price.currency,
    description: `${quantity} × ${price.product} (at ${Number(price.unit_amount_decimal) / 100} / ${per})`,
    quantity,
    subscription,
    period,
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        subscription,
        subscription_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        invoice_item: null,
      },
    },
    pricing: {
      type: 'price_details',
      price_details: { price: price.id, product: price.product },
      unit_amount_decimal: price.unit_amount_decimal,
    },
    metadata: {},
  };
}
