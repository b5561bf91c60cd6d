import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invite resends are limited (once a minute, 5 a day): each invite remembers
 * its sends. And the request path's role reads no secret: no password hash,
 * no token or key hash (those are found as the system, before the role is taken).
 */
export class Hardening1764190000000 implements MigrationInterface {
  name = 'Hardening1764190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invites
        ADD COLUMN last_sent_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN resend_day date NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
        ADD COLUMN resends_that_day integer NOT NULL DEFAULT 0;
      UPDATE invites SET last_sent_at = updated_at;`);
    await db.query(`
      REVOKE SELECT ON users FROM plinth_app;
      GRANT SELECT (id, email, name, email_verified_at, created_at, updated_at) ON users TO plinth_app;
      REVOKE SELECT ON invites FROM plinth_app;
      GRANT SELECT (id, organization_id, email, role, invited_by_user_id, expires_at, accepted_at, accepted_by_user_id, revoked_at,
                    created_at, updated_at, last_sent_at, resend_day, resends_that_day) ON invites TO plinth_app;
      REVOKE SELECT ON api_keys FROM plinth_app;
      GRANT SELECT (id, organization_id, name, prefix, role, created_by_user_id, expires_at, last_used_at, revoked_at, created_at)
        ON api_keys TO plinth_app;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('GRANT SELECT ON users, invites, api_keys TO plinth_app');
    await db.query('ALTER TABLE invites DROP COLUMN last_sent_at, DROP COLUMN resend_day, DROP COLUMN resends_that_day');
  }
}
