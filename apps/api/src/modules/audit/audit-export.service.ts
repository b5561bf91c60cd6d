import { Injectable } from '@nestjs/common';
import { PlanCatalog, PlanFeatureUnavailableError } from '@plinth/quota';
import { TenantContext, TenantTransactions } from '@plinth/tenancy';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { pageQuery, toPage } from '../../common/pagination';
import { tenantStream } from '../../common/tenant-stream';
import { AppConfig } from '../../config/app-config';
import { filteredAuditLog, presentAuditLog } from './audit.service';
import type { AuditLogDto, AuditLogExportQueryDto } from './dto/audit-log.dto';

const BATCH = 1_000;
const CSV_COLUMNS = [
  'id',
  'createdAt',
  'action',
  'actorType',
  'actorId',
  'actorEmail',
  'targetType',
  'targetId',
  'ip',
  'userAgent',
  'metadata',
];

/** The whole (filtered) audit log as CSV or NDJSON, newest first, streamed; a Pro-plan feature. */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly catalog: PlanCatalog,
    private readonly config: AppConfig,
  ) {}

  export(tenant: TenantContext, query: AuditLogExportQueryDto): Readable {
    if (!this.catalog.plan(tenant.planTier).features.auditExport) {
      throw new PlanFeatureUnavailableError({
        feature: 'auditExport',
        requiredTier: this.catalog.cheapestWith('auditExport'),
        upgradeUrl: `${this.config.APP_URL}/pricing`,
      });
    }
    const line = query.format === 'csv' ? csvLine : (entry: AuditLogDto) => `${JSON.stringify(entry)}\n`;
    return tenantStream(this.transactions, tenant.organizationId, async (manager, push) => {
      if (query.format === 'csv' && !(await push(stringify([CSV_COLUMNS])))) return;
      for await (const entry of entriesOf(manager, tenant.organizationId, query)) {
        if (!(await push(line(entry)))) return;
      }
    });
  }
}

async function* entriesOf(manager: EntityManager, organizationId: string, query: AuditLogExportQueryDto) {
  let cursor: string | undefined;
  do {
    const page = { limit: BATCH, cursor };
    const rows = await pageQuery(filteredAuditLog(manager, organizationId, query), 'a', page, 'createdAt', 'DESC').getMany();
    const { items, nextCursor } = toPage(rows, page, (row) => ({ at: row.createdAt, id: row.id }), presentAuditLog);
    yield* items;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

function csvLine(entry: AuditLogDto): string {
  const { actor, metadata, ...rest } = entry;
  const flat: Record<string, unknown> = {
    ...rest,
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email ?? '',
    metadata: JSON.stringify(metadata),
  };
  return stringify([CSV_COLUMNS.map((column) => flat[column] ?? '')]);
}
