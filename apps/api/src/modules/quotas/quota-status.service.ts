import { Injectable } from '@nestjs/common';
import { ApiCallMeter, ORGANIZATION_SCOPE, percentage, QuotaService, remaining, Usage } from '@plinth/quota';
import type { Dimension } from '@plinth/quota';
import { TenantContext, TenantTransactions } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import type { DimensionStatusDto, QuotaCheckDto, QuotaCheckResultDto, QuotaStatusDto, SiteUsageDto } from './dto/quotas.dto';
import { UsageLimits } from './usage-limits';

/** Read-only views of usage against the plan: the meters page and "would this fit?". */
@Injectable()
export class QuotaStatusService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly quotas: QuotaService,
    private readonly limits: UsageLimits,
    private readonly meter: ApiCallMeter,
  ) {}

  status(tenant: TenantContext): Promise<QuotaStatusDto> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      const perSite = await this.postsPerSite(manager);
      // The limit in force (an override first), read at the fullest site.
      const posts = await this.usage(manager, tenant, 'posts', perSite[0]?.siteId);
      return {
        sites: describe(await this.usage(manager, tenant, 'sites')),
        posts: { ...describe(posts), perSite },
        users: describe(await this.usersUsage(manager, tenant)),
        storage_bytes: describe(await this.usage(manager, tenant, 'storage_bytes')),
        api_calls: { ...describe(await this.apiCallsUsage(manager, tenant)), periodEnd: nextMonth().toISOString() },
      };
    });
  }

  check(tenant: TenantContext, dto: QuotaCheckDto): Promise<QuotaCheckResultDto> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      const usage = await this.checkedUsage(manager, tenant, dto);
      const allowed = usage.limit === null || usage.current + dto.amount <= usage.limit;
      return { allowed, current: usage.current, limit: usage.limit, remaining: remaining(usage) };
    });
  }

  private async checkedUsage(manager: EntityManager, tenant: TenantContext, dto: QuotaCheckDto): Promise<Usage> {
    if (dto.dimension === 'users') return this.usersUsage(manager, tenant);
    if (dto.dimension === 'api_calls') return this.apiCallsUsage(manager, tenant);
    if (dto.dimension === 'posts' && !dto.siteId) {
      const fullest = (await this.postsPerSite(manager))[0];
      return this.usage(manager, tenant, 'posts', fullest?.siteId);
    }
    return this.usage(manager, tenant, dto.dimension, dto.siteId);
  }

  private usage(manager: EntityManager, tenant: TenantContext, dimension: Dimension, scopeId?: string): Promise<Usage> {
    return this.quotas.usage(manager, { organizationId: tenant.organizationId, planTier: tenant.planTier, dimension, scopeId });
  }

  /** Stored count plus what this process has metered but not yet written. */
  private async apiCallsUsage(manager: EntityManager, tenant: TenantContext): Promise<Usage> {
    const stored = await this.usage(manager, tenant, 'api_calls');
    return { ...stored, current: stored.current + this.meter.unflushed(tenant.organizationId) };
  }

  private async usersUsage(manager: EntityManager, tenant: TenantContext): Promise<Usage> {
    const { limit } = await this.usage(manager, tenant, 'users');
    return { current: await this.limits.countUsers(manager, tenant.organizationId), limit };
  }

  /** Fullest site first. RLS keeps this to the tenant's rows. */
  private async postsPerSite(manager: EntityManager): Promise<SiteUsageDto[]> {
    const rows = (await manager.query(
      `SELECT scope_id AS "siteId", current FROM quota_usage
        WHERE dimension = 'posts' AND scope_id <> $1 ORDER BY current DESC, scope_id`,
      [ORGANIZATION_SCOPE],
    )) as Array<{ siteId: string; current: string }>;
    return rows.map((row) => ({ siteId: row.siteId, current: Number(row.current) }));
  }
}

function describe(usage: Usage): DimensionStatusDto {
  return { current: usage.current, limit: usage.limit, remaining: remaining(usage), percentage: percentage(usage) };
}

function nextMonth(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
