import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** One number from SQL run as the database owner (row-level security does not apply). */
export async function sqlNumber(db: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query(sql, params);
  return Number(Object.values(row)[0] ?? 0);
}

/** A new, empty database on the same server, for an app that must not share the run's job queues. */
export async function createScratchDatabase(db: DataSource, baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `plinth_scratch_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await db.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}
