import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '../jobs/job-queue';
import { within } from './within';

const TIMEOUT_MS = 2_000;

/** pg-boss is started (its pool is open: a stopped one answers nothing) and its tables answer, through its own connections. */
@Injectable()
export class QueueHealth {
  constructor(
    private readonly jobs: JobQueue,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const session = this.indicator.check(key);
    try {
      await within(this.jobs.boss.getQueues(), TIMEOUT_MS, 'The job queue');
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
