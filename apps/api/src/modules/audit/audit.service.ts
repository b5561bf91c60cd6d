import { Injectable } from '@nestjs/common';
import { scoped, TenantTransactions } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../common/pagination';
import type { AuditLogDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { AuditLog } from './entities/audit-log.entity';

@Injectable()
export class AuditService {
  constructor(private readonly transactions: TenantTransactions) {}

  list(organizationId: string, query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return this.transactions.run(organizationId, async (manager) => {
      const qb = scoped(manager, AuditLog, organizationId).createQueryBuilder('a');
      if (query.action) qb.andWhere('a.action = :action', { action: query.action });
      if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
      if (query.from) qb.andWhere('a.createdAt >= :from', { from: query.from });
      if (query.to) qb.andWhere('a.createdAt < :to', { to: query.to });
      const rows = await pageQuery(qb, 'a', query, 'createdAt', 'DESC').getMany();
      return toPage(rows, query, (row) => ({ at: row.createdAt, id: row.id }), presentAuditLog);
    });
  }
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
