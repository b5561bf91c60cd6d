import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BillingEvent, eventFromStripe, InvalidSignatureError, organizationNamedBy, verifyStripeEvent } from '@plinth/billing';
import { isUuid, TenantTransactions, TenantTx } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../jobs/job-queue';
import { MetricsService, StripeEventOutcome } from '../../metrics/metrics.service';
import { StripeEvent } from '../entities/stripe-event.entity';
import { StripeEventEffects } from './stripe-event-effects';

const RETRY_QUEUE = 'billing.stripe-event';

export interface Receipt {
  /** The event id was in the ledger already: nothing was done again. */
  duplicate: boolean;
}

/**
 * Incoming Stripe events: checked with the SDK, then recorded in the ledger
 * (one row per event id) in the same unit of work as their effects, so an
 * event is applied once however often it arrives. An event whose effects
 * fail is kept unapplied and retried by the job queue with backoff; the
 * endpoint still answers at once.
 */
@Injectable()
export class StripeEventLedger implements OnApplicationBootstrap {
  private readonly logger = new Logger(StripeEventLedger.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly effects: StripeEventEffects,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.defineQueue({ name: RETRY_QUEUE, retryLimit: 12, retryDelaySeconds: 30 });
    if (!this.config.JOBS_ENABLED) return;
    await this.jobs.work<{ eventId: string; organizationId: string }>(RETRY_QUEUE, (job) => this.retry(job.eventId, job.organizationId));
  }

  /** Throws InvalidSignatureError (nothing stored) unless `rawBody` is signed with the webhook secret and fresh. */
  async receive(rawBody: Buffer, signature: string | undefined): Promise<Receipt> {
    const event = await this.verified(rawBody, signature);
    const payload = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    const organizationId = await this.organizationOf(event);
    if (!organizationId) return this.counted(event, 'ignored', await this.recordUnmatched(event, payload));
    try {
      return this.counted(event, 'processed', await this.transactions.run(organizationId, (tx) => this.recordAndApply(tx, event, payload)));
    } catch (error) {
      this.logger.error(error, `Stripe event ${event.id} (${event.type}) failed; retried by the job queue`);
      return this.counted(
        event,
        'failed',
        await this.transactions.run(organizationId, (tx) => this.recordForRetry(tx, event, payload, error)),
      );
    }
  }

  private async verified(rawBody: Buffer, signature: string | undefined): Promise<BillingEvent> {
    try {
      return await verifyStripeEvent(rawBody, signature, this.config.stripeWebhookSecret);
    } catch (error) {
      if (error instanceof InvalidSignatureError) this.metrics.stripeEventReceived('unknown', 'invalid_signature');
      throw error;
    }
  }

  /** Counted by type and outcome; an event id already in the ledger is a duplicate, whichever path found it. */
  private counted(event: BillingEvent, outcome: StripeEventOutcome, receipt: Receipt): Receipt {
    this.metrics.stripeEventReceived(event.type, receipt.duplicate ? 'duplicate' : outcome);
    return receipt;
  }

  private async recordAndApply(tx: TenantTx, event: BillingEvent, payload: Record<string, unknown>): Promise<Receipt> {
    if (!(await this.insert(tx, event, payload, { processed: true }))) return { duplicate: true };
    await this.effects.apply(tx, event);
    return { duplicate: false };
  }

  private async recordForRetry(tx: TenantTx, event: BillingEvent, payload: Record<string, unknown>, error: unknown): Promise<Receipt> {
    if (!(await this.insert(tx, event, payload, { processed: false, error }))) return { duplicate: true };
    await this.jobs.enqueue(tx.manager, RETRY_QUEUE, { eventId: event.id, organizationId: tx.organizationId });
    return { duplicate: false };
  }

  /** Applies an event left unapplied; throws (and is retried with backoff) while its effects fail. */
  async retry(eventId: string, organizationId: string): Promise<void> {
    try {
      await this.transactions.run(organizationId, async (tx) => {
        const stored = await tx
          .repo(StripeEvent)
          .createQueryBuilder('e')
          .where('e.id = :eventId AND e.processedAt IS NULL', { eventId })
          .setLock('pessimistic_write')
          .getOne();
        if (!stored) return;
        await this.effects.apply(tx, eventFromStripe(stored.payload));
        await tx.repo(StripeEvent).update({ id: eventId }, { processedAt: new Date(), attempts: stored.attempts + 1, lastError: null });
      });
    } catch (error) {
      await this.dataSource.query('UPDATE stripe_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
        eventId,
        messageOf(error),
      ]);
      throw error;
    }
  }

  /** False when the event id is in the ledger already. */
  private async insert(
    tx: TenantTx,
    event: BillingEvent,
    payload: Record<string, unknown>,
    outcome: { processed: boolean; error?: unknown },
  ) {
    const inserted = (await tx.manager.query(
      `INSERT INTO stripe_events (id, organization_id, type, created_at, payload, processed_at, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, 1, $7)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, tx.organizationId, event.type, event.created, payload, outcome.processed, outcome.error ? messageOf(outcome.error) : null],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** An event naming no organization Plinth has: kept (as the system) and acknowledged. */
  private async recordUnmatched(event: BillingEvent, payload: Record<string, unknown>): Promise<Receipt> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO stripe_events (id, organization_id, type, created_at, payload, processed_at)
       VALUES ($1, NULL, $2, $3, $4, now()) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, event.created, payload],
    )) as unknown[];
    return { duplicate: inserted.length === 0 };
  }

  /**
   * The existing organization the event is about: by the metadata Plinth put
   * on the objects, else by the customer (a payment method carries no
   * metadata of ours); never by email.
   */
  private async organizationOf(event: BillingEvent): Promise<string | null> {
    const named = organizationNamedBy(event.object);
    const customer = typeof event.object.customer === 'string' ? event.object.customer : null;
    if (named ? !isUuid(named) : !customer) return null;
    const [row] = (await this.dataSource.query(
      named
        ? 'SELECT id AS organization_id FROM organizations WHERE id = $1'
        : 'SELECT organization_id FROM subscriptions WHERE stripe_customer_id = $1',
      [named?.toLowerCase() ?? customer],
    )) as Array<{ organization_id: string }>;
    return row?.organization_id ?? null;
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
