import { Injectable, Logger } from '@nestjs/common';
import { BillingProvider, isLive, PAID_TIERS, PaidTier, PriceBook, wholeSeconds } from '@plinth/billing';
import { PlanCatalog } from '@plinth/quota';
import { DomainError, PlanTier, TenantContext, TenantTx } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { Organization } from '../organizations/entities/organization.entity';
import {
  BillingProviderUnavailableError,
  CycleNotOfferedError,
  ForeignReturnUrlError,
  NoBillingAccountError,
  NotForCheckoutError,
  NothingToCancelError,
  SubscriptionLiveError,
  EnterpriseContractError,
} from './billing.errors';
import type {
  ApiCallsModeDto,
  CancelRequestDto,
  CheckoutRequestDto,
  CheckoutSessionDto,
  PortalDto,
  PortalRequestDto,
  SubscriptionDto,
} from './dto/billing.dto';
import type { Subscription } from './entities/subscription.entity';
import { PayAsYouGo } from './pay-as-you-go';
import { SubscriptionRecords } from './subscription-records';
import { SubscriptionSync } from './subscription-sync';

/** An owner's billing: checkout, the portal, cancellation; and what anyone in the organization may see of the subscription. */
@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    private readonly provider: BillingProvider,
    private readonly prices: PriceBook,
    private readonly catalog: PlanCatalog,
    private readonly records: SubscriptionRecords,
    private readonly sync: SubscriptionSync,
    private readonly audit: AuditLogger,
    private readonly config: AppConfig,
    private readonly payAsYouGo: PayAsYouGo,
  ) {}

  subscription(tenant: TenantContext): Promise<SubscriptionDto> {
    return tenant.transaction(async (tx) => this.present(tx, await this.records.find(tx), tx.planTier));
  }

  /** Refuse calls past the allowance, or serve and bill them (owners of a live paid plan). */
  setApiCallsMode(tenant: TenantContext, dto: ApiCallsModeDto): Promise<SubscriptionDto> {
    return tenant.transaction(async (tx) => {
      await this.call(() => this.payAsYouGo.setMode(tx, dto.mode));
      return this.present(tx, await this.records.find(tx), tx.planTier);
    });
  }

  /** Opens a checkout for a paid plan; the customer is created with the first one. Holds the subscription row: two at once wait in turn. */
  checkout(tenant: TenantContext, dto: CheckoutRequestDto): Promise<CheckoutSessionDto> {
    return tenant.transaction((tx) => this.openCheckout(tx, dto));
  }

  private async openCheckout(tx: TenantTx, dto: CheckoutRequestDto): Promise<CheckoutSessionDto> {
    const tier = paidTier(dto.planTier);
    const priceId = this.priceOf(tier, dto.billingCycle);
    this.requireOwnOrigin({ successUrl: dto.successUrl, cancelUrl: dto.cancelUrl });
    const record = await this.records.lock(tx);
    if (isLive(record.status)) throw new SubscriptionLiveError();
    if (tx.planTier === 'enterprise') throw new EnterpriseContractError();
    const organization = await tx.manager.findOneByOrFail(Organization, { id: tx.organizationId });
    const trialDays = record.trialUsed ? null : this.catalog.plan(tier).trialDays;
    const session = await this.call(() =>
      this.provider.createCheckout({
        organizationId: tx.organizationId,
        customerId: record.stripeCustomerId,
        email: tx.actor.email ?? '',
        organizationName: organization.name,
        planTier: tier,
        billingCycle: dto.billingCycle,
        priceId,
        trialDays,
        successUrl: dto.successUrl,
        cancelUrl: dto.cancelUrl,
        idempotencyKey: `checkout:${tx.organizationId}:${randomUUID()}`,
      }),
    );
    if (record.stripeCustomerId !== session.customerId) await this.records.update(tx, { stripeCustomerId: session.customerId });
    await this.audit.record(tx, {
      action: 'billing.checkout_started',
      targetType: 'checkout_session',
      targetId: session.sessionId,
      metadata: { planTier: tier, billingCycle: dto.billingCycle, trialDays },
    });
    return { sessionId: session.sessionId, sessionUrl: session.url };
  }

  portal(tenant: TenantContext, dto: PortalRequestDto): Promise<PortalDto> {
    return tenant.transaction((tx) => this.openPortal(tx, dto));
  }

  private async openPortal(tx: TenantTx, dto: PortalRequestDto): Promise<PortalDto> {
    const record = await this.records.find(tx);
    if (!record?.stripeCustomerId) throw new NoBillingAccountError();
    const returnUrl = dto.returnUrl ?? `${this.appUrl}/o/${tx.context.organizationSlug}/billing`;
    this.requireOwnOrigin({ returnUrl });
    const customerId = record.stripeCustomerId;
    const { url } = await this.call(() => this.provider.createPortal({ customerId, organizationId: tx.organizationId, returnUrl }));
    return { portalUrl: url };
  }

  /** Cancels with the provider, then applies what it answers at once (the webhook that follows changes nothing more). */
  cancel(tenant: TenantContext, dto: CancelRequestDto): Promise<SubscriptionDto> {
    return tenant.transaction((tx) => this.cancelIn(tx, dto));
  }

  private async cancelIn(tx: TenantTx, dto: CancelRequestDto): Promise<SubscriptionDto> {
    const record = await this.records.lock(tx);
    if (!isLive(record.status) || !record.stripeSubscriptionId) throw new NothingToCancelError();
    const subscriptionId = record.stripeSubscriptionId;
    await this.call(() => this.provider.cancel(subscriptionId, dto.cancelAtPeriodEnd, `cancel:${subscriptionId}:${randomUUID()}`));
    const latest = await this.call(() => this.provider.subscription(subscriptionId));
    if (latest) await this.sync.apply(tx, latest, { at: wholeSeconds(new Date()), fetched: true, cause: 'cancel_requested' });
    await this.audit.record(tx, {
      action: 'billing.cancel_requested',
      targetType: 'subscription',
      targetId: subscriptionId,
      metadata: { cancelAtPeriodEnd: dto.cancelAtPeriodEnd, feedback: dto.feedback ?? null },
    });
    const { planTier } = await tx.manager.findOneOrFail(Organization, { where: { id: tx.organizationId }, select: { planTier: true } });
    return this.present(tx, await this.records.find(tx), planTier);
  }

  /** `planTier`: the plan in force (the unit of work's, unless this one changed it). */
  private async present(tx: TenantTx, record: Subscription | null, planTier: PlanTier): Promise<SubscriptionDto> {
    const subscribed = Boolean(record?.stripeSubscriptionId);
    const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
    return {
      planTier,
      billingCycle: subscribed ? (record?.billingCycle ?? null) : null,
      status: subscribed ? (record?.status ?? 'active') : 'active',
      live: subscribed && isLive(record?.status ?? null),
      currentPeriodStart: iso(record?.currentPeriodStart),
      currentPeriodEnd: iso(record?.currentPeriodEnd),
      cancelAtPeriodEnd: record?.cancelAtPeriodEnd ?? false,
      trialEnd: iso(record?.trialEnd),
      graceEndsAt: iso(record?.graceEndsAt),
      amountCents: subscribed ? (record?.amountCents ?? 0) : 0,
      currency: record?.currency ?? 'usd',
      stripeCustomerId: record?.stripeCustomerId ?? null,
      stripeSubscriptionId: record?.stripeSubscriptionId ?? null,
      sandbox: this.provider.sandbox,
      trialAvailable: !record?.trialUsed,
      apiCalls: await this.payAsYouGo.describe(tx, record),
    };
  }

  private priceOf(tier: PaidTier, cycle: CheckoutRequestDto['billingCycle']): string {
    const plan = this.catalog.plan(tier);
    if ((cycle === 'annual' ? plan.priceAnnualCents : plan.priceMonthlyCents) === null) throw new CycleNotOfferedError(tier, cycle);
    return this.prices.priceOf(tier, cycle);
  }

  /** Checkout and the portal send people back only to this application. */
  private requireOwnOrigin(urls: Record<string, string>): void {
    for (const [field, url] of Object.entries(urls)) {
      if (!this.config.corsOrigins.includes(new URL(url).origin)) throw new ForeignReturnUrlError(field);
    }
  }

  private get appUrl(): string {
    return this.config.APP_URL.replace(/\/$/, '');
  }

  /** A provider failure is a 503 (nothing changed: the unit of work rolls back), never a 500. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.error(error, 'Payment provider call failed');
      throw new BillingProviderUnavailableError();
    }
  }
}

function paidTier(tier: CheckoutRequestDto['planTier']): PaidTier {
  if (!(PAID_TIERS as readonly string[]).includes(tier)) throw new NotForCheckoutError(tier);
  return tier as PaidTier;
}
