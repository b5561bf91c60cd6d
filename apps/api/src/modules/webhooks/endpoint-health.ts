import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { AppConfig } from '../../config/app-config';
import { AuditLogger } from '../audit/audit-logger';
import { Mailer } from '../mail/mailer';
import { Seats } from '../members/seats';
import { Organization } from '../organizations/entities/organization.entity';
import { WebhookClock } from './webhook-clock';

const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** Failing this long without one success, an endpoint is disabled. */
export const FAILURE_WINDOW_MS = 5 * 24 * 3_600_000;

interface FailingEndpoint {
  url: string;
  failing_since: Date;
  disabled_at: Date | null;
}

/**
 * Whether an endpoint works, judged by its attempts: a success clears the
 * failure streak; five days of nothing but failures disable the endpoint,
 * fail its pending deliveries and tell the organization's owners.
 */
@Injectable()
export class EndpointHealth {
  constructor(
    private readonly clock: WebhookClock,
    private readonly audit: AuditLogger,
    private readonly mailer: Mailer,
    private readonly seats: Seats,
    private readonly config: AppConfig,
  ) {}

  /** Returns false: a success never stops deliveries. */
  async succeeded(tx: TenantTx, endpointId: string): Promise<false> {
    await tx.manager.query(
      'UPDATE webhook_endpoints SET failing_since = NULL WHERE organization_id = $1 AND id = $2 AND failing_since IS NOT NULL',
      [tx.organizationId, endpointId],
    );
    return false;
  }

  /** Returns true when the endpoint is disabled now (by this failure, or meanwhile by a person): no more retries. */
  async failed(tx: TenantTx, endpointId: string, at: Date, lastError: string): Promise<boolean> {
    const [[endpoint]] = (await tx.manager.query(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $3)
        WHERE organization_id = $1 AND id = $2
       RETURNING url, failing_since, disabled_at`,
      [tx.organizationId, endpointId, at],
    )) as [FailingEndpoint[], number];
    if (!endpoint || endpoint.disabled_at) return true;
    if (at.getTime() - endpoint.failing_since.getTime() < FAILURE_WINDOW_MS) return false;
    await this.disable(tx, endpointId, endpoint, lastError);
    return true;
  }

  private async disable(tx: TenantTx, endpointId: string, endpoint: FailingEndpoint, lastError: string): Promise<void> {
    const now = this.clock.now();
    await tx.manager.query(
      `UPDATE webhook_endpoints SET disabled_at = $3, disabled_reason = 'failing', updated_at = $3 WHERE organization_id = $1 AND id = $2`,
      [tx.organizationId, endpointId, now],
    );
    await tx.manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, updated_at = $3
        WHERE organization_id = $1 AND endpoint_id = $2 AND status = 'pending'`,
      [tx.organizationId, endpointId, now],
    );
    await this.audit.record(tx, {
      action: 'webhook_endpoint.disabled',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      metadata: { reason: 'failing', url: endpoint.url, failingSince: endpoint.failing_since.toISOString(), lastError },
    });
    await this.tellOwners(tx, endpoint, lastError);
  }

  private async tellOwners(tx: TenantTx, endpoint: FailingEndpoint, lastError: string): Promise<void> {
    const { name: organizationName, slug } = await tx.manager.findOneByOrFail(Organization, { id: tx.organizationId });
    const webhooksUrl = `${this.config.APP_URL.replace(/\/$/, '')}/o/${slug}/webhooks`;
    for (const owner of await this.seats.owners(tx)) {
      await this.mailer.send(tx.manager, owner.email, 'webhookEndpointDisabled', {
        name: owner.name,
        organizationName,
        url: endpoint.url,
        failingSince: `${day.format(endpoint.failing_since)} UTC`,
        lastError,
        webhooksUrl,
      });
    }
  }
}
