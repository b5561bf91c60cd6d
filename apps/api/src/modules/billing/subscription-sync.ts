import { Injectable } from '@nestjs/common';
import {
  BillingProvider,
  effectiveTier,
  graceEndsAt,
  isInGrace,
  isLive,
  judge,
  monthlyAmount,
  PriceBook,
  ProviderSubscription,
} from '@plinth/billing';
import { ApiCallMeter } from '@plinth/quota';
import type { PlanTier, TenantTx } from '@plinth/tenancy';
import { AuditLogger } from '../audit/audit-logger';
import { Organization } from '../organizations/entities/organization.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import { BillingMails } from './billing-mails';
import type { Subscription } from './entities/subscription.entity';
import { SubscriptionTransition } from './entities/subscription-transition.entity';
import { GraceChecks } from './grace-checks';
import { PayAsYouGo } from './pay-as-you-go';
import { SubscriptionRecords } from './subscription-records';

/** How a subscription state was seen: in an event created `at`, or `fetched` from the provider (its latest) because of something at `at`. */
export interface Observation {
  at: Date;
  fetched: boolean;
  /** What brought it: an event type, `cancel_requested`, `grace_expired`, `reconciliation`… (audited). */
  cause: string;
  /** The Stripe event it came with, if any (audited: which event changed what). */
  eventId?: string;
}

/** The fields an applied state sets, compared to say what changed. */
const TRACKED = ['stripeSubscriptionId', 'status', 'planTier', 'billingCycle', 'cancelAtPeriodEnd', 'amountCents'] as const;

/**
 * The one place a subscription state becomes Plinth's: the row, the
 * organization's plan (so its limits move in the same transaction), the
 * grace period, the history the metrics read, the audit entry and the mails.
 * An older state than the one applied changes nothing; one as old is checked
 * with the provider.
 */
