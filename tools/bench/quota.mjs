// The quota-guarded write and the metered read, under load.
//   POST /api/v1/sites/:id/posts  (one conditional upsert inside the write's transaction), 10 and 50 connections
//   GET  /api/v1/sites with an API key, metered vs the same route unmetered (bench-only twin)
// Start the API with limits that do not get in the way of a benchmark, then run this:
//   BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json npm start
//   node tools/bench/quota.mjs
import { baseUrl, run, signUp } from './lib.mjs';

const { accessToken } = await signUp();
const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
const site = await post('/api/v1/sites', { name: 'Bench site' });
const { key } = await post('/api/v1/api-keys', { name: 'bench', role: 'viewer' });

const body = JSON.stringify({ title: 'Benchmark post', body: 'Lorem ipsum dolor sit amet.' });
for (const connections of [10, 50]) {
  await run(`POST posts (${connections} conn)`, { path: `/api/v1/sites/${site.id}/posts`, method: 'POST', headers, body, connections });
}
// Alternated, three rounds each: on a small machine run-to-run noise is larger than the effect measured.
const keyHeaders = { 'x-api-key': key };
const rates = { metered: [], unmetered: [] };
for (let round = 1; round <= 3; round++) {
  rates.unmetered.push(
    (await run(`GET /sites, API key, unmetered #${round}`, { path: '/api/v1/bench/sites', headers: keyHeaders })).reqPerSec,
  );
  rates.metered.push((await run(`GET /sites, API key, metered #${round}`, { path: '/api/v1/sites', headers: keyHeaders })).reqPerSec);
}
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const cost = ((mean(rates.unmetered) - mean(rates.metered)) / mean(rates.unmetered)) * 100;
console.log(JSON.stringify({ meteringCostPercent: Number(cost.toFixed(1)) }));

async function post(path, payload) {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(payload) });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}
