import type { PlanTier } from '@plinth/tenancy';

export const BILLING_CYCLES = ['monthly', 'annual'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** Stripe's subscription statuses, as Plinth reads them. */
export type SubscriptionStatus =
  'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'incomplete_expired' | 'paused';

/** A subscription as the provider holds it (Stripe, or the sandbox standing in for it). */
export interface ProviderSubscription {
  id: string;
  customerId: string;
  /** From `metadata.organizationId`: the only way Plinth matches provider objects to organizations. */
  organizationId: string | null;
  status: SubscriptionStatus;
  priceId: string | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  amountCents: number;
  currency: string;
}

export interface ProviderInvoice {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  organizationId: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  amountCents: number;
  amountPaidCents: number;
  currency: string;
  invoicePdfUrl: string | null;
  hostedInvoiceUrl: string | null;
  periodStart: Date;
  periodEnd: Date;
  paidAt: Date | null;
  createdAt: Date;
}

/** A verified webhook event, Stripe's shape. */
export interface BillingEvent {
  id: string;
  type: string;
  created: Date;
  object: Record<string, unknown>;
}

export interface CheckoutInput {
  organizationId: string;
  /** Created lazily: the organization's customer, if it has one yet. */
  customerId: string | null;
  email: string;
  organizationName: string;
  planTier: PlanTier;
  billingCycle: BillingCycle;
  priceId: string;
  trialDays: number | null;
  successUrl: string;
  cancelUrl: string;
  /** Makes a retried request create nothing twice. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  sessionId: string;
  url: string;
  customerId: string;
}

/** Calls past the limit, reported for billing (pay as you go). `identifier` makes a resend a no-op. */
export interface UsageReport {
  organizationId: string;
  customerId: string;
  subscriptionId: string;
  quantity: number;
  identifier: string;
  at: Date;
}

/**
 * The billing port. Stripe is one adapter (the only code that imports
 * `stripe`); the sandbox, a stand-in kept in PostgreSQL, is the other.
 */
export abstract class BillingProvider {
  abstract readonly sandbox: boolean;
  abstract createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  abstract createPortal(input: { customerId: string; organizationId: string; returnUrl: string }): Promise<{ url: string }>;
  /** At period end, or now. */
  abstract cancel(subscriptionId: string, atPeriodEnd: boolean, idempotencyKey: string): Promise<void>;
  abstract subscription(subscriptionId: string): Promise<ProviderSubscription | null>;
  /** Subscriptions with a live status, for reconciliation. */
  abstract liveSubscriptions(): AsyncIterable<ProviderSubscription>;
  /** The billing clock of an organization: the wall clock, or the sandbox's clock of it. */
  abstract now(organizationId: string): Promise<Date>;
  /** Adds the metered price to the subscription (once; returns the item, existing or new). */
  abstract addMeteredItem(subscriptionId: string, priceId: string, idempotencyKey: string): Promise<string>;
  abstract reportUsage(report: UsageReport): Promise<void>;
  /** What the metered price charges per 1,000 units, in cents (for display). */
  abstract meteredCentsPer1000(priceId: string): Promise<number>;
}

/** Raised when a webhook's signature is missing, forged or too old. */
export class InvalidSignatureError extends Error {}
