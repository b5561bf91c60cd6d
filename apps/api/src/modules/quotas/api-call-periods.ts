import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';

const RESET_QUEUE = 'quota.reset-api-calls';

/**
 * Starts each organization's API-call count afresh on the 1st of the month
 * (UTC), the billing period until subscriptions define their own. The meter
 * also treats a count from an earlier month as zero, so a late job costs nothing.
 */
@Injectable()
export class ApiCallPeriods implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: RESET_QUEUE, retryLimit: 5, retryDelaySeconds: 60 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.boss.schedule(RESET_QUEUE, '0 0 1 * *', {}, { tz: 'UTC' });
    await this.jobs.work(RESET_QUEUE, async () => {
      await this.resetEndedPeriods();
    });
  }

  /** System context: every organization's row at once. */
  async resetEndedPeriods(): Promise<number> {
    const result = await this.dataSource.query(
      `UPDATE quota_usage
          SET current = 0, period_start = date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        WHERE dimension = 'api_calls' AND period_start < date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
