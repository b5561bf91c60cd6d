// The quota-guarded write and the metered read, under load, three alternated rounds each:
//   POST /api/v1/sites/:id/posts at 10 connections, all on one site, and spread over 10 sites
//   GET  /api/v1/sites with an API key, metered vs the same route unmetered (bench-only twin)
// Start the API with limits that do not get in the way of a benchmark, then run this:
//   BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json npm start
//   node tools/bench/quota.mjs
import { alternate, create, range, run, signUp } from './lib.mjs';

const { accessToken } = await signUp();
const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
const sites = [];
for (let i = 0; i < 10; i++) sites.push(await create('/api/v1/sites', { name: `Bench site ${i}` }, headers));
const { key } = await create('/api/v1/api-keys', { name: 'bench', role: 'viewer' }, headers);

const body = JSON.stringify({ title: 'Benchmark post', body: 'Lorem ipsum dolor sit amet.' });
const posts = (siteList) => siteList.map((site) => `/api/v1/sites/${site.id}/posts`);
const writes = await alternate(3, {
  'POST posts, one site': (label) => run(label, { paths: posts(sites.slice(0, 1)), method: 'POST', headers, body }),
  'POST posts, 10 sites': (label) => run(label, { paths: posts(sites), method: 'POST', headers, body }),
});
const keyHeaders = { 'x-api-key': key };
const reads = await alternate(3, {
  'GET /sites, API key, unmetered': (label) => run(label, { path: '/api/v1/bench/sites', headers: keyHeaders }),
  'GET /sites, API key, metered': (label) => run(label, { path: '/api/v1/sites', headers: keyHeaders }),
});
const costs = reads['GET /sites, API key, metered'].map((metered, i) => {
  const unmetered = reads['GET /sites, API key, unmetered'][i].reqPerSec;
  return { cost: Number((((unmetered - metered.reqPerSec) / unmetered) * 100).toFixed(1)) };
});
for (const [label, lines] of Object.entries(writes)) {
  const figures = Object.fromEntries(['reqPerSec', 'p50ms', 'p95ms', 'p99ms'].map((key) => [key, range(lines, key)]));
  console.log(JSON.stringify({ label, ...figures }));
}
console.log(JSON.stringify({ meteringCostPercent: range(costs, 'cost') }));
