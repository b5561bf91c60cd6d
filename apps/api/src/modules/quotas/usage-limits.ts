import { Injectable } from '@nestjs/common';
import { Consumption, Dimension, QuotaService } from '@plinth/quota';
import type { TenantContext } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { QuotaWarnings } from './quota-warnings';

/**
 * What a feature calls inside its write's tenant transaction: count against
 * the plan (402 when over), warn at 80/90/95 %, give back on delete.
 */
@Injectable()
export class UsageLimits {
  constructor(
    private readonly quotas: QuotaService,
    private readonly warnings: QuotaWarnings,
  ) {}

  async consume(manager: EntityManager, tenant: TenantContext, dimension: Dimension, amount = 1, scopeId?: string) {
    const target = { organizationId: tenant.organizationId, planTier: tenant.planTier, dimension, scopeId };
    return this.warnIfCrossed(manager, tenant, dimension, await this.quotas.consume(manager, target, amount));
  }

  release(manager: EntityManager, organizationId: string, dimension: Dimension, amount = 1, scopeId?: string) {
    return this.quotas.release(manager, { organizationId, dimension, scopeId }, amount);
  }

  /** `users` = members + pending invites, counted live under the organization lock the caller holds. */
  async admitUser(manager: EntityManager, tenant: Pick<TenantContext, 'organizationId' | 'planTier'>, alreadyCounted = 0) {
    const current = (await this.countUsers(manager, tenant.organizationId)) - alreadyCounted;
    const target = { organizationId: tenant.organizationId, planTier: tenant.planTier, dimension: 'users' as const };
    const consumption = await this.quotas.ensureRoom(manager, target, current, 1);
    return this.warnIfCrossed(manager, tenant, 'users', consumption);
  }

  async countUsers(manager: EntityManager, organizationId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM organization_members WHERE organization_id = $1)
            + (SELECT count(*) FROM invites WHERE organization_id = $1
                 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()) AS users`,
      [organizationId],
    );
    return Number(row.users);
  }

  private async warnIfCrossed(
    manager: EntityManager,
    tenant: Pick<TenantContext, 'organizationId'>,
    dimension: Dimension,
    consumption: Consumption,
  ): Promise<Consumption> {
    if (consumption.crossed !== null && consumption.limit !== null) {
      await this.warnings.crossed(manager, {
        organizationId: tenant.organizationId,
        dimension,
        threshold: consumption.crossed,
        current: consumption.current,
        limit: consumption.limit,
      });
    }
    return consumption;
  }
}
