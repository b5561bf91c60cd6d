import { Injectable } from '@nestjs/common';
import { FeatureGate } from '@plinth/quota';
import { NotFoundError, TenantContext, TenantTx } from '@plinth/tenancy';
import { In } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../common/pagination';
import { AuditLogger } from '../audit/audit-logger';
import type { ListDeliveriesQueryDto, TestDeliveryDto, WebhookAttemptDto, WebhookDeliveryDto } from './dto/webhook-deliveries.dto';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookClock } from './webhook-clock';
import { WebhookJobs } from './webhook-jobs';
import { WebhookOutbox } from './webhook-outbox';
import { EndpointDisabledError } from './webhooks.errors';

type DeliveryWithEvent = WebhookDelivery & { event: Pick<WebhookEvent, 'type'> };

/** An endpoint's deliveries with the log of their attempts, and replays. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly features: FeatureGate,
    private readonly audit: AuditLogger,
    private readonly clock: WebhookClock,
    private readonly jobs: WebhookJobs,
    private readonly outbox: WebhookOutbox,
  ) {}

  /** Newest first, each with its attempts, oldest first. */
  list(tenant: TenantContext, endpointId: string, query: ListDeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return tenant.transaction(async (tx) => {
      await tx.repo(WebhookEndpoint).getOneBy({ id: endpointId }, 'Webhook endpoint');
      const qb = deliveriesWithEvents(tx).andWhere('d.endpointId = :endpointId', { endpointId });
      if (query.status) qb.andWhere('d.status = :status', { status: query.status });
      const rows = (await pageQuery(qb, 'd', query, 'createdAt', 'DESC').getMany()) as DeliveryWithEvent[];
      const attempts = await attemptsOf(tx, rows.slice(0, query.limit));
      return toPage(
        rows,
        query,
        (d) => ({ at: d.createdAt, id: d.id }),
        (d) => presentDelivery(d, attempts.get(d.id) ?? []),
      );
    });
  }

  /**
   * Sends the delivery again, with the same `webhook-id` and body and a fresh
   * round of retries; its log keeps the earlier attempts.
   */
  /** Sends a `webhook.test` event to the endpoint now, whatever it subscribed to; Pro and Enterprise. */
  sendTest(tenant: TenantContext, endpointId: string): Promise<TestDeliveryDto> {
    this.features.require(tenant, 'webhooks');
    return tenant.transaction(async (tx) => {
      const endpoint = await tx.repo(WebhookEndpoint).getOneBy({ id: endpointId }, 'Webhook endpoint');
      if (endpoint.disabledAt) throw new EndpointDisabledError();
      return { deliveryId: await this.outbox.enqueueTest(tx, endpointId) };
    });
  }

  /** `auditMetadata` adds to the audit entry's metadata, e.g. that a platform admin asked. */
  replay(
    tenant: TenantContext,
    endpointId: string,
    deliveryId: string,
    auditMetadata: Record<string, unknown> = {},
  ): Promise<WebhookDeliveryDto> {
    this.features.require(tenant, 'webhooks');
    return tenant.transaction(async (tx) => {
      const endpoint = await tx.repo(WebhookEndpoint).getOneBy({ id: endpointId }, 'Webhook endpoint');
      if (endpoint.disabledAt) throw new EndpointDisabledError();
      const now = this.clock.now();
      const replayed = await tx
        .repo(WebhookDelivery)
        .update({ id: deliveryId, endpointId }, { status: 'pending', roundAttempts: 0, nextAttemptAt: now });
      if (replayed === 0) throw new NotFoundError('Webhook delivery');
      await this.audit.record(tx, {
        action: 'webhook_delivery.replayed',
        targetType: 'webhook_delivery',
        targetId: deliveryId,
        metadata: { endpointId, ...auditMetadata },
      });
      const organizationId = tx.organizationId;
      tx.afterCommit(() => this.jobs.soon(organizationId, [deliveryId]));
      const delivery = (await deliveriesWithEvents(tx).andWhere('d.id = :deliveryId', { deliveryId }).getOneOrFail()) as DeliveryWithEvent;
      return presentDelivery(delivery, (await attemptsOf(tx, [delivery])).get(deliveryId) ?? []);
    });
  }
}

function deliveriesWithEvents(tx: TenantTx) {
  return tx
    .repo(WebhookDelivery)
    .createQueryBuilder('d')
    .innerJoinAndMapOne('d.event', WebhookEvent, 'ev', 'ev.organizationId = d.organizationId AND ev.id = d.eventId')
    .select(['d', 'ev.id', 'ev.type']);
}

async function attemptsOf(tx: TenantTx, deliveries: WebhookDelivery[]): Promise<Map<string, WebhookDeliveryAttempt[]>> {
  const byDelivery = new Map<string, WebhookDeliveryAttempt[]>();
  if (deliveries.length === 0) return byDelivery;
  const attempts = await tx.repo(WebhookDeliveryAttempt).find({
    where: { deliveryId: In(deliveries.map((d) => d.id)) },
    order: { at: 'ASC', id: 'ASC' },
  });
  for (const attempt of attempts) byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
  return byDelivery;
}

function presentDelivery(delivery: DeliveryWithEvent, attempts: WebhookDeliveryAttempt[]): WebhookDeliveryDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.event.type,
    status: delivery.status,
    attempts: attempts.map(presentAttempt),
    nextRetryAt: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: delivery.createdAt.toISOString(),
  };
}

function presentAttempt(attempt: WebhookDeliveryAttempt): WebhookAttemptDto {
  return {
    at: attempt.at.toISOString(),
    statusCode: attempt.statusCode,
    durationMs: attempt.durationMs,
    responseExcerpt: attempt.responseExcerpt,
    error: attempt.error,
    nextRetryAt: attempt.nextRetryAt?.toISOString() ?? null,
  };
}
