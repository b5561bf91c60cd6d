import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pay as you go for API calls: which organizations serve calls past their
 * limit (quota), the month that just ended kept beside the counter, the
 * metered subscription item, and how much overage has been reported to the
 * provider (a chunk is claimed before it is sent, so a crash resends the
 * same chunk under the same identifier and nothing is billed twice or lost).
 */
export class PayAsYouGo1764210000000 implements MigrationInterface {
  name = 'PayAsYouGo1764210000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quota_overage (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension = 'api_calls'),
        allowed_since timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, dimension)
      );
      -- API calls served past the limit (pay as you go), and the month that ended, kept beside the counter.
      ALTER TABLE quota_usage
        ADD COLUMN overage bigint NOT NULL DEFAULT 0,
        ADD COLUMN previous_current bigint NOT NULL DEFAULT 0,
        ADD COLUMN previous_overage bigint NOT NULL DEFAULT 0,
        ADD COLUMN previous_period_start timestamptz;
      ALTER TABLE subscriptions ADD COLUMN metered_item_id text;
      CREATE TABLE usage_reports (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        period_start timestamptz NOT NULL,
        reported bigint NOT NULL DEFAULT 0,
        -- The end of the chunk being sent; above 'reported' until the provider has it.
        pending bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, period_start),
        CHECK (pending >= reported)
      );
      ALTER TABLE sandbox_billing_objects DROP CONSTRAINT sandbox_billing_objects_type_check;
      ALTER TABLE sandbox_billing_objects ADD CONSTRAINT sandbox_billing_objects_type_check
        CHECK (type IN ('customer', 'checkout_session', 'subscription', 'invoice', 'usage_record'));
    `);
    await db.query(enableTenantRlsSql('quota_overage', { privileges: ['SELECT', 'INSERT', 'DELETE'] }));
    await db.query(enableTenantRlsSql('usage_reports', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE usage_reports, quota_overage;
      ALTER TABLE quota_usage DROP COLUMN overage, DROP COLUMN previous_current, DROP COLUMN previous_overage, DROP COLUMN previous_period_start;
      ALTER TABLE subscriptions DROP COLUMN metered_item_id;`);
  }
}
