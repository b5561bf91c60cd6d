import { Injectable } from '@nestjs/common';
import { FeatureGate } from '@plinth/quota';
import type { TenantContext, TenantTx } from '@plinth/tenancy';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import { pageQuery, toPage } from '../../common/pagination';
import { TenantStreams } from '../../common/tenant-stream';
import { filteredAuditLog, presentAuditLog } from './audit.service';
import type { AuditLogDto, AuditLogExportQueryDto } from './dto/audit-log.dto';
import type { AuditLog } from './entities/audit-log.entity';

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
  'chainSeq',
  'prevHash',
  'hash',
];

/** The whole (filtered) audit log as CSV or NDJSON, newest first, streamed; a Pro-plan feature. */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly features: FeatureGate,
    private readonly streams: TenantStreams,
  ) {}

  export(tenant: TenantContext, query: AuditLogExportQueryDto): Promise<Readable> {
    this.features.require(tenant, 'auditExport');
    const line = query.format === 'csv' ? csvLine : (entry: ChainedEntry) => `${JSON.stringify(entry)}\n`;
    return this.streams.open(tenant, async (tx, push) => {
      if (query.format === 'csv' && !(await push(stringify([CSV_COLUMNS])))) return;
      for await (const entry of entriesOf(tx, query)) {
        if (!(await push(line(entry)))) return;
      }
    });
  }
}

async function* entriesOf(tx: TenantTx, query: AuditLogExportQueryDto) {
  let cursor: string | undefined;
  do {
    const page = { limit: BATCH, cursor };
    const qb = filteredAuditLog(tx, query).addSelect(['a.chainSeq', 'a.prevHash', 'a.hash']);
    const rows = await pageQuery(qb, 'a', page, 'createdAt', 'DESC').getMany();
    const { items, nextCursor } = toPage(rows, page, (row) => ({ at: row.createdAt, id: row.id }), presentChained);
    yield* items;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

/** An exported entry carries its link in the hash chain (hex), so a copy can be checked away from Plinth. */
type ChainedEntry = AuditLogDto & { chainSeq: number | null; prevHash: string | null; hash: string | null };

function presentChained(row: AuditLog): ChainedEntry {
  return {
    ...presentAuditLog(row),
    chainSeq: row.chainSeq === null ? null : Number(row.chainSeq),
    prevHash: row.prevHash?.toString('hex') ?? null,
    hash: row.hash?.toString('hex') ?? null,
  };
}

function csvLine(entry: ChainedEntry): string {
  const { actor, metadata, ...rest } = entry;
  const flat: Record<string, unknown> = {
    ...rest,
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email ?? '',
    metadata: JSON.stringify(metadata),
  };
  return stringify([CSV_COLUMNS.map((column) => inert(flat[column] ?? ''))]);
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe: audit entries carry names users typed.
 */
export function inert(cell: unknown): unknown {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
