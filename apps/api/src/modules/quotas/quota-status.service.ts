import { Injectable } from '@nestjs/common';
import {
  ApiCallMeter,
  Dimension,
  ORGANIZATION_SCOPE,
  percentage,
  periodStart,
  QuotaService,
  QuotaSnapshot,
  remaining,
  Usage,
} from '@plinth/quota';
import type { TenantContext, TenantTx } from '@plinth/tenancy';
import { Seats } from '../members/seats';
import type { DimensionStatusDto, QuotaCheckDto, QuotaCheckResultDto, QuotaStatusDto, SiteUsageDto } from './dto/quotas.dto';

/** Read-only views of usage against the plan: the meters page and "would this fit?". */
@Injectable()
export class QuotaStatusService {
  constructor(
    private readonly quotas: QuotaService,
    private readonly seats: Seats,
    private readonly meter: ApiCallMeter,
  ) {}

  status(tenant: TenantContext): Promise<QuotaStatusDto> {
    return tenant.transaction(async (tx) => {
      const usage = await this.usage(tx);
      return {
        sites: describe(usage.of('sites')),
        // The fullest site against the limit in force.
        posts: { ...describe(usage.of('posts', usage.perSite[0]?.siteId)), perSite: usage.perSite },
        users: describe(usage.of('users')),
        storage_bytes: describe(usage.of('storage_bytes')),
        api_calls: { ...describe(usage.of('api_calls')), periodEnd: nextMonth().toISOString() },
      };
    });
  }

  check(tenant: TenantContext, dto: QuotaCheckDto): Promise<QuotaCheckResultDto> {
    return tenant.transaction(async (tx) => {
      const usage = await this.usage(tx);
      const scope = dto.dimension === 'posts' ? (dto.siteId ?? usage.perSite[0]?.siteId) : undefined;
      const current = usage.of(dto.dimension, scope);
      const allowed = current.limit === null || current.current + dto.amount <= current.limit;
      return { allowed, current: current.current, limit: current.limit, remaining: remaining(current) };
    });
  }

  /** Counters and limits in one statement, seats in another; API calls include what this process has not yet written. */
  private async usage(tx: TenantTx) {
    const snapshot = await this.quotas.snapshot(tx);
    const seats = await this.seats.count(tx);
    const perSite: SiteUsageDto[] = snapshot.counters
      .filter((c) => c.dimension === 'posts' && c.scopeId !== ORGANIZATION_SCOPE)
      .map((c) => ({ siteId: c.scopeId, current: c.current }));
    const of = (dimension: Dimension, scopeId = ORGANIZATION_SCOPE): Usage => ({
      current: dimension === 'users' ? seats : this.counted(snapshot, tx, dimension, scopeId),
      limit: snapshot.limits[dimension],
    });
    return { perSite, of };
  }

  private counted(snapshot: QuotaSnapshot, tx: TenantTx, dimension: Dimension, scopeId: string): number {
    const counter = snapshot.counters.find((c) => c.dimension === dimension && c.scopeId === scopeId);
    if (dimension !== 'api_calls') return counter?.current ?? 0;
    // A count from an earlier month is zero, reset or not yet.
    const stored = counter && counter.periodStart >= periodStart() ? counter.current : 0;
    return stored + this.meter.unflushed(tx.organizationId);
  }
}

function describe(usage: Usage): DimensionStatusDto {
  return { current: usage.current, limit: usage.limit, remaining: remaining(usage), percentage: percentage(usage) };
}

function nextMonth(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
