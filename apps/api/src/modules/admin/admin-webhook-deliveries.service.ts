import { Injectable } from '@nestjs/common';
import { NotFoundError, RequestOrigin, TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import type { AuthenticatedUser } from '../auth/access-token';
import { Organization } from '../organizations/entities/organization.entity';
import type { WebhookDeliveryDto } from '../webhooks/dto/webhook-deliveries.dto';
import { WebhookDelivery } from '../webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/entities/webhook-endpoint.entity';
import { WebhookEvent } from '../webhooks/entities/webhook-event.entity';
import { WebhookDeliveriesService } from '../webhooks/webhook-deliveries.service';
import type { FailedWebhookDeliveryDto } from './dto/admin-operations.dto';
import { BY_PLATFORM_ADMIN, platformAdminActor } from './platform-admin-actor';

interface FailedRow {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  endpointId: string;
  endpointUrl: string;
  endpointDisabledAt: Date | null;
  eventId: string;
  eventType: string;
  attemptCount: number;
  updatedAt: Date;
  createdAt: Date;
}

interface LastAttempt {
  deliveryId: string;
  statusCode: number | null;
  error: string | null;
}

/** Outgoing webhook deliveries that ran out of retries, across organizations, and their replay by a platform admin. */
@Injectable()
export class AdminWebhookDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  /** Most recent failure first. */
  async listFailed(query: PageQueryDto): Promise<Page<FailedWebhookDeliveryDto>> {
    const qb = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin(WebhookEvent, 'ev', 'ev.organizationId = d.organizationId AND ev.id = d.eventId')
      .innerJoin(WebhookEndpoint, 'e', 'e.organizationId = d.organizationId AND e.id = d.endpointId')
      .innerJoin(Organization, 'o', 'o.id = d.organizationId')
      .select('d.id', 'id')
      .addSelect('d.organizationId', 'organizationId')
      .addSelect('o.name', 'organizationName')
      .addSelect('o.slug', 'organizationSlug')
      .addSelect('d.endpointId', 'endpointId')
      .addSelect('e.url', 'endpointUrl')
      .addSelect('e.disabledAt', 'endpointDisabledAt')
      .addSelect('d.eventId', 'eventId')
      .addSelect('ev.type', 'eventType')
      .addSelect('d.attemptCount', 'attemptCount')
      .addSelect('d.updatedAt', 'updatedAt')
      .addSelect('d.createdAt', 'createdAt')
      .where("d.status = 'failed'");
    const rows = await pageQuery(qb, 'd', query, 'updatedAt', 'DESC').getRawMany<FailedRow>();
    const lastAttempts = await this.lastAttemptsOf(rows.slice(0, query.limit));
    return toPage(
      rows,
      query,
      (row) => ({ at: row.updatedAt, id: row.id }),
      (row) => presentFailed(row, lastAttempts.get(row.id)),
    );
  }

  /**
   * The organization's own replay, acting as the platform admin in that
   * organization: same webhook-id and body, a fresh round of retries, the
   * plan and endpoint checks of a member's replay, audited in its log.
   */
  async retry(caller: AuthenticatedUser, deliveryId: string, origin: RequestOrigin): Promise<WebhookDeliveryDto> {
    const [delivery] = (await this.dataSource.query(
      'SELECT organization_id AS "organizationId", endpoint_id AS "endpointId" FROM webhook_deliveries WHERE id = $1',
      [deliveryId],
    )) as Array<{ organizationId: string; endpointId: string }>;
    if (!delivery) throw new NotFoundError('Webhook delivery');
    const actor = await platformAdminActor(this.dataSource.manager, caller);
    return this.transactions.run(
      delivery.organizationId,
      (tx) => this.deliveries.replay(tx.context, delivery.endpointId, deliveryId, BY_PLATFORM_ADMIN),
      { actor, origin },
    );
  }

  private async lastAttemptsOf(rows: FailedRow[]): Promise<Map<string, LastAttempt>> {
    if (rows.length === 0) return new Map();
    const attempts = (await this.dataSource.query(
      `SELECT DISTINCT ON (a.delivery_id) a.delivery_id AS "deliveryId", a.status_code AS "statusCode", a.error
         FROM webhook_delivery_attempts a
         JOIN unnest($1::uuid[], $2::uuid[]) AS wanted (organization_id, delivery_id)
           ON a.organization_id = wanted.organization_id AND a.delivery_id = wanted.delivery_id
        ORDER BY a.delivery_id, a.at DESC`,
      [rows.map((row) => row.organizationId), rows.map((row) => row.id)],
    )) as LastAttempt[];
    return new Map(attempts.map((attempt) => [attempt.deliveryId, attempt]));
  }
}

function presentFailed(row: FailedRow, last: LastAttempt | undefined): FailedWebhookDeliveryDto {
  return {
    id: row.id,
    organization: { id: row.organizationId, name: row.organizationName, slug: row.organizationSlug },
    endpointId: row.endpointId,
    endpointUrl: row.endpointUrl,
    endpointEnabled: row.endpointDisabledAt === null,
    eventId: row.eventId,
    eventType: row.eventType,
    attemptCount: Number(row.attemptCount),
    lastStatusCode: last?.statusCode ?? null,
    lastError: last?.error ?? null,
    failedAt: new Date(row.updatedAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
