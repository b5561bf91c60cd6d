import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invite resends are limited (once a minute, 5 a day): each invite remembers its sends. */
export class Hardening1764190000000 implements MigrationInterface {
  name = 'Hardening1764190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invites
        ADD COLUMN last_sent_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN resend_day date NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
        ADD COLUMN resends_that_day integer NOT NULL DEFAULT 0;
      UPDATE invites SET last_sent_at = updated_at;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE invites DROP COLUMN last_sent_at, DROP COLUMN resend_day, DROP COLUMN resends_that_day');
  }
}
