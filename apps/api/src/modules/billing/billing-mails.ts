import { Injectable } from '@nestjs/common';
import type { ProviderInvoice } from '@plinth/billing';
import { PlanCatalog } from '@plinth/quota';
import type { PlanTier, TenantTx } from '@plinth/tenancy';
import { AppConfig } from '../../config/app-config';
import { Mailer } from '../mail/mailer';
import type { TemplateName, TemplateParams } from '../mail/templates';
import { Seats } from '../members/seats';
import { Organization } from '../organizations/entities/organization.entity';
import type { Subscription } from './entities/subscription.entity';

type BillingTemplate =
  'subscriptionConfirmed' | 'paymentReceipt' | 'paymentFailed' | 'graceReminder' | 'trialEnding' | 'subscriptionCanceled';
type Specific<T extends TemplateName> = Omit<TemplateParams<T>, 'name' | 'organizationName' | 'billingUrl'>;

const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
export const formatDay = (at: Date): string => day.format(at);
export const formatMoney = (cents: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);

/** Billing mails go to the organization's owners, queued in the unit of work that decided them. */
@Injectable()
export class BillingMails {
  constructor(
    private readonly mailer: Mailer,
    private readonly seats: Seats,
    private readonly catalog: PlanCatalog,
    private readonly config: AppConfig,
  ) {}

  confirmed(tx: TenantTx, s: Subscription): Promise<void> {
    const cycle = s.billingCycle === 'annual' ? 'year' : 'month';
    return this.send(tx, 'subscriptionConfirmed', {
      planName: this.planName(s.planTier),
      price: `${formatMoney(s.amountCents, s.currency)} a ${cycle}`,
      trialEnd: s.status === 'trialing' && s.trialEnd ? formatDay(s.trialEnd) : null,
    });
  }

  receipt(tx: TenantTx, invoice: ProviderInvoice): Promise<void> {
    return this.send(tx, 'paymentReceipt', {
      amount: formatMoney(invoice.amountPaidCents, invoice.currency),
      period: `${formatDay(invoice.periodStart)} – ${formatDay(invoice.periodEnd)}`,
      invoiceUrl: invoice.hostedInvoiceUrl,
    });
  }

  paymentFailed(tx: TenantTx, invoice: ProviderInvoice, s: Subscription, actionRequired: boolean): Promise<void> {
    return this.send(tx, 'paymentFailed', {
      amount: formatMoney(invoice.amountCents, invoice.currency),
      graceEnds: s.graceEndsAt ? formatDay(s.graceEndsAt) : null,
      actionRequired,
    });
  }

  graceReminder(tx: TenantTx, s: Subscription, daysLeft: number): Promise<void> {
    return this.send(tx, 'graceReminder', { daysLeft, graceEnds: formatDay(s.graceEndsAt ?? new Date()) });
  }

  trialEnding(tx: TenantTx, s: Subscription): Promise<void> {
    return this.send(tx, 'trialEnding', { planName: this.planName(s.planTier), trialEnd: formatDay(s.trialEnd ?? new Date()) });
  }

  /** `endsAt`: a cancellation at period end; null: it has ended now. */
  canceled(tx: TenantTx, s: Subscription, endsAt: Date | null, reason: string | null): Promise<void> {
    return this.send(tx, 'subscriptionCanceled', {
      planName: this.planName(s.planTier),
      endsAt: endsAt ? formatDay(endsAt) : null,
      reason,
    });
  }

  private async send<T extends BillingTemplate>(tx: TenantTx, template: T, params: Specific<T>): Promise<void> {
    const { name: organizationName, slug } = await tx.manager.findOneByOrFail(Organization, { id: tx.organizationId });
    const billingUrl = `${this.config.APP_URL.replace(/\/$/, '')}/o/${slug}/billing`;
    for (const owner of await this.seats.owners(tx)) {
      const all = { ...params, name: owner.name, organizationName, billingUrl } as unknown as TemplateParams<T>;
      await this.mailer.send(tx.manager, owner.email, template, all);
    }
  }

  private planName(tier: PlanTier | null): string {
    return tier ? this.catalog.plan(tier).name : 'paid';
  }
}
