// Seeds organizations in bulk for the growth bench: each with an owner, one
// site and `posts` posts, in set-based SQL (INSERT … SELECT generate_series),
// batch by batch, as the superuser (row-level security does not apply).
// The quota triggers' per-row counting is suspended (plinth.quota_bulk) and
// the counters are written in bulk instead, so usage matches the rows.
// Alone: node tools/bench/seed-growth.mjs 10000   (up to 10,000 organizations; BENCH_DATABASE_URL: the API's database)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseUrl } from './lib.mjs';

const ORGANIZATION_SCOPE = '00000000-0000-0000-0000-000000000000';
const BATCH = 1000;

/** One batch: `size` organizations (slugs `seed-<tag>-<n>`), their owners, sites, posts and counters. */
const batchSql = (size, tag, posts) => `
  CREATE TEMP TABLE seed ON COMMIT DROP AS
    SELECT n, gen_random_uuid() AS organization_id, gen_random_uuid() AS user_id, gen_random_uuid() AS site_id
      FROM generate_series(1, ${size}) AS n;
  INSERT INTO organizations (id, name, slug) SELECT organization_id, 'Seeded ' || n, 'seed-${tag}-' || n FROM seed;
  INSERT INTO users (id, email, name, password_hash)
    SELECT user_id, 'seed-${tag}-' || n || '@example.test', 'Seeded', '!' FROM seed;
  INSERT INTO organization_members (organization_id, user_id, role) SELECT organization_id, user_id, 'owner' FROM seed;
  INSERT INTO sites (id, organization_id, name) SELECT site_id, organization_id, 'Seeded site' FROM seed;
  -- Newest first is the list's order: posts a minute apart, every other one published.
  INSERT INTO posts (organization_id, site_id, title, body, status, published_at, created_at, updated_at)
    SELECT organization_id, site_id, 'Seeded post ' || i, repeat('Lorem ipsum dolor sit amet. ', 8),
           CASE WHEN i % 2 = 0 THEN 'published' ELSE 'draft' END,
           CASE WHEN i % 2 = 0 THEN at END, at, at
      FROM seed CROSS JOIN generate_series(1, ${posts}) AS i
      CROSS JOIN LATERAL (SELECT now() - make_interval(mins => i)) AS t(at);
  INSERT INTO quota_usage (organization_id, dimension, scope_id, current)
    SELECT organization_id, 'sites', '${ORGANIZATION_SCOPE}'::uuid, 1 FROM seed
    UNION ALL SELECT organization_id, 'posts', site_id, ${posts} FROM seed;`;

/** Seeds organizations with `posts` posts each until there are `total`; returns how many and the seconds it took (ANALYZE included). */
export async function seedOrganizations(url, total, { posts = 50, log = () => undefined } = {}) {
  const db = new pg.Client(url);
  await db.connect();
  const tag = randomUUID().slice(0, 8);
  const started = performance.now();
  const [{ existing }] = (await db.query('SELECT count(*)::int AS existing FROM organizations')).rows;
  const count = Math.max(0, total - existing);
  try {
    for (let done = 0; done < count; done += BATCH) {
      const size = Math.min(BATCH, count - done);
      await db.query('BEGIN');
      await db.query(`SET LOCAL plinth.quota_bulk = 'on'`);
      await db.query(batchSql(size, `${tag}-${done}`, posts));
      await db.query('COMMIT');
      log(`seeded ${done + size}/${count} organizations`);
    }
    await db.query('ANALYZE organizations, users, organization_members, sites, posts, quota_usage');
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    await checkCounters(db);
    return { seeded: count, seconds };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/** Organizations whose `sites` counter, and sites whose `posts` counter, differ from their rows. */
const MISMATCHED_COUNTERS = `
  SELECT
    (SELECT count(*) FROM (SELECT organization_id, count(*) AS n FROM sites GROUP BY 1) AS s
       LEFT JOIN quota_usage u
         ON u.organization_id = s.organization_id AND u.dimension = 'sites' AND u.scope_id = '${ORGANIZATION_SCOPE}'::uuid
      WHERE u.current IS DISTINCT FROM s.n)::int AS sites,
    (SELECT count(*) FROM (SELECT organization_id, site_id, count(*) AS n FROM posts GROUP BY 1, 2) AS p
       LEFT JOIN quota_usage u ON u.organization_id = p.organization_id AND u.dimension = 'posts' AND u.scope_id = p.site_id
      WHERE u.current IS DISTINCT FROM p.n)::int AS posts`;

async function checkCounters(db) {
  const [mismatched] = (await db.query(MISMATCHED_COUNTERS)).rows;
  if (mismatched.sites > 0 || mismatched.posts > 0)
    throw new Error(`Quota counters that differ from their rows: ${JSON.stringify(mismatched)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { seeded, seconds } = await seedOrganizations(databaseUrl, Number(process.argv[2] ?? 10_000), { log: console.log });
  console.log(JSON.stringify({ seededOrganizations: seeded, postsEach: 50, seconds }));
}
