import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** API calls per organization and UTC day, written by the meter's flush: the usage chart's data. */
export class ApiCallDays1764220000000 implements MigrationInterface {
  name = 'ApiCallDays1764220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_call_days (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        day date NOT NULL,
        calls bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (organization_id, day)
      );
    `);
    await db.query(enableTenantRlsSql('api_call_days', { privileges: ['SELECT'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_call_days');
  }
}
