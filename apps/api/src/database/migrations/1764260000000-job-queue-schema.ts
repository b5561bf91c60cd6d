import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job queue's schema exists before any process starts pg-boss. pg-boss
 * installs itself under an advisory lock, but a process that waited on that
 * lock can still hold a cached "no such schema" from its install check (an
 * advisory lock does not refresh PostgreSQL's catalog cache), so N processes
 * starting on an empty database could fail with a duplicate pg_namespace key.
 * Created here, under the migration lock, the schema is there for all of them;
 * pg-boss still installs its own tables, and tells a lost race apart ("already exists").
 */
export class JobQueueSchema1764260000000 implements MigrationInterface {
  name = 'JobQueueSchema1764260000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS pgboss');
  }

  async down(): Promise<void> {
    // pg-boss's tables live in it: dropping them is not a schema migration's to do.
  }
}
