import { STRIPE_API_VERSION } from '../stripe-provider';
import type { BillingCycle } from '../types';
import { sandboxId, seconds } from './sandbox-ids';

export type Json = Record<string, unknown>;

export interface SandboxPrice {
  id: string;
  unitAmount: number;
  currency: string;
  cycle: BillingCycle;
}

/**
 * Builders of the objects the sandbox keeps and sends, in the shape of
 * Stripe's API version the adapter pins: the same readers (stripe-objects)
 * read both, so the sandbox exercises the production path.
 */
export function customerObject(input: { organizationId: string; email: string; name: string; at: Date }): Json {
  return {
    id: sandboxId('cus'),
    object: 'customer',
    created: seconds(input.at),
    email: input.email,
    name: input.name,
    metadata: { organizationId: input.organizationId },
    livemode: false,
  };
}

export function checkoutSessionObject(input: {
  organizationId: string;
  customerId: string;
  price: SandboxPrice;
  successUrl: string;
  cancelUrl: string;
  url: (sessionId: string) => string;
  at: Date;
}): Json {
  const id = sandboxId('cs');
  return {
    id,
    object: 'checkout.session',
    created: seconds(input.at),
    mode: 'subscription',
    status: 'open',
    payment_status: 'unpaid',
    customer: input.customerId,
    client_reference_id: input.organizationId,
    metadata: { organizationId: input.organizationId },
    subscription: null,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    url: input.url(id),
    amount_total: input.price.unitAmount,
    currency: input.price.currency,
    line_items: { object: 'list', data: [{ price: priceObject(input.price), quantity: 1 }] },
    livemode: false,
  };
}

export function priceObject(price: SandboxPrice): Json {
  return {
    id: price.id,
    object: 'price',
    unit_amount: price.unitAmount,
    currency: price.currency,
    recurring: { interval: price.cycle === 'annual' ? 'year' : 'month', interval_count: 1 },
  };
}

export function subscriptionObject(input: {
  organizationId: string;
  customerId: string;
  price: SandboxPrice;
  start: Date;
  periodEnd: Date;
  trialEnd: Date | null;
}): Json {
  return {
    id: sandboxId('sub'),
    object: 'subscription',
    created: seconds(input.start),
    start_date: seconds(input.start),
    customer: input.customerId,
    status: input.trialEnd ? 'trialing' : 'active',
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    trial_start: input.trialEnd ? seconds(input.start) : null,
    trial_end: input.trialEnd ? seconds(input.trialEnd) : null,
    currency: input.price.currency,
    latest_invoice: null,
    metadata: { organizationId: input.organizationId },
    items: {
      object: 'list',
      data: [
        {
          id: sandboxId('si'),
          object: 'subscription_item',
          price: priceObject(input.price),
          quantity: 1,
          current_period_start: seconds(input.start),
          current_period_end: seconds(input.periodEnd),
        },
      ],
    },
    livemode: false,
  };
}

/** An invoice for one period of `subscription`, finalized at `at` and paid or not. */
export function invoiceObject(
  subscription: Json,
  input: { at: Date; periodStart: Date; periodEnd: Date; paid: boolean; reason: string; usageCents?: number },
): Json {
  const price = (itemOf(subscription).price ?? {}) as Json;
  const amount = Number(price.unit_amount ?? 0) + (input.usageCents ?? 0);
  return {
    id: sandboxId('in'),
    object: 'invoice',
    created: seconds(input.at),
    customer: subscription.customer,
    status: input.paid ? 'paid' : 'open',
    billing_reason: input.reason,
    amount_due: amount,
    amount_paid: input.paid ? amount : 0,
    amount_remaining: input.paid ? 0 : amount,
    attempt_count: 1,
    currency: price.currency ?? 'usd',
    hosted_invoice_url: null,
    invoice_pdf: null,
    period_start: seconds(input.periodStart),
    period_end: seconds(input.periodEnd),
    status_transitions: { finalized_at: seconds(input.at), paid_at: input.paid ? seconds(input.at) : null },
    parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
    livemode: false,
  };
}

/** An event about `object` at wall-clock time `at` (what the ledger orders by). */
export function eventObject(type: string, object: Json, at: Date): Json {
  return {
    id: sandboxId('evt'),
    object: 'event',
    type,
    created: seconds(at),
    api_version: STRIPE_API_VERSION,
    livemode: false,
    pending_webhooks: 1,
    data: { object: structuredClone(object) },
  };
}

/** The plan's item (a metered one may ride along). */
export function itemOf(subscription: Json): Json {
  const items = (subscription.items as Json).data as Json[];
  return (items.find((item) => ((item.price as Json).recurring as Json | undefined)?.usage_type !== 'metered') ?? items[0] ?? {}) as Json;
}

/** A metered item (API calls past the limit), billed in arrears with each renewal. */
export function meteredItemObject(priceId: string, centsPer1000: number, planItem: Json): Json {
  return {
    id: sandboxId('si'),
    object: 'subscription_item',
    price: {
      id: priceId,
      object: 'price',
      unit_amount: null,
      unit_amount_decimal: String(centsPer1000 / 1000),
      currency: 'usd',
      recurring: { interval: ((planItem.price as Json).recurring as Json).interval, usage_type: 'metered' },
    },
    current_period_start: planItem.current_period_start,
    current_period_end: planItem.current_period_end,
  };
}

/** A usage record (Stripe's meter event), its id the reporter's identifier. */
export function meterEventObject(input: {
  identifier: string;
  customerId: string;
  subscriptionId: string;
  quantity: number;
  at: Date;
}): Json {
  return {
    id: input.identifier,
    object: 'billing.meter_event',
    identifier: input.identifier,
    timestamp: seconds(input.at),
    payload: { stripe_customer_id: input.customerId, value: String(input.quantity) },
    subscription: input.subscriptionId,
    invoiced: false,
  };
}
