import { Injectable } from '@nestjs/common';
import { FeatureGate } from '@plinth/quota';
import { NotFoundError, TenantContext, TenantTx } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { lockOrganization } from '../organizations/organization-lock';
import type {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook-endpoints.dto';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookClock } from './webhook-clock';
import { newEndpointSecret, sealSecret, secretSealingKey } from './webhook-signing';
import { literalUrlRefusal } from './webhook-url';
import { TooManyEndpointsError, WebhookUrlRefusedError } from './webhooks.errors';

/** Endpoints an organization may have: each event fans out to all of them. */
export const MAX_ENDPOINTS = 20;
/** After a rotation, deliveries carry a signature by the previous secret too, this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** An organization's webhook endpoints: create (Pro and up), read, change, delete, rotate the secret. */
@Injectable()
export class WebhookEndpointsService {
  private readonly sealingKey: Buffer;

  constructor(
    private readonly features: FeatureGate,
    private readonly audit: AuditLogger,
    private readonly clock: WebhookClock,
    private readonly config: AppConfig,
  ) {
    this.sealingKey = secretSealingKey(config.encryptionKey);
  }

  create(tenant: TenantContext, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    this.features.require(tenant, 'webhooks');
    this.refuseLiteralAddress(dto.url);
    return tenant.transaction(async (tx) => {
      await lockOrganization(tx);
      if ((await tx.repo(WebhookEndpoint).countBy()) >= MAX_ENDPOINTS) throw new TooManyEndpointsError(MAX_ENDPOINTS);
      const secret = newEndpointSecret();
      const endpoint = await tx.repo(WebhookEndpoint).save({
        url: dto.url,
        events: dto.events,
        description: dto.description || null,
        secretSealed: sealSecret(this.sealingKey, secret),
        createdByUserId: tx.actor.type === 'user' ? tx.actor.id : null,
      });
      await this.audit.record(tx, {
        action: 'webhook_endpoint.created',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
        metadata: { url: endpoint.url, events: endpoint.events },
      });
      return { ...presentEndpoint(endpoint), secret };
    });
  }

  /** Newest first. */
  list(tenant: TenantContext, page: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    return tenant.transaction(async (tx) => {
      const rows = await pageQuery(tx.repo(WebhookEndpoint).createQueryBuilder('e'), 'e', page, 'createdAt', 'DESC').getMany();
      return toPage(rows, page, (e) => ({ at: e.createdAt, id: e.id }), presentEndpoint);
    });
  }

  get(tenant: TenantContext, endpointId: string): Promise<WebhookEndpointDto> {
    return tenant.transaction(async (tx) => presentEndpoint(await load(tx, endpointId)));
  }

  update(tenant: TenantContext, endpointId: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    if (dto.url !== undefined) this.refuseLiteralAddress(dto.url);
    return tenant.transaction(async (tx) => {
      const current = await load(tx, endpointId);
      const changes = {
        ...(dto.url !== undefined && dto.url !== current.url && { url: dto.url }),
        ...(dto.events !== undefined && { events: dto.events }),
        ...(dto.description !== undefined && { description: dto.description || null }),
        ...this.enabling(current, dto.enabled),
      };
      if (Object.keys(changes).length === 0) return presentEndpoint(current);
      await tx.repo(WebhookEndpoint).update({ id: endpointId }, changes);
      await this.audit.record(tx, {
        action: 'webhook_endpoint.updated',
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        metadata: { changes },
      });
      return presentEndpoint(await load(tx, endpointId));
    });
  }

  /** Its deliveries and their log go with it. */
  remove(tenant: TenantContext, endpointId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      const endpoint = await load(tx, endpointId);
      await tx.repo(WebhookEndpoint).delete({ id: endpointId });
      await this.audit.record(tx, {
        action: 'webhook_endpoint.deleted',
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        metadata: { url: endpoint.url },
      });
    });
  }

  /** A new secret, shown once; for 24 hours deliveries are signed with the previous one too. */
  rotateSecret(tenant: TenantContext, endpointId: string): Promise<WebhookEndpointWithSecretDto> {
    return tenant.transaction(async (tx) => {
      const secret = newEndpointSecret();
      const overlapEnds = new Date(this.clock.now().getTime() + ROTATION_OVERLAP_MS);
      const [, rotated] = (await tx.manager.query(
        `UPDATE webhook_endpoints
            SET previous_secret_sealed = secret_sealed, previous_secret_expires_at = $3, secret_sealed = $4, updated_at = now()
          WHERE organization_id = $1 AND id = $2`,
        [tx.organizationId, endpointId, overlapEnds, sealSecret(this.sealingKey, secret)],
      )) as [unknown, number];
      if (rotated === 0) throw new NotFoundError('Webhook endpoint');
      await this.audit.record(tx, {
        action: 'webhook_endpoint.secret_rotated',
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        metadata: { previousSecretExpiresAt: overlapEnds.toISOString() },
      });
      return { ...presentEndpoint(await load(tx, endpointId)), secret };
    });
  }

  /** Enabling clears a disablement and the failure streak; disabling records that a person did it. */
  private enabling(current: WebhookEndpoint, enabled: boolean | undefined): Partial<WebhookEndpoint> {
    if (enabled === true && current.disabledAt) return { disabledAt: null, disabledReason: null, failingSince: null };
    if (enabled === false && !current.disabledAt) return { disabledAt: this.clock.now(), disabledReason: 'manual' };
    return {};
  }

  private refuseLiteralAddress(url: string): void {
    const refusal = literalUrlRefusal(url, this.config.WEBHOOKS_ALLOW_PRIVATE);
    if (refusal) throw new WebhookUrlRefusedError(refusal);
  }
}

function load(tx: TenantTx, endpointId: string): Promise<WebhookEndpoint> {
  return tx.repo(WebhookEndpoint).getOneBy({ id: endpointId }, 'Webhook endpoint');
}

export function presentEndpoint(endpoint: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description ?? null,
    enabled: !endpoint.disabledAt,
    disabledReason: endpoint.disabledReason ?? null,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}
