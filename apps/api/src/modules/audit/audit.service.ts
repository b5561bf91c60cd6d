import { Injectable } from '@nestjs/common';
import type { TenantContext, TenantTx } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../common/pagination';
import type { AuditLogDto, AuditLogFilterDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { AuditLog } from './entities/audit-log.entity';

@Injectable()
export class AuditService {
  list(tenant: TenantContext, query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return tenant.transaction(async (tx) => {
      const rows = await pageQuery(filteredAuditLog(tx, query), 'a', query, 'createdAt', 'DESC').getMany();
      return toPage(rows, query, (row) => ({ at: row.createdAt, id: row.id }), presentAuditLog);
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

export function presentAuditLog(row: AuditLog): AuditLogDto {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, ...(row.actorEmail ? { email: row.actorEmail } : {}) },
    targetType: row.targetType,
    targetId: row.targetId,
    metadata: row.metadata,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}
