import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform console lists failed webhook deliveries across every
 * organization, most recent failure first: a partial index keeps that one
 * range scan however many deliveries succeeded.
 */
export class FailedDeliveries1764255000000 implements MigrationInterface {
  name = 'FailedDeliveries1764255000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_deliveries_failed_idx ON webhook_deliveries (updated_at DESC, id DESC) WHERE status = 'failed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX webhook_deliveries_failed_idx');
  }
}
