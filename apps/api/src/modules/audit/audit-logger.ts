import { Injectable } from '@nestjs/common';
import { Actor, scoped, TenantContext } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

export interface AuditOrigin {
  actor: Actor;
  ip?: string | null;
  userAgent?: string | null;
}

/** Writes audit entries in the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditLogger {
  /** Records on behalf of the request's tenant and actor. */
  record(manager: EntityManager, tenant: TenantContext, entry: AuditEntry): Promise<AuditLog> {
    return this.recordIn(manager, tenant.organizationId, tenant, entry);
  }

  /** For paths outside a tenant request (invite acceptance, jobs): organization and origin explicit. */
  recordIn(manager: EntityManager, organizationId: string, origin: AuditOrigin, entry: AuditEntry): Promise<AuditLog> {
    return scoped(manager, AuditLog, organizationId).save({
      action: entry.action,
      actorType: origin.actor.type,
      actorId: origin.actor.id,
      actorEmail: origin.actor.email ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
  }
}
