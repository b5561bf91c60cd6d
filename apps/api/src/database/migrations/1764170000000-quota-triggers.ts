import { countedTableSql, quotaFunctionsSql, scopeTableSql } from '@plinth/quota';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quotas move into the database: the CMS's tables are counted by triggers at
 * COMMIT (see libs/quota quota-sql), so a quota-guarded write costs no extra
 * statement and its counter row is locked only while PostgreSQL commits.
 */
export class QuotaTriggers1764170000000 implements MigrationInterface {
  name = 'QuotaTriggers1764170000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(quotaFunctionsSql());
    await db.query(countedTableSql('sites', { dimension: 'sites' }));
    await db.query(countedTableSql('posts', { dimension: 'posts', scopeColumn: 'site_id' }));
    await db.query(countedTableSql('media', { dimension: 'storage_bytes', amountColumn: 'size_bytes' }));
    await db.query(scopeTableSql('sites', 'posts'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER sites_quota_forget_posts ON sites;
      DROP TRIGGER media_quota_release ON media; DROP TRIGGER media_quota_count ON media;
      DROP TRIGGER posts_quota_release ON posts; DROP TRIGGER posts_quota_count ON posts;
      DROP TRIGGER sites_quota_release ON sites; DROP TRIGGER sites_quota_count ON sites;
      DROP FUNCTION plinth_quota_forget_scope(), plinth_quota_release_rows(), plinth_quota_count_row(),
        plinth_quota_release(uuid, text, uuid, bigint), plinth_quota_consume(uuid, text, uuid, bigint),
        plinth_quota_warn(uuid, text, uuid, int, bigint, bigint), plinth_quota_crossed(bigint, bigint, bigint),
        plinth_quota_limit(uuid, text);`);
  }
}
