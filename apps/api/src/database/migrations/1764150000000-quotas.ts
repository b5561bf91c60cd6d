import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Quotas1764150000000 implements MigrationInterface {
  name = 'Quotas1764150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quota_usage (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension IN ('sites', 'posts', 'users', 'storage_bytes', 'api_calls')),
        scope_id uuid NOT NULL,
        current bigint NOT NULL CHECK (current >= 0),
        period_start timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, dimension, scope_id)
      );

      CREATE TABLE quota_overrides (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension IN ('sites', 'posts', 'users', 'storage_bytes', 'api_calls')),
        limit_value bigint CHECK (limit_value >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, dimension)
      );

      CREATE TABLE quota_warnings (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        dimension text NOT NULL,
        threshold smallint NOT NULL,
        period_start timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, dimension, threshold, period_start)
      );
    `);
    await db.query(enableTenantRlsSql('quota_usage'));
    // Overrides are set by platform admins (system context); tenants only read them.
    await db.query(enableTenantRlsSql('quota_overrides', { privileges: ['SELECT'] }));
    await db.query(enableTenantRlsSql('quota_warnings', { privileges: ['SELECT', 'INSERT'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE quota_warnings; DROP TABLE quota_overrides; DROP TABLE quota_usage;');
  }
}
