import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reference product: sites, their posts and their media files. */
export class Content1764160000000 implements MigrationInterface {
  name = 'Content1764160000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        domain text CHECK (
          char_length(domain) <= 253
          AND domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$'
        ),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Target of the posts' and media's foreign keys, which so can only name a site of their own organization.
        CONSTRAINT sites_org_id_key UNIQUE (organization_id, id)
      );
      CREATE UNIQUE INDEX sites_org_domain_key ON sites (organization_id, domain) WHERE domain IS NOT NULL;
      CREATE INDEX sites_org_created_idx ON sites (organization_id, created_at DESC, id DESC);

      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        site_id uuid NOT NULL,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (char_length(body) <= 100000),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT posts_site_fkey FOREIGN KEY (organization_id, site_id)
          REFERENCES sites (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT posts_published_at_check CHECK ((status = 'published') = (published_at IS NOT NULL))
      );
      CREATE INDEX posts_org_site_created_idx ON posts (organization_id, site_id, created_at DESC, id DESC);

      CREATE TABLE media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        site_id uuid NOT NULL,
        filename text NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (char_length(content_type) <= 100),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        storage_key text NOT NULL CHECK (char_length(storage_key) <= 512),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT media_site_fkey FOREIGN KEY (organization_id, site_id)
          REFERENCES sites (organization_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX media_org_storage_key ON media (organization_id, storage_key);
      CREATE INDEX media_org_site_created_idx ON media (organization_id, site_id, created_at DESC, id DESC);
    `);
    await db.query(enableTenantRlsSql('sites'));
    await db.query(enableTenantRlsSql('posts'));
    // A media row is never changed, only added and removed.
    await db.query(enableTenantRlsSql('media', { privileges: ['SELECT', 'INSERT', 'DELETE'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE media; DROP TABLE posts; DROP TABLE sites;');
  }
}
