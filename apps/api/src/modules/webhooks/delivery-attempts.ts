import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { EndpointHealth } from './endpoint-health';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { retryDelayMs } from './retry-schedule';
import { WebhookClock } from './webhook-clock';
import type { WebhookPayload } from './webhook-events';
import { WebhookJobs } from './webhook-jobs';
import type { AttemptResult, OutgoingWebhook } from './webhook-sender';
import { secretSealingKey, signedHeaders, unsealSecret } from './webhook-signing';

const CLAIM_SQL = `
  UPDATE webhook_deliveries SET next_attempt_at = $4, updated_at = $3
   WHERE organization_id = $1 AND id = $2 AND status = 'pending' AND next_attempt_at <= $3
  RETURNING endpoint_id AS "endpointId", event_id AS "eventId", round_attempts AS "roundAttempts", attempt_count AS "attemptCount"`;

/** A delivery claimed for one attempt: what to send, or why not. */
export interface Claim {
  deliveryId: string;
  endpointId: string;
  /** 1-based, within the current round (since creation or the last replay). */
  attempt: number;
  /** Attempts logged before this one: logging this one again (a commit whose answer was lost) changes nothing. */
  loggedBefore: number;
  startedAt: Date;
  /** Null: nothing is to be sent, and `refusal` says why. */
  webhook: OutgoingWebhook | null;
  refusal: string | null;
}

/**
 * One attempt of one delivery, in two short transactions around the HTTP
 * call (no connection is held while a receiver thinks): claim it, then log
 * what happened and plan the next attempt or settle the delivery.
 */
@Injectable()
export class DeliveryAttempts {
  private readonly sealingKey: Buffer;
  /** How long a claimed delivery is left to its worker before another may take it (a crash mid-attempt): WEBHOOK_LEASE_SECONDS. */
  private readonly leaseMs: number;

  constructor(
    config: AppConfig,
    private readonly clock: WebhookClock,
    private readonly jobs: WebhookJobs,
    private readonly health: EndpointHealth,
    private readonly metrics: MetricsService,
  ) {
    this.sealingKey = secretSealingKey(config.encryptionKey);
    this.leaseMs = config.WEBHOOK_LEASE_SECONDS * 1000;
  }

  /** Null when the delivery is not due (done, replayed and taken, or claimed by another worker). */
  async claim(tx: TenantTx, deliveryId: string): Promise<Claim | null> {
    const startedAt = this.clock.now();
    const [rows] = (await tx.manager.query(CLAIM_SQL, [
      tx.organizationId,
      deliveryId,
      startedAt,
      new Date(startedAt.getTime() + this.leaseMs),
    ])) as [Array<{ endpointId: string; eventId: string; roundAttempts: number; attemptCount: number }>, number];
    const [row] = rows;
    if (!row) return null;
    const endpoint = await tx
      .repo(WebhookEndpoint)
      .createQueryBuilder('e')
      .addSelect(['e.secretSealed', 'e.previousSecretSealed'])
      .andWhere('e.id = :id', { id: row.endpointId })
      .getOneOrFail();
    const event = await tx.repo(WebhookEvent).getOneBy({ id: row.eventId }, 'Webhook event');
    const claim = { deliveryId, endpointId: endpoint.id, attempt: row.roundAttempts + 1, loggedBefore: row.attemptCount, startedAt };
    if (endpoint.disabledAt) return { ...claim, webhook: null, refusal: 'Not sent: the endpoint is disabled' };
    const secrets = this.secretsOf(endpoint, startedAt);
    if (!secrets) {
      return { ...claim, webhook: null, refusal: 'Not sent: the signing secret cannot be read (was ENCRYPTION_KEY changed?); rotate it' };
    }
    const body = JSON.stringify(payloadOf(event));
    return {
      ...claim,
      webhook: { url: endpoint.url, body, headers: { ...signedHeaders(event.id, startedAt, body, secrets) } },
      refusal: null,
    };
  }

  /** Logs the attempt, then: done, another try later, or out of tries (or the endpoint just got disabled). */
  async record(tx: TenantTx, claim: Claim, result: AttemptResult): Promise<void> {
    // Not sent at all (disabled endpoint, unreadable secret): the delivery fails; the endpoint's health is not in question.
    const sent = claim.webhook !== null;
    const stopped = !sent
      ? false
      : result.ok
        ? await this.health.succeeded(tx, claim.endpointId)
        : await this.health.failed(tx, claim.endpointId, claim.startedAt, result.error ?? `HTTP ${result.statusCode}`);
    const delayMs = result.ok || stopped || !sent ? null : retryDelayMs(claim.attempt);
    const nextRetryAt = delayMs === null ? null : new Date(this.clock.now().getTime() + delayMs);
    const status = result.ok ? 'succeeded' : nextRetryAt ? 'pending' : 'failed';
    const [, updated] = (await tx.manager.query(
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, attempt_count = attempt_count + 1,
              round_attempts = round_attempts + 1, last_attempt_at = $5, updated_at = $5
        WHERE organization_id = $1 AND id = $2 AND attempt_count = $6`,
      [tx.organizationId, claim.deliveryId, status, nextRetryAt, claim.startedAt, claim.loggedBefore],
    )) as [unknown, number];
    // Logged already, or deleted with its endpoint while the attempt was under way: nothing left to log.
    if (updated === 0) return;
    await tx.repo(WebhookDeliveryAttempt).insert({
      deliveryId: claim.deliveryId,
      at: claim.startedAt,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
      nextRetryAt,
    });
    if (delayMs !== null) await this.jobs.later(tx, claim.deliveryId, delayMs);
    this.metrics.webhookAttempted(status, sent);
  }

  /** The current secret, and the previous one while the rotation's overlap lasts; null when the current one is sealed with another key. */
  private secretsOf(endpoint: WebhookEndpoint, at: Date): string[] | null {
    const current = this.unseal(endpoint.secretSealed);
    if (!current) return null;
    const overlapping = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at;
    const previous = overlapping && endpoint.previousSecretSealed ? this.unseal(endpoint.previousSecretSealed) : null;
    return previous ? [current, previous] : [current];
  }

  private unseal(sealed: string): string | null {
    try {
      return unsealSecret(this.sealingKey, sealed);
    } catch {
      return null;
    }
  }
}

export function payloadOf(event: WebhookEvent): WebhookPayload {
  return {
    id: event.id,
    type: event.type,
    organizationId: event.organizationId,
    createdAt: event.createdAt.toISOString(),
    data: event.data,
  };
}
