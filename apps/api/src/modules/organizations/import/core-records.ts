import { Injectable, OnModuleInit } from '@nestjs/common';
import { GRANTABLE_ROLES, ROLES } from '@plinth/tenancy';
import type { GrantableRole } from '@plinth/tenancy';
import { ImportRun, ImportTarget, ImportTargets, RecordReader } from './import-targets';
import { anything, email, ImportRecord, nullable, oneOf, RecordShape, timestamp, uuid } from './record-rules';

const PERSON = {
  id: uuid,
  email,
};

const SHAPES: Record<string, RecordShape> = {
  member: { fields: { ...PERSON, userId: uuid, name: anything, role: oneOf(ROLES), joinedAt: timestamp } },
  invite: {
    fields: {
      ...PERSON,
      role: oneOf(GRANTABLE_ROLES),
      expiresAt: timestamp,
      acceptedAt: nullable(timestamp),
      revokedAt: nullable(timestamp),
      createdAt: timestamp,
    },
  },
  // Read, never recreated: only their ids are checked.
  api_key: { fields: { id: uuid }, open: true },
  audit_log: { fields: { id: uuid }, open: true },
  webhook_endpoint: { fields: { id: uuid }, open: true },
};

/**
 * The organization's people and credentials, which an import does not
 * recreate. Members are not added to the new organization (they never
 * agreed to it): they are listed to invite, with their role, an owner as
 * admin — an invite cannot make an owner, the caller is the new one.
 * Pending invites are listed likewise; accepted ones are members already.
 * API keys and webhook endpoints are left out: their secrets never leave
 * the old deployment, so new ones are made in the new organization. Audit
 * entries are left out: the new organization's log records what happens to
 * it, hash-chained as it is written, and one entry, organization.imported,
 * names the export; entries read from a file would be claims nobody can
 * check, chained beside real ones. The export file is the old history.
 */
@Injectable()
export class CoreImport implements ImportTarget, OnModuleInit {
  readonly shapes = SHAPES;
  readonly recreates = [];
  readonly skips = Object.keys(SHAPES);

  constructor(private readonly targets: ImportTargets) {}

  onModuleInit(): void {
    this.targets.register(this);
  }

  open(run: ImportRun): RecordReader {
    return {
      read: async (type, record, line) => {
        run.notImported(type);
        const person = toInvite(type, record);
        if (person) run.toInvite(person, line);
      },
      finish: async () => undefined,
      abandon: async () => undefined,
    };
  }
}

function toInvite(type: string, record: ImportRecord): { email: string; role: GrantableRole } | null {
  const address = String(record.email ?? '').toLowerCase();
  if (type === 'member') {
    const role = record.role === 'owner' ? 'admin' : (record.role as GrantableRole);
    return { email: address, role };
  }
  const pending =
    type === 'invite' && record.acceptedAt === null && record.revokedAt === null && Date.parse(String(record.expiresAt)) > Date.now();
  return pending ? { email: address, role: record.role as GrantableRole } : null;
}
