import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

/** Writes audit entries in the caller's unit of work, so a change and its record commit together. */
@Injectable()
export class AuditLogger {
  /** Records on behalf of the unit of work's actor, from its request's IP and user agent. */
  async record(tx: TenantTx, entry: AuditEntry): Promise<void> {
    const { actor, origin } = tx.context;
    await tx.repo(AuditLog).insert({
      action: entry.action,
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
  }
}