@Injectable()
export class SubscriptionSync {
  constructor(
    private readonly provider: BillingProvider,
    private readonly prices: PriceBook,
    private readonly records: SubscriptionRecords,
    private readonly audit: AuditLogger,
    private readonly mails: BillingMails,
    private readonly grace: GraceChecks,
    private readonly meter: ApiCallMeter,
    private readonly payAsYouGo: PayAsYouGo,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Returns the names of the fields that changed (none: stale, ignored, or the same). */
  async apply(tx: TenantTx, incoming: ProviderSubscription, observed: Observation): Promise<string[]> {
    const before = await this.records.lock(tx);
    const applied = { subscriptionId: before.stripeSubscriptionId, status: before.status, syncedAt: before.syncedAt };
    const verdict = judge(applied, incoming, observed);
    if (verdict === 'confirm') {
      const latest = await this.provider.subscription(incoming.id);
      return latest ? this.apply(tx, latest, { ...observed, fetched: true }) : [];
    }
    if (verdict !== 'apply') return [];
    const after = await this.nextState(tx, before, incoming, observed);
    const changed = TRACKED.filter((field) => before[field] !== after[field]);
    await this.records.update(tx, after);
    const record = { ...before, ...after };
    const plan = await this.replan(tx, record);
    if (changed.length === 0 && plan.from === plan.to) return [];
    await this.remember(tx, before, record, plan, observed);
    return changed;
  }

  private async nextState(
    tx: TenantTx,
    before: Subscription,
    incoming: ProviderSubscription,
    observed: Observation,
  ): Promise<Partial<Subscription>> {
    const plan = this.prices.planOf(incoming.priceId);
    const sameSubscription = before.stripeSubscriptionId === incoming.id;
    const enteringGrace = isInGrace(incoming.status) && !(sameSubscription && isInGrace(before.status));
    const graceStartedAt = enteringGrace
      ? await this.provider.now(tx.organizationId)
      : isInGrace(incoming.status)
        ? before.graceStartedAt
        : null;
    if (enteringGrace) await this.grace.checkSoon(tx);
    return {
      stripeSubscriptionId: incoming.id,
      stripeCustomerId: incoming.customerId || before.stripeCustomerId,
      status: incoming.status,
      planTier: plan?.tier ?? (sameSubscription ? before.planTier : null),
      billingCycle: plan?.cycle ?? (sameSubscription ? before.billingCycle : null),
      currentPeriodStart: incoming.currentPeriodStart,
      currentPeriodEnd: incoming.currentPeriodEnd,
      cancelAtPeriodEnd: incoming.cancelAtPeriodEnd,
      trialEnd: incoming.trialEnd,
      trialUsed: before.trialUsed || incoming.trialEnd !== null,
      amountCents: incoming.amountCents,
      currency: incoming.currency,
      graceStartedAt,
      graceEndsAt: graceStartedAt ? graceEndsAt(graceStartedAt) : null,
      graceRemindersSent: enteringGrace || !graceStartedAt ? 0 : before.graceRemindersSent,
      syncedAt: before.syncedAt && before.syncedAt > observed.at ? before.syncedAt : observed.at,
      meteredItemId: sameSubscription ? before.meteredItemId : null,
    };
  }

  /** Moves the organization to the plan the subscription gives; an unknown price (a custom enterprise deal) leaves it be. */
  private async replan(tx: TenantTx, record: Subscription): Promise<{ from: PlanTier; to: PlanTier }> {
    const { planTier: from } = await tx.manager.findOneOrFail(Organization, {
      where: { id: tx.organizationId },
      select: { planTier: true },
    });
    const status = record.status ?? 'canceled';
    const to = isLive(status) && record.planTier === null ? from : effectiveTier(status, record.planTier);
    if (to !== from) {
      await tx.manager.update(Organization, { id: tx.organizationId }, { planTier: to });
      tx.afterCommit(() => this.meter.forget(tx.organizationId));
    }
    if (!isLive(status)) await this.payAsYouGo.stop(tx);
    return { from, to };
  }

  private async remember(
    tx: TenantTx,
    before: Subscription,
    after: Subscription,
    plan: { from: PlanTier; to: PlanTier },
    observed: Observation,
  ) {
    const newSubscription = before.stripeSubscriptionId !== after.stripeSubscriptionId;
    const fromStatus = newSubscription ? null : before.status;
    if (fromStatus !== after.status || before.planTier !== after.planTier) {
      await tx.repo(SubscriptionTransition).insert({
        stripeSubscriptionId: after.stripeSubscriptionId ?? '',
        fromStatus,
        toStatus: after.status ?? 'canceled',
        planTier: after.planTier,
        monthlyAmountCents: monthlyAmount(after.amountCents, after.billingCycle),
      });
    }
    await this.audit.record(tx, {
      action: 'billing.subscription_updated',
      targetType: 'subscription',
      targetId: after.stripeSubscriptionId ?? undefined,
      metadata: {
        cause: observed.cause,
        eventId: observed.eventId ?? null,
        planTier: plan,
        status: { from: fromStatus, to: after.status },
        cancelAtPeriodEnd: after.cancelAtPeriodEnd,
      },
    });
    await this.webhooks.enqueue(tx, 'subscription.updated', {
      planTier: plan.to,
      previousPlanTier: plan.from,
      status: after.status,
      previousStatus: fromStatus,
      billingCycle: after.billingCycle,
      cancelAtPeriodEnd: after.cancelAtPeriodEnd,
      currentPeriodEnd: after.currentPeriodEnd?.toISOString() ?? null,
    });
    await this.tell(tx, before, after, newSubscription, observed.cause);
  }

  private async tell(tx: TenantTx, before: Subscription, after: Subscription, newSubscription: boolean, cause: string): Promise<void> {
    const wasLive = !newSubscription && isLive(before.status);
    if (isLive(after.status) && !wasLive) await this.mails.confirmed(tx, after);
    else if (wasLive && !isLive(after.status)) await this.mails.canceled(tx, before, null, REASONS[cause] ?? null);
    else if (isLive(after.status) && after.cancelAtPeriodEnd && !before.cancelAtPeriodEnd) {
      await this.mails.canceled(tx, after, after.currentPeriodEnd, null);
    }
  }
}

const REASONS: Record<string, string> = {
  grace_expired: 'the payment did not go through within the grace period',
};
