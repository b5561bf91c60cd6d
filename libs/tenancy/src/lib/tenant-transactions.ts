import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The database role the request path runs as; row-level security applies to it. */
export const APP_DB_ROLE = 'plinth_app';

/**
 * Runs work in one transaction that row-level security pins to one
 * organization: `app.organization_id` is set and the role is switched to
 * APP_DB_ROLE for this transaction only. Jobs and webhooks enter a tenant
 * the same way, explicitly.
 */
@Injectable()
export class TenantTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await enterTenant(manager, organizationId);
      return work(manager);
    });
  }
}

/** Pins the current transaction of `manager` to one organization (one round trip). */
export async function enterTenant(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query(`SELECT set_config('app.organization_id', $1, true), set_config('role', $2, true)`, [
    organizationId,
    APP_DB_ROLE,
  ]);
}
