import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account settings: each session (refresh-token family) shows the device it
 * was used from — every token records the user agent and IP of the sign-in
 * or refresh that issued it — and an email change is a link token that
 * carries the address it moves the account to.
 */
export class AccountSettings1764225000000 implements MigrationInterface {
  name = 'AccountSettings1764225000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE refresh_tokens
        ADD COLUMN user_agent text,
        ADD COLUMN ip text;
      ALTER TABLE user_tokens
        DROP CONSTRAINT user_tokens_purpose_check,
        ADD CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('verify_email', 'password_reset', 'email_change')),
        ADD COLUMN new_email text CHECK (new_email = lower(new_email)),
        ADD CONSTRAINT user_tokens_new_email_for_email_change CHECK ((purpose = 'email_change') = (new_email IS NOT NULL));`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM user_tokens WHERE purpose = 'email_change';
      ALTER TABLE user_tokens
        DROP CONSTRAINT user_tokens_new_email_for_email_change,
        DROP COLUMN new_email,
        DROP CONSTRAINT user_tokens_purpose_check,
        ADD CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('verify_email', 'password_reset'));
      ALTER TABLE refresh_tokens
        DROP COLUMN user_agent,
        DROP COLUMN ip;`);
  }
}
