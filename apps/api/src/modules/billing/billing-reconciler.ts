import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BillingProvider, ProviderSubscription, wholeSeconds } from '@plinth/billing';
import { TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { SubscriptionSync } from './subscription-sync';

const DAILY_QUEUE = 'billing.reconcile';

export interface Repair {
  organizationId: string;
  subscriptionId: string;
  changed: string[];
}

export interface Reconciliation {
  checked: number;
  repaired: Repair[];
}

/**
 * Compares every subscription Plinth knows, and every live one the provider
 * knows, with the provider's state, and applies the provider's where they
 * differ (a lost or failed webhook): audited like any change. Daily, and on
 * a platform admin's request.
 */
@Injectable()
export class BillingReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BillingReconciler.name);

  constructor(
    private readonly provider: BillingProvider,
    private readonly sync: SubscriptionSync,
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: DAILY_QUEUE, retryLimit: 2, retryDelaySeconds: 600, retentionHours: 24 * 7 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.boss.schedule(DAILY_QUEUE, '17 4 * * *');
    await this.jobs.work(DAILY_QUEUE, async () => {
      const result = await this.reconcile();
      this.logger.log(`Reconciled ${result.checked} subscriptions; repaired ${result.repaired.length}`);
    });
  }

  async reconcile(): Promise<Reconciliation> {
    const known = (await this.dataSource.query(
      `SELECT organization_id, stripe_subscription_id FROM subscriptions
        WHERE stripe_subscription_id IS NOT NULL AND status NOT IN ('canceled', 'incomplete_expired')`,
    )) as Array<{ organization_id: string; stripe_subscription_id: string }>;
    const seen = new Set(known.map((row) => row.stripe_subscription_id));
    const repaired: Repair[] = [];
    for (const row of known) {
      const latest = await this.provider.subscription(row.stripe_subscription_id);
      if (latest) await this.repair(row.organization_id, latest, repaired);
    }
    let unknown = 0;
    for await (const live of this.provider.liveSubscriptions()) {
      if (seen.has(live.id) || !live.organizationId) continue;
      unknown++;
      await this.repair(live.organizationId, live, repaired);
    }
    return { checked: known.length + unknown, repaired };
  }

  private async repair(organizationId: string, latest: ProviderSubscription, repaired: Repair[]): Promise<void> {
    try {
      const changed = await this.transactions.run(organizationId, (tx) =>
        this.sync.apply(tx, latest, { at: wholeSeconds(new Date()), fetched: true, cause: 'reconciliation' }),
      );
      if (changed.length > 0) repaired.push({ organizationId, subscriptionId: latest.id, changed });
    } catch (error) {
      this.logger.error(error, `Reconciling ${latest.id} of ${organizationId} failed`);
    }
  }
}
