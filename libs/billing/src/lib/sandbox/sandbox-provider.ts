import { ConflictError, NotFoundError, TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { periodEnd } from '../billing-periods';
import { addDays } from '../grace';
import { subscriptionFromStripe } from '../stripe-objects';
import { BillingProvider, CheckoutInput, CheckoutSession, ProviderSubscription, UsageReport } from '../types';
import {
  checkoutSessionObject,
  customerObject,
  eventObject,
  invoiceObject,
  itemOf,
  Json,
  meteredItemObject,
  meterEventObject,
  SandboxPrice,
  subscriptionObject,
} from './sandbox-objects';
import { advanceSubscription, cancelSubscription, CardOutcome, payOpenInvoices, Simulated } from './sandbox-simulation';
import { SandboxLookup, SandboxStore } from './sandbox-store';

/** Where the sandbox's events go: signed and posted to the webhook path, by the application (through its job queue). */
export interface SandboxEventOutlet {
  /** Queues `events` in `tx`, to be sent in this order, and only if the change that caused them commits. */
  deliver(tx: TenantTx, events: Json[]): Promise<void>;
}

export interface SandboxSettings {
  /** The SPA's origin: the sandbox's checkout and portal pages live there. */
  appUrl: string;
  prices: SandboxPrice[];
  /** The metered price of API calls past the limit (pay as you go). */
  metered: { id: string; centsPer1000: number };
}

export interface SandboxState {
  now: Date;
  cardOutcome: CardOutcome;
}

/**
 * A stand-in of Stripe kept in PostgreSQL, for a deployment without a
 * Stripe key: customers, checkout sessions, subscriptions and invoices in
 * Stripe's shape, a clock and a card outcome per organization, and the
 * events Stripe would send, signed and delivered to the same webhook path.
 */
export class SandboxBilling extends BillingProvider {
  readonly sandbox = true;
  private readonly store = new SandboxStore();
  private readonly lookup: SandboxLookup;

  constructor(
    private readonly transactions: TenantTransactions,
    dataSource: DataSource,
    private readonly outlet: SandboxEventOutlet,
    private readonly settings: SandboxSettings,
  ) {
    super();
    this.lookup = new SandboxLookup(dataSource);
  }

  createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    return this.transactions.run(input.organizationId, async (tx) => {
      const now = await this.clock(tx);
      let customerId = input.customerId;
      if (!customerId) {
        const customer = customerObject({ organizationId: tx.organizationId, email: input.email, name: input.organizationName, at: now });
        await this.store.save(tx, 'customer', customer);
        customerId = customer.id as string;
      }
      const session = checkoutSessionObject({
        organizationId: tx.organizationId,
        customerId,
        price: this.price(input.priceId),
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
        url: (id) => `${this.settings.appUrl}/sandbox/checkout/${id}?organization=${tx.organizationId}`,
        at: now,
      });
      await this.store.save(tx, 'checkout_session', session, { priceId: input.priceId, trialDays: input.trialDays });
      return { sessionId: session.id as string, url: session.url as string, customerId };
    });
  }

  async createPortal(input: { customerId: string; organizationId: string; returnUrl: string }): Promise<{ url: string }> {
    const query = new URLSearchParams({ organization: input.organizationId, return: input.returnUrl });
    return { url: `${this.settings.appUrl}/sandbox/portal?${query}` };
  }

  async cancel(subscriptionId: string, atPeriodEnd: boolean): Promise<void> {
    const found = await this.lookup.subscription(subscriptionId);
    if (!found) throw new NotFoundError('Subscription');
    await this.transactions.run(found.organizationId, async (tx) => {
      const stored = await this.store.find(tx, 'subscription', subscriptionId);
      if (!stored || stored.data.status === 'canceled') return;
      await this.record(tx, cancelSubscription(stored.data, atPeriodEnd, await this.clock(tx)));
    });
  }

  async subscription(subscriptionId: string): Promise<ProviderSubscription | null> {
    const found = await this.lookup.subscription(subscriptionId);
    return found ? subscriptionFromStripe(found.data) : null;
  }

  async *liveSubscriptions(): AsyncIterable<ProviderSubscription> {
    for await (const data of this.lookup.liveSubscriptions()) yield subscriptionFromStripe(data);
  }

  async now(organizationId: string): Promise<Date> {
    return new Date(Date.now() + (await this.lookup.clockOffsetSeconds(organizationId)) * 1000);
  }

  async addMeteredItem(subscriptionId: string, priceId: string): Promise<string> {
    const found = await this.lookup.subscription(subscriptionId);
    if (!found) throw new NotFoundError('Subscription');
    return this.transactions.run(found.organizationId, async (tx) => {
      const stored = await this.store.find(tx, 'subscription', subscriptionId);
      if (!stored) throw new NotFoundError('Subscription');
      const items = (stored.data.items as Json).data as Json[];
      const existing = items.find((item) => (item.price as Json).id === priceId);
      if (existing) return String(existing.id);
      const item = meteredItemObject(priceId, this.settings.metered.centsPer1000, itemOf(stored.data));
      items.push(item);
      await this.record(tx, {
        subscription: stored.data,
        invoices: [],
        events: [{ type: 'customer.subscription.updated', object: stored.data }],
      });
      return String(item.id);
    });
  }

  async reportUsage(report: UsageReport): Promise<void> {
    await this.transactions.run(report.organizationId, (tx) => this.store.saveNew(tx, 'usage_record', meterEventObject(report)));
  }

  async meteredCentsPer1000(): Promise<number> {
    return this.settings.metered.centsPer1000;
  }

  /** Pays an open sandbox checkout (the card entered there always works): the subscription starts, trialing or with a paid invoice. */
  async completeCheckout(tx: TenantTx, sessionId: string): Promise<{ sessionId: string; successUrl: string }> {
    const session = await this.store.find(tx, 'checkout_session', sessionId);
    if (!session) throw new NotFoundError('Checkout session');
    if (session.data.status !== 'open') throw new ConflictError('This checkout is already complete');
    if ((await this.store.liveSubscriptions(tx)).length > 0) throw new ConflictError('The organization already has a live subscription');
    const now = await this.clock(tx);
    const price = this.price(String(session.input.priceId));
    const trialDays = Number(session.input.trialDays ?? 0);
    const trialEnd = trialDays > 0 ? addDays(now, trialDays) : null;
    const subscription = subscriptionObject({
      organizationId: tx.organizationId,
      customerId: String(session.data.customer),
      price,
      start: now,
      periodEnd: trialEnd ?? periodEnd(now, price.cycle),
      trialEnd,
    });
    const invoice = trialEnd
      ? null
      : invoiceObject(subscription, {
          at: now,
          periodStart: now,
          periodEnd: periodEnd(now, price.cycle),
          paid: true,
          reason: 'subscription_create',
        });
    subscription.latest_invoice = invoice?.id ?? null;
    const completed = {
      ...session.data,
      status: 'complete',
      payment_status: invoice ? 'paid' : 'no_payment_required',
      subscription: subscription.id,
    };
    await this.store.save(tx, 'checkout_session', completed, session.input);
    const events: Simulated['events'] = [
      { type: 'checkout.session.completed', object: completed },
      { type: 'customer.subscription.created', object: subscription },
      ...(invoice
        ? [
            { type: 'invoice.finalized', object: { ...invoice, status: 'open' } },
            { type: 'invoice.paid', object: invoice },
          ]
        : []),
    ];
    await this.record(tx, { subscription, invoices: invoice ? [invoice] : [], events });
    return { sessionId, successUrl: String(session.data.success_url).replace('{CHECKOUT_SESSION_ID}', sessionId) };
  }

  /** How the organization's later charges end; a card that works again pays what is open at once. */
  async setCardOutcome(tx: TenantTx, cardOutcome: CardOutcome): Promise<SandboxState> {
    const account = await this.store.account(tx);
    await this.store.updateAccount(tx, { ...account, cardOutcome });
    const now = this.at(account.clockOffsetSeconds);
    if (cardOutcome === 'succeeds') {
      for (const subscription of await this.store.liveSubscriptions(tx)) {
        const open = await this.store.openInvoices(tx, String(subscription.id));
        if (open.length > 0) await this.record(tx, payOpenInvoices(subscription, open, now));
      }
    }
    return { now, cardOutcome };
  }

  /** Moves the organization's clock forward; trial ends, renewals and cancellations at period end happen on the way. */
  async advanceClock(tx: TenantTx, days: number): Promise<SandboxState> {
    const account = await this.store.account(tx);
    const from = this.at(account.clockOffsetSeconds);
    const clockOffsetSeconds = account.clockOffsetSeconds + days * 86_400;
    await this.store.updateAccount(tx, { ...account, clockOffsetSeconds });
    const to = this.at(clockOffsetSeconds);
    for (const subscription of await this.store.liveSubscriptions(tx)) {
      const usage = await this.store.uninvoicedUsage(tx, String(subscription.id), false);
      const simulated = advanceSubscription(subscription, from, to, account.cardOutcome, this.usageCents(usage));
      if (simulated.invoices.length > 0 && usage > 0) await this.store.uninvoicedUsage(tx, String(subscription.id), true);
      await this.record(tx, simulated);
    }
    return { now: to, cardOutcome: account.cardOutcome };
  }

  /** Reads only (a GET's unit of work is read-only). */
  async state(tx: TenantTx): Promise<SandboxState> {
    const account = await this.store.peekAccount(tx);
    return { now: this.at(account.clockOffsetSeconds), cardOutcome: account.cardOutcome };
  }

  private async record(tx: TenantTx, simulated: Simulated): Promise<void> {
    await this.store.save(tx, 'subscription', simulated.subscription);
    for (const invoice of simulated.invoices) await this.store.save(tx, 'invoice', invoice);
    const sentAt = new Date();
    if (simulated.events.length === 0) return;
    await this.outlet.deliver(
      tx,
      simulated.events.map((event) => eventObject(event.type, event.object, sentAt)),
    );
  }

  private usageCents(quantity: number): number {
    return Math.round((quantity * this.settings.metered.centsPer1000) / 1000);
  }

  private async clock(tx: TenantTx): Promise<Date> {
    return this.at((await this.store.account(tx)).clockOffsetSeconds);
  }

  private at(offsetSeconds: number): Date {
    return new Date(Date.now() + offsetSeconds * 1000);
  }

  private price(priceId: string): SandboxPrice {
    const price = this.settings.prices.find((p) => p.id === priceId);
    if (!price) throw new NotFoundError('Price');
    return price;
  }
}
