import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `organization_id` means "owned by that tenant" (and so row-level security).
 * A session only remembers which organization its user selected.
 */
export class SessionOrganization1764180000000 implements MigrationInterface {
  name = 'SessionOrganization1764180000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE refresh_tokens RENAME COLUMN organization_id TO selected_organization_id');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE refresh_tokens RENAME COLUMN selected_organization_id TO organization_id');
  }
}
