import { Injectable } from '@nestjs/common';
import { BillingEvent, BillingProvider, invoiceFromStripe, ProviderInvoice, subscriptionFromStripe } from '@plinth/billing';
import type { TenantTx } from '@plinth/tenancy';
import { AuditLogger } from '../../audit/audit-logger';
import { BillingMails } from '../billing-mails';
import { InvoiceRecords } from '../invoice-records';
import { SubscriptionRecords } from '../subscription-records';
import { Observation, SubscriptionSync } from '../subscription-sync';

type Json = Record<string, unknown>;
type Effect = (tx: TenantTx, event: BillingEvent) => Promise<void>;

/**
 * What each Stripe event does to the organization it names, inside the
 * unit of work that records it in the ledger. Events Plinth does not act on
 * are stored and acknowledged.
 */
@Injectable()
export class StripeEventEffects {
  private readonly effects: Record<string, Effect> = {
    'checkout.session.completed': (tx, event) => this.checkoutCompleted(tx, event),
    'customer.subscription.created': (tx, event) => this.subscriptionChanged(tx, event),
    'customer.subscription.updated': (tx, event) => this.subscriptionChanged(tx, event),
    'customer.subscription.deleted': (tx, event) => this.subscriptionChanged(tx, event),
    'customer.subscription.trial_will_end': (tx, event) => this.trialWillEnd(tx, event),
    'invoice.finalized': (tx, event) => this.invoiceChanged(tx, event).then(() => undefined),
    'invoice.paid': (tx, event) => this.invoicePaid(tx, event),
    'invoice.payment_failed': (tx, event) => this.paymentFailed(tx, event, false),
    'invoice.payment_action_required': (tx, event) => this.paymentFailed(tx, event, true),
    'payment_method.attached': (tx, event) => this.paymentMethodAttached(tx, event),
  };

  constructor(
    private readonly provider: BillingProvider,
    private readonly sync: SubscriptionSync,
    private readonly records: SubscriptionRecords,
    private readonly invoices: InvoiceRecords,
    private readonly mails: BillingMails,
    private readonly audit: AuditLogger,
  ) {}

  async apply(tx: TenantTx, event: BillingEvent): Promise<void> {
    await this.effects[event.type]?.(tx, event);
  }

  private async checkoutCompleted(tx: TenantTx, event: BillingEvent): Promise<void> {
    const subscriptionId = typeof event.object.subscription === 'string' ? event.object.subscription : null;
    await this.audit.record(tx, {
      action: 'billing.checkout_completed',
      targetType: 'checkout_session',
      targetId: String(event.object.id),
      metadata: { subscriptionId },
    });
    if (subscriptionId) await this.refresh(tx, subscriptionId, event);
  }

  private async subscriptionChanged(tx: TenantTx, event: BillingEvent): Promise<void> {
    await this.sync.apply(tx, subscriptionFromStripe(event.object), observation(event, false));
  }

  private async trialWillEnd(tx: TenantTx, event: BillingEvent): Promise<void> {
    const record = await this.records.lock(tx);
    if (record.stripeSubscriptionId === event.object.id && record.status === 'trialing') await this.mails.trialEnding(tx, record);
  }

  private async invoicePaid(tx: TenantTx, event: BillingEvent): Promise<void> {
    const { invoice, before } = await this.invoiceChanged(tx, event);
    if (before === 'paid') return;
    await this.audit.record(tx, {
      action: 'billing.payment_succeeded',
      targetType: 'invoice',
      targetId: invoice.id,
      metadata: { amountCents: invoice.amountPaidCents, currency: invoice.currency },
    });
    if (invoice.amountPaidCents > 0) await this.mails.receipt(tx, invoice);
    if (invoice.subscriptionId) await this.refresh(tx, invoice.subscriptionId, event);
  }

  private async paymentFailed(tx: TenantTx, event: BillingEvent, actionRequired: boolean): Promise<void> {
    const { invoice } = await this.invoiceChanged(tx, event);
    await this.audit.record(tx, {
      action: actionRequired ? 'billing.payment_action_required' : 'billing.payment_failed',
      targetType: 'invoice',
      targetId: invoice.id,
      metadata: { amountCents: invoice.amountCents, currency: invoice.currency },
    });
    if (invoice.subscriptionId) await this.refresh(tx, invoice.subscriptionId, event);
    await this.mails.paymentFailed(tx, invoice, await this.records.lock(tx), actionRequired);
  }

  private async invoiceChanged(
    tx: TenantTx,
    event: BillingEvent,
  ): Promise<{ invoice: ProviderInvoice; before: ProviderInvoice['status'] | null }> {
    const invoice = invoiceFromStripe(event.object);
    return { invoice, before: await this.invoices.upsert(tx, invoice) };
  }

  private async paymentMethodAttached(tx: TenantTx, event: BillingEvent): Promise<void> {
    const card = (event.object.card ?? {}) as Json;
    await this.audit.record(tx, {
      action: 'billing.payment_method_attached',
      targetType: 'payment_method',
      targetId: String(event.object.id),
      metadata: { type: event.object.type ?? null, brand: card.brand ?? null, last4: card.last4 ?? null },
    });
  }

  /** Objects other than the subscription say little of its state: ask the provider for its latest. */
  private async refresh(tx: TenantTx, subscriptionId: string, event: BillingEvent): Promise<void> {
    const latest = await this.provider.subscription(subscriptionId);
    if (latest) await this.sync.apply(tx, latest, observation(event, true));
  }
}

function observation(event: BillingEvent, fetched: boolean): Observation {
  return { at: event.created, fetched, cause: event.type, eventId: event.id };
}
