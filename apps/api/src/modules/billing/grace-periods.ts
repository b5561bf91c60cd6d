import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BillingProvider, dueReminder, isInGrace, wholeSeconds } from '@plinth/billing';
import { TenantTransactions, TenantTx } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { BillingMails } from './billing-mails';
import type { Subscription } from './entities/subscription.entity';
import { GRACE_QUEUE } from './grace-checks';
import { SubscriptionRecords } from './subscription-records';
import { SubscriptionSync } from './subscription-sync';

const SWEEP_QUEUE = 'billing.grace-sweep';

/**
 * Past due → seven days of grace with full access, reminders on days 1, 3
 * and 5 → the subscription is canceled and the organization is on Free.
 * Each organization's grace is read against its billing clock (the wall
 * clock, or its sandbox clock); a sweep every ten minutes looks at every
 * organization in grace, and a change that starts grace or moves a sandbox
 * clock asks for a look at once.
 */
@Injectable()
export class GracePeriods implements OnApplicationBootstrap {
  private readonly logger = new Logger(GracePeriods.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly provider: BillingProvider,
    private readonly records: SubscriptionRecords,
    private readonly sync: SubscriptionSync,
    private readonly mails: BillingMails,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: GRACE_QUEUE, retryLimit: 10, retryDelaySeconds: 30 });
    await this.jobs.defineQueue({ name: SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retentionHours: 1 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.work<{ organizationId: string }>(GRACE_QUEUE, (job) => this.check(job.organizationId), { concurrency: 2 });
    await this.jobs.boss.schedule(SWEEP_QUEUE, '*/10 * * * *');
    await this.jobs.work(SWEEP_QUEUE, () => this.sweep());
  }

  /** Sends the reminder that is due, or ends the subscription when grace is over. */
  check(organizationId: string): Promise<void> {
    return this.transactions.run(organizationId, async (tx) => {
      const record = await this.records.lock(tx);
      if (!isInGrace(record.status) || !record.graceStartedAt || !record.graceEndsAt) return;
      const now = await this.provider.now(organizationId);
      if (now >= record.graceEndsAt) return this.downgrade(tx, record);
      const reminder = dueReminder(record.graceStartedAt, now, record.graceRemindersSent);
      if (!reminder) return;
      await this.records.update(tx, { graceRemindersSent: reminder.index + 1 });
      await this.mails.graceReminder(tx, record, reminder.daysLeft);
    });
  }

  /** Cancels the subscription with the provider, then applies what it says now (canceled: the organization is on Free). */
  private async downgrade(tx: TenantTx, record: Subscription): Promise<void> {
    const subscriptionId = record.stripeSubscriptionId as string;
    await this.provider.cancel(subscriptionId, false, `grace-expired:${subscriptionId}:${randomUUID()}`);
    const latest = await this.provider.subscription(subscriptionId);
    const ended = latest ?? {
      ...{ id: subscriptionId, customerId: record.stripeCustomerId ?? '', organizationId: tx.organizationId, priceId: null },
      ...{ currentPeriodStart: record.currentPeriodStart ?? new Date(), currentPeriodEnd: record.currentPeriodEnd ?? new Date() },
      ...{ status: 'canceled' as const, cancelAtPeriodEnd: false, trialEnd: record.trialEnd, amountCents: 0, currency: record.currency },
    };
    await this.sync.apply(tx, ended, { at: wholeSeconds(new Date()), fetched: true, cause: 'grace_expired' });
  }

  async sweep(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT organization_id FROM subscriptions WHERE grace_ends_at IS NOT NULL AND status IN ('past_due', 'unpaid')`,
    )) as Array<{ organization_id: string }>;
    for (const row of rows) {
      await this.check(row.organization_id).catch((error) => this.logger.error(error, `Grace check of ${row.organization_id} failed`));
    }
  }
}
