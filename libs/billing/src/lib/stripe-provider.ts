import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { eventFromStripe, subscriptionFromStripe } from './stripe-objects';
import {
  BillingEvent,
  BillingProvider,
  CheckoutInput,
  CheckoutSession,
  InvalidSignatureError,
  ProviderSubscription,
  UsageReport,
} from './types';

/** Pinned: objects have the shape Plinth reads (stripe-objects.ts), whatever the account's default. */
export const STRIPE_API_VERSION = '2026-10-28.endive';
/** A webhook older than this is refused (replay). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface StripeSettings {
  secretKey: string;
  /** A Stripe-compatible server (e.g. a local one in tests): host, port and protocol are taken from it. */
  apiUrl?: string;
  automaticTax: boolean;
  /** The event name of the Stripe meter the metered price bills (pay as you go). */
  meterEventName: string;
}

let sdk: Promise<typeof Stripe> | undefined;

/** The SDK loads on first use: a deployment without billing (single-tenant mode) never loads it. */
function stripeSdk(): Promise<typeof Stripe> {
  sdk ??= import('stripe').then((module) => module.default);
  return sdk;
}

/** The Stripe adapter: the only code that imports `stripe`. */
export class StripeProvider extends BillingProvider {
  readonly sandbox = false;
  private readonly client: Promise<Stripe>;
  private readonly meteredPrices = new Map<string, number>();

  constructor(private readonly settings: StripeSettings) {
    super();
    this.client = stripeSdk().then(
      (StripeSdk) =>
        new StripeSdk(settings.secretKey, {
          apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
          ...serverOf(settings.apiUrl),
          maxNetworkRetries: 2,
          timeout: 20_000,
          telemetry: false,
        }),
    );
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const stripe = await this.client;
    const metadata = { organizationId: input.organizationId };
    const customerId =
      input.customerId ??
      (
        await stripe.customers.create(
          { email: input.email, name: input.organizationName, metadata },
          { idempotencyKey: `${input.idempotencyKey}:customer` },
        )
      ).id;
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        customer: customerId,
        client_reference_id: input.organizationId,
        metadata,
        line_items: [{ price: input.priceId, quantity: 1 }],
        subscription_data: { metadata, ...(input.trialDays ? { trial_period_days: input.trialDays } : {}) },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        billing_address_collection: 'required',
        allow_promotion_codes: true,
        ...(this.settings.automaticTax ? { automatic_tax: { enabled: true }, customer_update: { address: 'auto', name: 'auto' } } : {}),
      },
      { idempotencyKey: `${input.idempotencyKey}:session` },
    );
    return { sessionId: session.id, url: session.url ?? '', customerId };
  }

  async createPortal(input: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
    const stripe = await this.client;
    const session = await stripe.billingPortal.sessions.create(
      { customer: input.customerId, return_url: input.returnUrl },
      { idempotencyKey: `portal:${randomUUID()}` },
    );
    return { url: session.url };
  }

  async cancel(subscriptionId: string, atPeriodEnd: boolean, idempotencyKey: string): Promise<void> {
    const stripe = await this.client;
    if (atPeriodEnd) await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, { idempotencyKey });
    else await this.cancelNow(subscriptionId, idempotencyKey);
  }

  /**
   * Stripe ignores an Idempotency-Key on DELETE and answers a second cancel
   * with 404 `resource_missing`: a retry (the SDK's, or a job's) that finds
   * the subscription canceled has succeeded.
   */
  private async cancelNow(subscriptionId: string, idempotencyKey: string): Promise<void> {
    const stripe = await this.client;
    try {
      await stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey });
    } catch (error) {
      if ((error as { code?: string }).code !== 'resource_missing') throw error;
      if ((await this.subscription(subscriptionId))?.status !== 'canceled') throw error;
    }
  }

  async subscription(subscriptionId: string): Promise<ProviderSubscription | null> {
    const stripe = await this.client;
    try {
      return subscriptionFromStripe((await stripe.subscriptions.retrieve(subscriptionId)) as unknown as Record<string, unknown>);
    } catch (error) {
      if ((error as { code?: string }).code === 'resource_missing') return null;
      throw error;
    }
  }

  async *liveSubscriptions(): AsyncIterable<ProviderSubscription> {
    const stripe = await this.client;
    for await (const subscription of stripe.subscriptions.list({ limit: 100 })) {
      yield subscriptionFromStripe(subscription as unknown as Record<string, unknown>);
    }
  }

  async now(): Promise<Date> {
    return new Date();
  }

  async addMeteredItem(subscriptionId: string, priceId: string, idempotencyKey: string): Promise<string> {
    const stripe = await this.client;
    const existing = await stripe.subscriptionItems.list({ subscription: subscriptionId, limit: 20 });
    const item = existing.data.find((candidate) => candidate.price.id === priceId);
    if (item) return item.id;
    return (await stripe.subscriptionItems.create({ subscription: subscriptionId, price: priceId }, { idempotencyKey })).id;
  }

  /** A meter event: Stripe drops a second one with the same identifier. */
  async reportUsage(report: UsageReport): Promise<void> {
    const stripe = await this.client;
    await stripe.billing.meterEvents.create({
      event_name: this.settings.meterEventName,
      identifier: report.identifier,
      timestamp: Math.floor(report.at.getTime() / 1000),
      payload: { stripe_customer_id: report.customerId, value: String(report.quantity) },
    });
  }

  async meteredCentsPer1000(priceId: string): Promise<number> {
    const stripe = await this.client;
    let cached = this.meteredPrices.get(priceId);
    if (cached === undefined) {
      const price = await stripe.prices.retrieve(priceId);
      cached = Number(price.unit_amount_decimal ?? price.unit_amount ?? 0) * 1000;
      this.meteredPrices.set(priceId, cached);
    }
    return cached;
  }
}

/** Checks a webhook with the SDK: signed with `secret`, at most five minutes old. */
export async function verifyStripeEvent(rawBody: Buffer, signature: string | undefined, secret: string): Promise<BillingEvent> {
  if (!signature) throw new InvalidSignatureError('No Stripe-Signature header');
  const { webhooks } = await stripeSdk();
  try {
    const event = webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
    return eventFromStripe(event as unknown as Record<string, unknown>);
  } catch (error) {
    throw new InvalidSignatureError((error as Error).message);
  }
}

/** Signs a payload the way Stripe signs its webhooks (the sandbox's events, and tests). */
export async function signStripePayload(payload: string, secret: string, timestampSeconds?: number): Promise<string> {
  return (await stripeSdk()).webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestampSeconds ? { timestamp: timestampSeconds } : {}),
  });
}

function serverOf(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}
