import type { Role } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './harness';

/**
 * What the tenancy suites share beyond @plinth/testing's organizations,
 * members and keys: their app, and reads straight from the tables.
 */

/** The tenancy suites sign up many users from one IP and invite many people: lift those brakes for them. */
export function startTenancyApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000', INVITES_PER_HOUR: '100000', ...env });
}

export async function roleOf(db: DataSource, organizationId: string, userId: string): Promise<Role | null> {
  const rows = await db.query('SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2', [
    organizationId,
    userId,
  ]);
  return rows[0]?.role ?? null;
}

/** The audit entries of one organization, newest first, straight from the table. */
export async function auditRows(db: DataSource, organizationId: string, action?: string) {
  return db.query(
    `SELECT action, actor_type, actor_id, target_type, target_id, metadata, ip, user_agent
       FROM audit_logs WHERE organization_id = $1 AND ($2::text IS NULL OR action = $2)
      ORDER BY created_at DESC, id DESC`,
    [organizationId, action ?? null],
  );
}
