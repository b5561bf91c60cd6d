import { Injectable } from '@nestjs/common';
import { ApiCallMeter, Dimension, QuotaService, usageColumnsSql } from '@plinth/quota';
import { NotFoundError, RequestOrigin, TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { Page } from '../../common/envelope.interceptor';
import { AuditLogger } from '../audit/audit-logger';
import type { AuthenticatedUser } from '../auth/access-token';
import { seatCountSql } from '../members/seats';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import type { AdminOrganizationDto, AdminOrganizationQueryDto, QuotaOverrideResultDto } from './dto/admin.dto';

interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  plan_tier: AdminOrganizationDto['planTier'];
  created_at: Date;
  usage: Record<string, string>;
  users: string;
  overrides: Record<string, number | null> | null;
}

/** Platform administration; runs as the system, across tenants by design. */
@Injectable()
export class AdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly audit: AuditLogger,
    private readonly quotas: QuotaService,
    private readonly meter: ApiCallMeter,
  ) {}

  async search(query: AdminOrganizationQueryDto): Promise<Page<AdminOrganizationDto>> {
    const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : '';
    const rows = (await this.dataSource.query(SEARCH_SQL, [
      query.query ? `%${query.query.replace(/[\\%_]/g, '\\$&')}%` : null,
      after,
      query.limit + 1,
    ])) as OrganizationRow[];
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > query.limit && last ? Buffer.from(last.slug).toString('base64url') : null;
    return new Page(items.map(presentOrganization), nextCursor, query.limit);
  }

  async setQuotaOverride(
    caller: AuthenticatedUser,
    organizationId: string,
    dimension: Dimension,
    limit: number | null,
    origin: RequestOrigin,
  ): Promise<QuotaOverrideResultDto> {
    await this.transactions.runAfterSystem(
      async (manager) => {
        if (!(await manager.existsBy(Organization, { id: organizationId }))) throw new NotFoundError('Organization');
        await this.quotas.setOverride(manager, organizationId, dimension, limit);
        const admin = await manager.findOneByOrFail(User, { id: caller.userId });
        return { organizationId, actor: { type: 'user' as const, id: admin.id, email: admin.email } };
      },
      (tx) =>
        this.audit.record(tx, {
          action: 'quota.override_set',
          targetType: 'quota',
          targetId: dimension,
          metadata: { limit, byPlatformAdmin: true },
        }),
      origin,
    );
    this.meter.forget(organizationId);
    return { organizationId, dimension, limit };
  }
}

function presentOrganization(row: OrganizationRow): AdminOrganizationDto {
  const usage = (dimension: string) => Number(row.usage?.[dimension] ?? 0);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    planTier: row.plan_tier,
    usage: { sites: usage('sites'), users: Number(row.users), storage_bytes: usage('storage_bytes'), api_calls: usage('api_calls') },
    overrides: row.overrides ?? {},
    createdAt: new Date(row.created_at).toISOString(),
  };
}

// One query: the page of organizations with their usage, user count and overrides aggregated beside them.
const SEARCH_SQL = `
  SELECT o.id, o.name, o.slug, o.plan_tier, o.created_at,
         ${usageColumnsSql('o.id')},
         ${seatCountSql('o.id')} AS users
    FROM organizations o
   WHERE ($1::text IS NULL OR o.name ILIKE $1 OR o.slug ILIKE $1)
     AND o.slug > $2
   ORDER BY o.slug
   LIMIT $3`;
