// The floor under the benchmarks: the statements Plinth sends for a request,
// replayed by pgbench (10 clients, 10 s, extended protocol) against the same
// database, with no HTTP, no Node and no JSON in the way. Plinth's req/s as a
// fraction of these tps is how close the API comes to the database's own limit.
// Usage: BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json npm start, then
//   node tools/bench/floor.mjs        (BENCH_DATABASE_URL: the API's database)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, create, pgbench, range, signUp } from './lib.mjs';

const { accessToken, user, organization } = await signUp();
const headers = { authorization: `Bearer ${accessToken}` };
const sites = [];
for (let i = 0; i < 10; i++) sites.push(await create('/api/v1/sites', { name: `Floor site ${i}` }, headers));

const plans = JSON.parse(readFileSync(join(import.meta.dirname, 'plans.json'), 'utf8'));
const quotaSetting = JSON.stringify({ thresholds: [80, 90, 95], limits: Object.fromEntries(plans.map((p) => [p.tier, p.limits])) });
const literal = (value) => `'${String(value).replaceAll("'", "''")}'`;

// The guard's round trip: the membership query, pinning the transaction to its row.
const pin = `SELECT r.*, set_config('app.organization_id', r.organization_id::text, true), set_config('role', 'plinth_app', true),
  set_config('plinth.quota', ${literal(quotaSetting)}, true)
  FROM (SELECT m.organization_id, o.slug, o.plan_tier, m.role, u.email FROM organization_members m
    JOIN organizations o ON o.id = m.organization_id JOIN users u ON u.id = m.user_id
    WHERE m.user_id = ${literal(user.id)} AND o.id = ${literal(organization.id)}) r;`;
const membersPage = `SELECT m.*, u.id, u.email, u.name FROM organization_members m INNER JOIN users u ON u.id = m.user_id
  WHERE m.organization_id = ${literal(organization.id)} ORDER BY m.joined_at ASC, m.id ASC LIMIT 21;`;
const insertPost = (siteId) => `INSERT INTO posts (id, organization_id, site_id, title, body, status, published_at, created_at, updated_at)
  VALUES (DEFAULT, ${literal(organization.id)}, ${literal(siteId)}, 'Benchmark post', 'Lorem ipsum dolor sit amet.', 'draft', DEFAULT, DEFAULT, DEFAULT)
  RETURNING id, status, created_at, updated_at;`;

const dir = mkdtempSync(join(tmpdir(), 'plinth-floor-'));
const script = (name, statements) => {
  const file = join(dir, `${name}.sql`);
  // pgbench reads one statement a line.
  writeFileSync(file, `${statements.map((s) => s.replaceAll('\n', ' ')).join('\n')}\n`);
  return file;
};
const membersTenancy = script('members', ['BEGIN READ ONLY;', pin, membersPage, 'COMMIT;']);
const membersBypass = script('members-bypass', [membersPage]);
const postScripts = sites.map((site, i) => script(`post-${i}`, ['BEGIN;', pin, insertPost(site.id), 'COMMIT;']));

const results = await alternate(3, {
  'members (tenancy statements)': (label) => pgbench(label, [membersTenancy]),
  'members (bypass statement)': (label) => pgbench(label, [membersBypass]),
  'POST posts, one site': (label) => pgbench(label, postScripts.slice(0, 1)),
  'POST posts, 10 sites': (label) => pgbench(label, postScripts),
});
for (const [label, lines] of Object.entries(results))
  console.log(JSON.stringify({ label, tps: range(lines, 'tps'), latencyMs: range(lines, 'latencyMs') }));
