import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BillingProvider } from '@plinth/billing';
import { ApiCallOverage, periodStart } from '@plinth/quota';
import { TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { Subscription } from './entities/subscription.entity';

const REPORT_QUEUE = 'billing.usage-report';

/** A span of overage to send: calls `from`..`to` (counted past the allowance) of one month. */
interface Chunk {
  periodStart: Date;
  from: number;
  to: number;
  customerId: string;
  subscriptionId: string;
}

/**
 * Reports API calls past the allowance to the provider every minute, in
 * one meter event per organization and month carrying what was counted
 * since the last (the meter's flushes aggregate the calls first). A chunk is
 * claimed in the database before it is sent and marked after, and its
 * identifier names where it ends: a crash between the two resends the same
 * chunk under the same identifier, which the provider drops. Nothing is
 * billed twice, nothing is lost.
 */
@Injectable()
export class UsageReports implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsageReports.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly overage: ApiCallOverage,
    private readonly provider: BillingProvider,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: REPORT_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retentionHours: 1 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.boss.schedule(REPORT_QUEUE, '* * * * *');
    await this.jobs.work(REPORT_QUEUE, () => this.reportAll());
  }

  /** Pay as you go was turned on: the month's row exists from now, so its overage is reported even if it is turned off again at once. */
  async start(tx: TenantTx): Promise<void> {
    await tx.manager.query('INSERT INTO usage_reports (organization_id, period_start) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      tx.organizationId,
      periodStart(),
    ]);
  }

  async reportAll(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT organization_id FROM quota_overage
       UNION SELECT organization_id FROM usage_reports WHERE period_start >= $1`,
      [new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1))],
    )) as Array<{ organization_id: string }>;
    for (const row of rows) {
      await this.report(row.organization_id).catch((error) => this.logger.error(error, `Usage of ${row.organization_id} not reported`));
    }
  }

  async report(organizationId: string): Promise<void> {
    const chunks = await this.transactions.run(organizationId, (tx) => this.claim(tx));
    for (const chunk of chunks) {
      await this.provider.reportUsage({
        organizationId,
        customerId: chunk.customerId,
        subscriptionId: chunk.subscriptionId,
        quantity: chunk.to - chunk.from,
        identifier: `${organizationId}:${chunk.periodStart.toISOString().slice(0, 7)}:${chunk.to}`,
        at: new Date(),
      });
      await this.transactions.run(organizationId, (tx) =>
        tx.manager.query(
          'UPDATE usage_reports SET reported = $3, updated_at = now() WHERE organization_id = $1 AND period_start = $2 AND reported < $3',
          [organizationId, chunk.periodStart, chunk.to],
        ),
      );
    }
  }

  /** Each month's unsent overage: a chunk left in flight by a crash as it was, else everything counted since. */
  private async claim(tx: TenantTx): Promise<Chunk[]> {
    const subscription = await tx.repo(Subscription).findOneBy({});
    if (!subscription?.stripeCustomerId || !subscription.stripeSubscriptionId) return [];
    const chunks: Chunk[] = [];
    for (const period of await this.overage.periods(tx)) {
      const [row] = (await tx.manager.query(
        `INSERT INTO usage_reports (organization_id, period_start) VALUES ($1, $2)
         ON CONFLICT (organization_id, period_start) DO UPDATE SET updated_at = now()
         RETURNING reported, pending`,
        [tx.organizationId, period.periodStart],
      )) as Array<{ reported: string; pending: string }>;
      const reported = Number(row.reported);
      let pending = Number(row.pending);
      if (pending === reported && period.overage > reported) {
        pending = period.overage;
        await tx.manager.query('UPDATE usage_reports SET pending = $3 WHERE organization_id = $1 AND period_start = $2', [
          tx.organizationId,
          period.periodStart,
          pending,
        ]);
      }
      if (pending > reported) {
        const ids = { customerId: subscription.stripeCustomerId, subscriptionId: subscription.stripeSubscriptionId };
        chunks.push({ periodStart: period.periodStart, from: reported, to: pending, ...ids });
      }
    }
    return chunks;
  }
}
