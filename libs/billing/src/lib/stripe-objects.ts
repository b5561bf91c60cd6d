import type { BillingEvent, ProviderInvoice, ProviderSubscription, SubscriptionStatus } from './types';

type Json = Record<string, unknown>;

const seconds = (value: unknown): Date => new Date(Number(value) * 1000);
const idOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : value && typeof value === 'object' ? ((value as Json).id as string) : null;
const metadataOf = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/**
 * Stripe's subscription object (API 2025+: periods on the item) as Plinth
 * reads it. The sandbox writes the same shape, so both adapters read through here.
 */
export function subscriptionFromStripe(object: Json): ProviderSubscription {
  const items = ((object.items as Json | undefined)?.data as Json[] | undefined) ?? [];
  // The plan's item: a metered one (API calls past the limit) rides along.
  const item = items.find((candidate) => !isMetered(candidate)) ?? items[0] ?? {};
  const price = (item.price as Json | undefined) ?? {};
  return {
    id: object.id as string,
    customerId: idOf(object.customer) ?? '',
    organizationId: (metadataOf(object.metadata).organizationId as string | undefined) ?? null,
    status: object.status as SubscriptionStatus,
    priceId: (price.id as string | undefined) ?? null,
    currentPeriodStart: seconds(item.current_period_start ?? object.current_period_start ?? object.start_date),
    currentPeriodEnd: seconds(item.current_period_end ?? object.current_period_end ?? object.start_date),
    cancelAtPeriodEnd: Boolean(object.cancel_at_period_end),
    trialEnd: object.trial_end ? seconds(object.trial_end) : null,
    amountCents: Number(price.unit_amount ?? 0),
    currency: String(price.currency ?? object.currency ?? 'usd'),
  };
}

function isMetered(item: Json): boolean {
  return metadataOf(metadataOf(item.price).recurring).usage_type === 'metered';
}

export function invoiceFromStripe(object: Json): ProviderInvoice {
  const parent = metadataOf(object.parent);
  const details = metadataOf(parent.subscription_details);
  const transitions = metadataOf(object.status_transitions);
  const period = servicePeriodOf(object);
  return {
    id: object.id as string,
    customerId: idOf(object.customer) ?? '',
    subscriptionId: idOf(details.subscription) ?? idOf(object.subscription),
    organizationId:
      (metadataOf(details.metadata).organizationId as string | undefined) ??
      (metadataOf(object.metadata).organizationId as string | undefined) ??
      null,
    status: object.status as ProviderInvoice['status'],
    amountCents: Number(object.amount_due ?? object.total ?? 0),
    amountPaidCents: Number(object.amount_paid ?? 0),
    currency: String(object.currency ?? 'usd'),
    invoicePdfUrl: (object.invoice_pdf as string | null | undefined) ?? null,
    hostedInvoiceUrl: (object.hosted_invoice_url as string | null | undefined) ?? null,
    periodStart: seconds(period.start),
    periodEnd: seconds(period.end),
    paidAt: transitions.paid_at ? seconds(transitions.paid_at) : null,
    createdAt: seconds(object.created),
  };
}

/**
 * The period an invoice bills. A subscription invoice's own `period_start/end`
 * look back one period (the window for pending items; a first invoice has
 * start = end): its subscription line carries the service period.
 */
function servicePeriodOf(invoice: Json): { start: unknown; end: unknown } {
  const lines = (metadataOf(invoice.lines).data as Json[] | undefined) ?? [];
  const line = lines.find((candidate) => metadataOf(metadataOf(candidate.parent).subscription_item_details).proration === false);
  const period = metadataOf(line?.period);
  return { start: period.start ?? invoice.period_start, end: period.end ?? invoice.period_end };
}

export function eventFromStripe(object: Json): BillingEvent {
  return {
    id: object.id as string,
    type: object.type as string,
    created: seconds(object.created),
    object: (metadataOf(object.data).object as Json | undefined) ?? {},
  };
}

/** The organization a Stripe object names: `client_reference_id`, else `metadata.organizationId`. */
export function organizationNamedBy(object: Json): string | null {
  const reference = object.client_reference_id;
  if (typeof reference === 'string') return reference;
  const fromMetadata = metadataOf(object.metadata).organizationId;
  if (typeof fromMetadata === 'string') return fromMetadata;
  const details = metadataOf(metadataOf(object.parent).subscription_details);
  const fromInvoice = metadataOf(details.metadata).organizationId;
  return typeof fromInvoice === 'string' ? fromInvoice : null;
}

/** The subscription a Stripe object is about, if any. */
export function subscriptionNamedBy(object: Json): string | null {
  if (object.object === 'subscription') return object.id as string;
  const details = metadataOf(metadataOf(object.parent).subscription_details);
  return idOf(object.subscription) ?? idOf(details.subscription);
}
