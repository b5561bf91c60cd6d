import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is left of a deleted organization: one row outside every tenant (its
 * id is not an `organization_id`, so no policy and no cascade reach it)
 * saying who deleted which organization, when, and how much went with it.
 * The request path may add one, never read or change them.
 */
export class OrganizationTombstones1764250000000 implements MigrationInterface {
  name = 'OrganizationTombstones1764250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organization_tombstones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deleted_organization_id uuid NOT NULL,
        name text NOT NULL,
        slug text NOT NULL,
        deleted_by_type text NOT NULL,
        deleted_by_id uuid,
        deleted_by_email text,
        counts jsonb NOT NULL,
        deleted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX organization_tombstones_org_idx ON organization_tombstones (deleted_organization_id);
      GRANT INSERT ON organization_tombstones TO plinth_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE organization_tombstones');
  }
}
