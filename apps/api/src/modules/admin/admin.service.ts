import { Injectable } from '@nestjs/common';
import { ApiCallMeter, Dimension, ORGANIZATION_SCOPE } from '@plinth/quota';
import { NotFoundError } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { Page } from '../../common/envelope.interceptor';
import type { RequestOrigin } from '../../common/request-origin.decorator';
import { AuditLogger } from '../audit/audit-logger';
import type { AuthenticatedUser } from '../auth/access-token';
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
    private readonly audit: AuditLogger,
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
    await this.dataSource.transaction(async (manager) => {
      const exists = await manager.query('SELECT 1 FROM organizations WHERE id = $1', [organizationId]);
      if (exists.length === 0) throw new NotFoundError('Organization');
      await manager.query(
        `INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, dimension) DO UPDATE SET limit_value = EXCLUDED.limit_value, updated_at = now()`,
        [organizationId, dimension, limit],
      );
      const admin = await manager.findOneByOrFail(User, { id: caller.userId });
      await this.audit.recordIn(
        manager,
        organizationId,
        { actor: { type: 'user', id: admin.id, email: admin.email }, ...origin },
        {
          action: 'quota.override_set',
          targetType: 'quota',
          targetId: dimension,
          metadata: { limit, byPlatformAdmin: true },
        },
      );
    });
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
         (SELECT jsonb_object_agg(u.dimension, u.current) FROM quota_usage u
           WHERE u.organization_id = o.id AND u.scope_id = '${ORGANIZATION_SCOPE}') AS usage,
         (SELECT count(*) FROM organization_members m WHERE m.organization_id = o.id)
       + (SELECT count(*) FROM invites i WHERE i.organization_id = o.id
            AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS users,
         (SELECT jsonb_object_agg(q.dimension, q.limit_value) FROM quota_overrides q WHERE q.organization_id = o.id) AS overrides
    FROM organizations o
   WHERE ($1::text IS NULL OR o.name ILIKE $1 OR o.slug ILIKE $1)
     AND o.slug > $2
   ORDER BY o.slug
   LIMIT $3`;
