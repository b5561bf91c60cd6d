import { Injectable } from '@nestjs/common';
import { FeatureGate } from '@plinth/quota';
import type { TenantTx } from '@plinth/tenancy';
import { WebhookClock } from './webhook-clock';
import type { WebhookEventType } from './webhook-events';
import { WebhookJobs } from './webhook-jobs';

/**
 * One statement: the event, and a delivery for every enabled endpoint of the
 * organization that subscribed to its type — or nothing at all when none did.
 */
const ENQUEUE_SQL = `
  WITH subscribed AS (
    SELECT id FROM webhook_endpoints
     WHERE organization_id = $1 AND disabled_at IS NULL AND $2 = ANY (events)
  ), event AS (
    INSERT INTO webhook_events (organization_id, type, data, dedupe_key, created_at)
    SELECT $1, $2, $3::json, $4, $5 WHERE EXISTS (SELECT 1 FROM subscribed)
    ON CONFLICT DO NOTHING
    RETURNING id
  )
  INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, next_attempt_at, created_at, updated_at)
  SELECT $1, subscribed.id, event.id, $5, $5, $5 FROM event, subscribed
  RETURNING id`;

/** A `webhook.test` event and one delivery, to one endpoint whatever it subscribed to. */
const TEST_EVENT_SQL = `
  WITH event AS (
    INSERT INTO webhook_events (organization_id, type, data, created_at) VALUES ($1, 'webhook.test', $3::json, $4) RETURNING id
  )
  INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, next_attempt_at, created_at, updated_at)
  SELECT $1, $2, event.id, $4, $4, $4 FROM event
  RETURNING id`;

/** Events about the plan itself: the transaction may have started on the plan being left (or not yet entered). */
const ABOUT_THE_PLAN: ReadonlySet<WebhookEventType> = new Set(['subscription.updated']);

export interface EnqueueOptions {
  /** The event is written at most once per key (and organization). */
  dedupeKey?: string;
}

/**
 * The webhook outbox: an event is written in the unit of work of the change
 * that causes it, so it exists exactly when the change commits. Sending is
 * the job queue's, after the commit: a slow or dead receiver never holds a
 * request. On a plan without webhooks nothing is written (no statement
 * either); endpoints kept after a downgrade start receiving again on an upgrade.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly features: FeatureGate,
    private readonly clock: WebhookClock,
    private readonly jobs: WebhookJobs,
  ) {}

  /** A `webhook.test` event sent to one endpoint now (the caller has checked it exists and is enabled). */
  async enqueueTest(tx: TenantTx, endpointId: string): Promise<string> {
    const data = { message: 'A test event sent from Plinth: this endpoint receives and verifies webhooks.' };
    const [delivery] = (await tx.manager.query(TEST_EVENT_SQL, [
      tx.organizationId,
      endpointId,
      JSON.stringify(data),
      this.clock.now(),
    ])) as Array<{
      id: string;
    }>;
    const organizationId = tx.organizationId;
    tx.afterCommit(() => this.jobs.soon(organizationId, [delivery.id]));
    return delivery.id;
  }

  async enqueue(tx: TenantTx, type: WebhookEventType, data: object, options: EnqueueOptions = {}): Promise<void> {
    if (!ABOUT_THE_PLAN.has(type) && !this.features.has(tx.planTier, 'webhooks')) return;
    const params = [tx.organizationId, type, JSON.stringify(data), options.dedupeKey ?? null, this.clock.now()];
    const deliveries = (await tx.manager.query(ENQUEUE_SQL, params)) as Array<{ id: string }>;
    if (deliveries.length === 0) return;
    const organizationId = tx.organizationId;
    tx.afterCommit(() =>
      this.jobs.soon(
        organizationId,
        deliveries.map((delivery) => delivery.id),
      ),
    );
  }
}
