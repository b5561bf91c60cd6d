// Scale-out: quota.mjs's write (POST /api/v1/sites/:id/posts, 10 connections,
// spread over 10 sites) against 1 API process vs 4, both behind the
// round-robin proxy and through pgbouncer (transaction mode), and 1 process
// straight (what the proxy costs); three alternated rounds in one run, with
// the database's statements per request (pg_stat_statements, top level).
// It starts everything itself, on free ports, and removes it after:
//   node tools/test/ensure-scale-deps.mjs && npx nx build api
//   node tools/bench/scale-out.mjs
import pg from 'pg';
import { alternate, create, range, run, signUp } from './lib.mjs';
import { startTopology } from './scale-topology.mjs';

// PL/pgSQL run by the quota trigger at COMMIT is listed as statements of its own (see request-cost.e2e-spec.ts).
const RUN_AT_COMMIT = /\b(NEW|OLD)\.|TG_ARGV/;

const topology = await startTopology({ apiProcesses: 4 });
process.once('SIGINT', () => topology.stop().finally(() => process.exit(130)));
const stats = new pg.Client(topology.superuserUrl);
try {
  await stats.connect();
  await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const upstreams = { one: await topology.proxy(topology.apis.slice(0, 1)), four: await topology.proxy(topology.apis) };

  const { accessToken } = await signUp(upstreams.four);
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const sites = [];
  for (let i = 0; i < 10; i++) sites.push(await create('/api/v1/sites', { name: `Scale site ${i}` }, headers, upstreams.four));
  const paths = sites.map((site) => `/api/v1/sites/${site.id}/posts`);
  const body = JSON.stringify({ title: 'Benchmark post', body: 'Lorem ipsum dolor sit amet.' });

  /** One autocannon run, with what the database ran meanwhile, per request. */
  const measured = (base) => async (label) => {
    await stats.query('SELECT pg_stat_statements_reset()');
    const line = await run(label, { base, paths, method: 'POST', headers, body });
    const { rows } = await stats.query(
      `SELECT query, calls::int FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'plinth') AND query NOT LIKE '%pg_stat_statements%'`,
    );
    const perRequest = (statements) => Number((statements.reduce((sum, s) => sum + s.calls, 0) / line.requests).toFixed(2));
    const statements = {
      sentPerRequest: perRequest(rows.filter((s) => !RUN_AT_COMMIT.test(s.query))),
      atCommitPerRequest: perRequest(rows.filter((s) => RUN_AT_COMMIT.test(s.query))),
      top: rows
        .sort((a, b) => b.calls - a.calls)
        .slice(0, 6)
        .map((s) => `${(s.calls / line.requests).toFixed(2)} × ${s.query.replace(/\s+/g, ' ').slice(0, 90)}`),
    };
    console.log(JSON.stringify({ label, ...statements }));
    return { ...line, ...statements };
  };

  await run('warm-up, 4 processes', { base: upstreams.four, paths, method: 'POST', headers, body, duration: 5 });
  const results = await alternate(3, {
    '1 process, direct': measured(topology.apis[0]),
    '1 process, via proxy': measured(upstreams.one),
    '4 processes, via proxy': measured(upstreams.four),
  });
  for (const [label, lines] of Object.entries(results)) {
    const keys = ['reqPerSec', 'p50ms', 'p95ms', 'p99ms', 'sentPerRequest', 'atCommitPerRequest'];
    console.log(JSON.stringify({ label, ...Object.fromEntries(keys.map((key) => [key, range(lines, key)])) }));
  }
} finally {
  await stats.end();
  await topology.stop();
}
