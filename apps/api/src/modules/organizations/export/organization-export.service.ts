import { Injectable, OnModuleInit } from '@nestjs/common';
import type { TenantContext, TenantTx } from '@plinth/tenancy';
import type { Readable } from 'node:stream';
import { TenantStreams } from '../../../common/tenant-stream';
import { AuditLogger } from '../../audit/audit-logger';
import { exportHeader } from './export-format';
import { ExportRow, ExportSource, ExportSources } from './export-sources';

const BATCH = 500;

/** Streams everything an organization owns as NDJSON: the format's header, then one record a line, `type` on each. */
@Injectable()
export class OrganizationExportService implements OnModuleInit {
  constructor(
    private readonly sources: ExportSources,
    private readonly audit: AuditLogger,
    private readonly streams: TenantStreams,
  ) {}

  onModuleInit(): void {
    this.sources.register(...CORE_SOURCES);
  }

  async export(tenant: TenantContext): Promise<Readable> {
    await tenant.transaction((tx) =>
      this.audit.record(tx, { action: 'organization.exported', targetType: 'organization', targetId: tx.organizationId }),
    );
    return this.streams.open(tenant, async (tx, push) => {
      const write = (record: object) => push(`${JSON.stringify(record)}\n`);
      if (!(await write(exportHeader()))) return;
      for (const source of this.sources.all()) {
        const followers = this.sources.followersOf(source.type);
        for await (const row of rowsOf(tx, source)) {
          if (!(await write({ type: source.type, ...row }))) return;
          for (const follower of followers) {
            for await (const record of follower(tx, row)) if (!(await write(record))) return;
          }
        }
      }
    });
  }
}

/** Keyset batches by id, organization filter first (the first wall), RLS behind it. */
async function* rowsOf(tx: TenantTx, source: ExportSource) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await tx.manager.query(
      `SELECT ${source.columns.join(', ')} FROM ${source.table}
        WHERE ${source.organizationColumn ?? 'organization_id'} = $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
      [tx.organizationId, after],
    )) as ExportRow[];
    yield* rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

const CORE_SOURCES: ExportSource[] = [
  {
    type: 'organization',
    table: 'organizations',
    organizationColumn: 'id',
    columns: ['id', 'name', 'slug', 'logo_url AS "logoUrl"', 'plan_tier AS "planTier"', 'created_at AS "createdAt"'],
  },
  {
    type: 'member',
    table: 'organization_members',
    columns: [
      'id',
      'user_id AS "userId"',
      '(SELECT email FROM users u WHERE u.id = user_id) AS email',
      '(SELECT name FROM users u WHERE u.id = user_id) AS name',
      'role',
      'joined_at AS "joinedAt"',
    ],
  },
  {
    type: 'invite',
    table: 'invites',
    columns: [
      'id',
      'email',
      'role',
      'expires_at AS "expiresAt"',
      'accepted_at AS "acceptedAt"',
      'revoked_at AS "revokedAt"',
      'created_at AS "createdAt"',
    ],
  },
  {
    type: 'api_key',
    table: 'api_keys',
    columns: [
      'id',
      'name',
      'prefix',
      'role',
      'expires_at AS "expiresAt"',
      'last_used_at AS "lastUsedAt"',
      'revoked_at AS "revokedAt"',
      'created_at AS "createdAt"',
    ],
  },
  {
    type: 'audit_log',
    table: 'audit_logs',
    columns: [
      'id',
      'action',
      'actor_type AS "actorType"',
      'actor_id AS "actorId"',
      'actor_email AS "actorEmail"',
      'target_type AS "targetType"',
      'target_id AS "targetId"',
      'metadata',
      'ip',
      'user_agent AS "userAgent"',
      'created_at AS "createdAt"',
    ],
  },
];
