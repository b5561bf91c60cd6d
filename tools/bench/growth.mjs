// Growth: GET /api/v1/sites/:id/posts (default page) with 10 organizations × 50 posts
// in the database vs 10,000 × 50. Goal: p95 at 10,000 ≤ 1.2 × p95 at 10.
// Two APIs, each with its own database: the control stays at 10 organizations,
// the other is measured at 10, grown (seed-growth.mjs) and measured again,
// then both are measured alternated, three rounds: one after the other, and
// both at once (the box's other work then weighs on both alike). Prints the
// list query's plan (EXPLAIN ANALYZE, BUFFERS, as the API's role runs it) at
// both sizes. Both APIs start on fresh homes (no organization yet):
//   BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json PORT=3300 PLINTH_HOME=/tmp/plinth-bench-a npm start
//   BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json PORT=3301 PLINTH_HOME=/tmp/plinth-bench-b npm start
//   BENCH_URL=http://localhost:3300 BENCH_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:<a's port>/plinth \
//   BENCH_CONTROL_URL=http://localhost:3301 BENCH_CONTROL_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:<b's port>/plinth \
//   node tools/bench/growth.mjs        (each home's PostgreSQL port is in <PLINTH_HOME>/ports.json)
import pg from 'pg';
import { alternate, baseUrl, create, databaseUrl, range, run, signUp } from './lib.mjs';
import { seedOrganizations } from './seed-growth.mjs';

const SMALL = 10;
const LARGE = 10_000;
const POSTS = 50;
const growing = { base: baseUrl, db: databaseUrl };
const control = { base: process.env.BENCH_CONTROL_URL, db: process.env.BENCH_CONTROL_DATABASE_URL };
if (!control.base || !control.db) throw new Error('Set BENCH_CONTROL_URL and BENCH_CONTROL_DATABASE_URL (a second API and its database)');

/** The measured organization signs up through the API, writes its site and 50 posts there; the rest are seeded. */
async function prepare(setup) {
  const { accessToken, organization } = await signUp(setup.base);
  const headers = { authorization: `Bearer ${accessToken}` };
  const site = await create('/api/v1/sites', { name: 'Growth' }, headers, setup.base);
  const path = `/api/v1/sites/${site.id}/posts`;
  for (let i = 0; i < POSTS; i++) await create(path, { title: `Post ${i}`, body: 'Lorem ipsum dolor sit amet.' }, headers, setup.base);
  await seedOrganizations(setup.db, SMALL);
  return { ...setup, headers, path, organizationId: organization.id, siteId: site.id };
}

/** The list statement exactly as the API sends it, read from pg_stat_activity while the list is being read (warms up too). */
async function listStatement(setup) {
  const db = new pg.Client(setup.db);
  await db.connect();
  let reading = true;
  const load = (async () => {
    while (reading)
      await Promise.all([1, 2, 3, 4].map(() => fetch(`${setup.base}${setup.path}`, { headers: setup.headers }).then((r) => r.text())));
  })();
  try {
    for (let i = 0; i < 2000; i++) {
      const { rows } = await db.query(
        `SELECT query FROM pg_stat_activity WHERE query LIKE '%FROM "sites" "s" LEFT JOIN "posts" "p"%' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]) return rows[0].query;
    }
    throw new Error('The posts list statement was not seen in pg_stat_activity');
  } finally {
    reading = false;
    await load;
    await db.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) as the request runs it: the app's role, pinned to the organization, row-level security on. */
async function explain(setup, statement) {
  if (!/"s"\."organization_id" = \$1 AND "s"\."id" = \$2/.test(statement)) throw new Error(`Unexpected parameters in:\n${statement}`);
  const db = new pg.Client(setup.db);
  await db.connect();
  try {
    await db.query('BEGIN READ ONLY');
    await db.query(`SELECT set_config('app.organization_id', $1, true), set_config('role', 'plinth_app', true)`, [setup.organizationId]);
    const plan = async () => (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, [setup.organizationId, setup.siteId])).rows;
    await plan(); // the second run, with warm buffers, is what the API sees under load
    return (await plan()).map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await db.query('ROLLBACK');
    await db.end();
  }
}

const sizes = async (url) => {
  const db = new pg.Client(url);
  await db.connect();
  const { rows } = await db.query(
    'SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM posts)::int AS posts',
  );
  await db.end();
  return rows[0];
};
const measure = (setup) => (label) => run(label, { base: setup.base, path: setup.path, headers: setup.headers });
const ratio = (large, small) => ({ ratio: Number((large.p95ms / small.p95ms).toFixed(2)) });
/** Both APIs at the same time (5 connections each): whatever else the box is doing then slows both alike. */
const atOnce = (small, large) => async (label) => {
  const [s, l] = await Promise.all([
    run(`${label}: control`, { base: small.base, path: small.path, headers: small.headers, connections: 5 }),
    run(`${label}: growing`, { base: large.base, path: large.path, headers: large.headers, connections: 5 }),
  ]);
  return ratio(l, s);
};

for (const setup of [control, growing])
  if ((await sizes(setup.db)).organizations > 0)
    throw new Error(`${setup.base} has organizations already: start it with a fresh PLINTH_HOME`);
const [small, grown] = [await prepare(control), await prepare(growing)];
const statement = await listStatement(grown);
await listStatement(small);
console.log(JSON.stringify({ control: await sizes(small.db), growing: await sizes(grown.db) }));
console.log(`-- the list statement, as the API sends it ($1 organization, $2 site):\n${statement}`);
const before = await alternate(1, {
  [`control, ${SMALL} orgs`]: measure(small),
  [`growing, ${SMALL} orgs`]: measure(grown),
  [`both at once, ${SMALL} orgs each`]: atOnce(small, grown),
});

const { seeded, seconds } = await seedOrganizations(grown.db, LARGE, { log: (line) => process.stdout.write(`\r${line}`) });
console.log(
  `\n${JSON.stringify({ seededOrganizations: seeded, postsEach: POSTS, seedSecondsWithAnalyze: seconds, growing: await sizes(grown.db) })}`,
);
await listStatement(grown);
console.log(`-- EXPLAIN at ${SMALL} organizations:\n${await explain(small, statement)}`);
console.log(`-- EXPLAIN at ${LARGE} organizations:\n${await explain(grown, statement)}`);

const labels = { small: `control, ${SMALL} orgs`, large: `grown, ${LARGE} orgs`, atOnce: `both at once, ${SMALL} vs ${LARGE} orgs` };
const after = await alternate(3, { [labels.small]: measure(small), [labels.large]: measure(grown), [labels.atOnce]: atOnce(small, grown) });
for (const label of [labels.small, labels.large]) {
  const figures = Object.fromEntries(['reqPerSec', 'p50ms', 'p95ms', 'p99ms'].map((key) => [key, range(after[label], key)]));
  console.log(JSON.stringify({ label, ...figures }));
}
const [controlBefore, growingBefore, atOnceBefore] = Object.values(before).map((lines) => lines[0]);
console.log(
  JSON.stringify({
    goal: 'p95 at 10,000 ≤ 1.2 × p95 at 10',
    p95RatioBothSmall: { oneAfterTheOther: ratio(growingBefore, controlBefore).ratio, atOnce: atOnceBefore.ratio },
    p95RatioLargeOverSmall: {
      oneAfterTheOther: range(
        after[labels.large].map((line, i) => ratio(line, after[labels.small][i])),
        'ratio',
      ),
      atOnce: range(after[labels.atOnce], 'ratio'),
    },
  }),
);
