import { createAppRoleSql, enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenancy1764140000000 implements MigrationInterface {
  name = 'Tenancy1764140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'publisher', 'viewer')),
        token_hash text NOT NULL,
        invited_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX invites_token_hash_key ON invites (token_hash);
      CREATE UNIQUE INDEX invites_one_open_per_email ON invites (organization_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL;
      CREATE INDEX invites_org_created_idx ON invites (organization_id, created_at DESC, id DESC);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'publisher', 'viewer')),
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
      CREATE INDEX api_keys_org_created_idx ON api_keys (organization_id, created_at DESC, id DESC);

      CREATE TABLE audit_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        action text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id uuid,
        actor_email text,
        target_type text,
        target_id text,
        metadata jsonb NOT NULL DEFAULT '{}',
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_logs_org_created_idx ON audit_logs (organization_id, created_at DESC, id DESC);
      CREATE INDEX audit_logs_org_action_idx ON audit_logs (organization_id, action, created_at DESC);
      CREATE INDEX audit_logs_org_actor_idx ON audit_logs (organization_id, actor_id, created_at DESC);

      CREATE INDEX organization_members_org_joined_idx ON organization_members (organization_id, joined_at, id);
    `);
    await db.query(createAppRoleSql());
    await db.query(enableTenantRlsSql('organizations', { column: 'id', privileges: ['SELECT', 'UPDATE', 'DELETE'] }));
    await db.query(enableTenantRlsSql('organization_members'));
    await db.query(enableTenantRlsSql('invites'));
    await db.query(enableTenantRlsSql('api_keys'));
    // Append-only for the request path: no UPDATE or DELETE (rows go only with their organization).
    await db.query(enableTenantRlsSql('audit_logs', { privileges: ['SELECT', 'INSERT'] }));
    // Global tables the request path reads (member names and emails).
    await db.query(`GRANT SELECT, UPDATE (email_verified_at, updated_at) ON users TO plinth_app;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON users, organizations, organization_members FROM plinth_app;
      DROP POLICY tenant_isolation ON organizations;
      ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;
      DROP POLICY tenant_isolation ON organization_members;
      ALTER TABLE organization_members DISABLE ROW LEVEL SECURITY;
      DROP INDEX organization_members_org_joined_idx;
      DROP TABLE audit_logs;
      DROP TABLE api_keys;
      DROP TABLE invites;
    `);
  }
}
