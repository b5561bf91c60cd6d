import { Injectable } from '@nestjs/common';
import type { TenantContext, TenantTx } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../common/pagination';
import type { AuditLogDto, AuditLogFilterDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { ApiKey } from '../api-keys/entities/api-key.entity';
import { User } from '../users/entities/user.entity';
import { AuditLog } from './entities/audit-log.entity';

@Injectable()
export class AuditService {
  /** Newest first, each actor named: the user's name or the API key's, as they are now. */
  list(tenant: TenantContext, query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return tenant.transaction(async (tx) => {
      const qb = pageQuery(filteredAuditLog(tx, query), 'a', query, 'createdAt', 'DESC')
        .leftJoin(User, 'u', `u.id = a.actorId AND a.actorType = 'user'`)
        .leftJoin(ApiKey, 'k', `k.id = a.actorId AND a.actorType = 'api_key'`)
        .addSelect('COALESCE(u.name, k.name)', 'actor_name');
      const { entities, raw } = await qb.getRawAndEntities<{ actor_name: string | null }>();
      const named = entities.map((row, i) => Object.assign(row, { actorName: raw[i].actor_name }));
      return toPage(named, query, (row) => ({ at: row.createdAt, id: row.id }), presentAuditLog);
    });
  }

  /**
   * The distinct actions in the organization's log, sorted: a skip scan of
   * the (organization_id, action, created_at) index, one probe per action,
   * not a pass over every entry.
   */
  actions(tenant: TenantContext): Promise<string[]> {
    return tenant.transaction(async (tx) => {
      const rows: Array<{ action: string }> = await tx.manager.query(
        `WITH RECURSIVE found (action) AS (
           (SELECT action FROM audit_logs WHERE organization_id = $1 ORDER BY action LIMIT 1)
           UNION ALL
           SELECT (SELECT a.action FROM audit_logs a WHERE a.organization_id = $1 AND a.action > found.action ORDER BY a.action LIMIT 1)
             FROM found WHERE found.action IS NOT NULL
         )
         SELECT action FROM found WHERE action IS NOT NULL`,
        [tx.organizationId],
      );
      return rows.map((row) => row.action);
    });
  }
}

/** The organization's audit entries narrowed by the list's and the export's filters. */
export function filteredAuditLog(tx: TenantTx, filters: AuditLogFilterDto) {
  const qb = tx.repo(AuditLog).createQueryBuilder('a');
  if (filters.action) qb.andWhere('a.action = :action', { action: filters.action });
  if (filters.actorId) qb.andWhere('a.actorId = :actorId', { actorId: filters.actorId });
  if (filters.from) qb.andWhere('a.createdAt >= :from', { from: filters.from });
  if (filters.to) qb.andWhere('a.createdAt < :to', { to: filters.to });
  return qb;
}

export function presentAuditLog(row: AuditLog & { actorName?: string | null }): AuditLogDto {
  return {
    id: row.id,
    action: row.action,
    actor: {
      type: row.actorType,
      id: row.actorId,
      ...(row.actorEmail ? { email: row.actorEmail } : {}),
      ...(row.actorName ? { name: row.actorName } : {}),
    },
    targetType: row.targetType,
    targetId: row.targetId,
    metadata: row.metadata,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}
