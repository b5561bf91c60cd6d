import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { NotFoundError, TenantTransactions, type TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { retriedWhileDatabaseUnavailable } from '../../database/database-unavailable';
import { JobQueue } from '../jobs/job-queue';
import { Claim, DeliveryAttempts } from './delivery-attempts';
import { WebhookClock } from './webhook-clock';
import { DELIVER_QUEUE, DeliveryJob, SWEEP_QUEUE, WebhookJobs } from './webhook-jobs';
import { AttemptResult, WebhookSender } from './webhook-sender';

/**
 * Pollers per process, each taking a few jobs at a time: a batch waits for its
 * slowest receiver (up to the 10 s timeout), so a dead endpoint stalls one
 * poller's batch, never the others.
 */
const POLLERS = 4;
const BATCH = 5;
/** A pending delivery this overdue lost its job (a crash after its commit): the sweep sends it another. */
const OVERDUE_MS = 60_000;
const RETENTION_DAYS = 30;
/** Logging an attempt stops being retried this long before its lease ends, so no other worker has taken it meanwhile. */
const LEASE_MARGIN_MS = 2_000;

/**
 * Sends webhook deliveries. Each job is one attempt: claim (a short
 * transaction), POST (no transaction open), log the outcome and plan the
 * next attempt (another short one). A job only fails — and pg-boss retries
 * it — when the database does; a receiver's failure is a logged attempt.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly jobs: WebhookJobs,
    private readonly transactions: TenantTransactions,
    private readonly attempts: DeliveryAttempts,
    private readonly sender: WebhookSender,
    private readonly clock: WebhookClock,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A job still active past the lease lost its worker: pg-boss retries it, and the lease has run out by then.
    await this.queue.defineQueue({
      name: DELIVER_QUEUE,
      retryLimit: 5,
      retryDelaySeconds: 30,
      expireInSeconds: this.config.WEBHOOK_LEASE_SECONDS,
    });
    await this.queue.defineQueue({ name: SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retentionHours: 1 });
    if (!this.config.JOBS_ENABLED) return;
    for (let i = 0; i < POLLERS; i++) {
      await this.queue.work<DeliveryJob>(DELIVER_QUEUE, (job) => this.deliver(job), { concurrency: BATCH });
    }
    await this.queue.boss.schedule(SWEEP_QUEUE, '* * * * *');
    await this.queue.work(SWEEP_QUEUE, () => this.sweep());
  }

  /** One attempt of one delivery (nothing, when it is not due). */
  async deliver(job: DeliveryJob): Promise<void> {
    const claim = await this.inOrganization(job, (tx) => this.attempts.claim(tx, job.deliveryId));
    if (!claim) return;
    const result = claim.webhook ? await this.sender.send(claim.webhook) : notSent(claim);
    // Sent but not logged, the delivery would be sent again once the lease ends: a database
    // restart in between is waited out while the lease holds (then the job's retry logs it, or sends again).
    const leaseEnds = claim.startedAt.getTime() + this.config.WEBHOOK_LEASE_SECONDS * 1000 - LEASE_MARGIN_MS;
    await retriedWhileDatabaseUnavailable(() => this.inOrganization(job, (tx) => this.attempts.record(tx, claim, result)), leaseEnds);
  }

  /** Jobs for deliveries whose own job was lost, and events past their retention. */
  async sweep(): Promise<void> {
    const overdue = new Date(this.clock.now().getTime() - OVERDUE_MS);
    const rows = (await this.dataSource.query(
      `SELECT organization_id AS "organizationId", id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at < $1 ORDER BY next_attempt_at LIMIT 1000`,
      [overdue],
    )) as Array<{ organizationId: string; id: string }>;
    const byOrganization = new Map<string, string[]>();
    for (const row of rows) byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row.id]);
    for (const [organizationId, deliveryIds] of byOrganization) await this.jobs.send(organizationId, deliveryIds);
    await this.dataSource.query(
      `DELETE FROM webhook_events WHERE id IN (
         SELECT id FROM webhook_events WHERE created_at < now() - make_interval(days => $1) LIMIT 5000)`,
      [RETENTION_DAYS],
    );
  }

  /** Runs in the job's organization; a deleted organization has nothing left to send. */
  private async inOrganization<T>(job: DeliveryJob, work: (tx: TenantTx) => Promise<T>): Promise<T | null> {
    try {
      return await this.transactions.run(job.organizationId, work);
    } catch (error) {
      if (error instanceof NotFoundError) {
        this.logger.debug({ deliveryId: job.deliveryId }, 'Webhook delivery of a deleted organization dropped');
        return null;
      }
      throw error;
    }
  }
}

function notSent(claim: Claim): AttemptResult {
  return { ok: false, statusCode: null, durationMs: 0, responseExcerpt: null, error: claim.refusal };
}
