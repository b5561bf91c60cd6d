// Outgoing webhook fan-out: 1,000 post.created events to 3 endpoints (3,000 deliveries) to receivers in
// this process. Per round: how long until every delivery has arrived, and POST /sites/:id/posts of
// another organization (10 connections, 10 s) while those deliveries drain — alternated with the same
// POST run on a quiet API, three rounds in one run.
//   WEBHOOKS_ALLOW_PRIVATE=true BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json npm start
//   node tools/bench/webhook-fanout.mjs
import { createServer } from 'node:http';
import { alternate, create, range, run, signUp } from './lib.mjs';

const EVENTS = 1_000;
const ENDPOINTS = 3;
const CREATORS = 10;
const DRAIN_TIMEOUT_MS = 10 * 60_000;

const measured = await signUp();
const measuredHeaders = { authorization: `Bearer ${measured.accessToken}`, 'content-type': 'application/json' };
const measuredSite = await create('/api/v1/sites', { name: 'Measured' }, measuredHeaders);
const postBody = JSON.stringify({ title: 'Benchmark post', body: 'Lorem ipsum dolor sit amet.' });
const measurePosts = (label) =>
  run(label, { path: `/api/v1/sites/${measuredSite.id}/posts`, method: 'POST', headers: measuredHeaders, body: postBody });

const fanouts = [];
const results = await alternate(3, {
  'POST posts, quiet': measurePosts,
  'POST posts, while 3,000 deliveries drain': async (label) => {
    const fanout = await startFanout();
    const line = await measurePosts(label);
    fanouts.push(await fanout.delivered);
    return line;
  },
});
for (const [label, lines] of Object.entries(results)) {
  const figures = Object.fromEntries(['reqPerSec', 'p50ms', 'p95ms', 'p99ms'].map((key) => [key, range(lines, key)]));
  console.log(JSON.stringify({ label, ...figures }));
}
console.log(
  JSON.stringify({
    label: 'fan-out',
    ...Object.fromEntries(['createMs', 'allDeliveredMs', 'deliveriesPerSec'].map((k) => [k, range(fanouts, k)])),
  }),
);

/** A fresh organization with 3 endpoints; 1,000 posts created; resolves `delivered` once every receiver has every event. */
async function startFanout() {
  const { accessToken } = await signUp();
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const site = await create('/api/v1/sites', { name: 'Fan-out' }, headers);
  const receivers = await Promise.all(Array.from({ length: ENDPOINTS }, () => receiver()));
  for (const r of receivers) await create('/api/v1/webhook-endpoints', { url: r.url, events: ['post.created'] }, headers);
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATORS }, async () => {
      while (next < EVENTS) {
        next++;
        await create(`/api/v1/sites/${site.id}/posts`, { title: `Event ${next}`, body: '' }, headers);
      }
    }),
  );
  const createMs = Date.now() - started;
  const delivered = (async () => {
    while (receivers.some((r) => r.ids.size < EVENTS)) {
      if (Date.now() - started > DRAIN_TIMEOUT_MS) throw new Error(`Not delivered in ${DRAIN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const allDeliveredMs = Date.now() - started;
    await Promise.all(receivers.map((r) => r.close()));
    const line = { createMs, allDeliveredMs, deliveriesPerSec: Math.round((EVENTS * ENDPOINTS) / (allDeliveredMs / 1000)) };
    console.log(JSON.stringify({ label: 'fan-out round', ...line, duplicates: receivers.map((r) => r.duplicates) }));
    return line;
  })();
  return { delivered };
}

/** A local endpoint that answers 200 at once and counts distinct webhook-ids (and repeats). */
async function receiver() {
  const ids = new Set();
  const state = { ids, duplicates: 0 };
  const server = createServer((request, response) => {
    const id = request.headers['webhook-id'];
    if (ids.has(id)) state.duplicates++;
    ids.add(id);
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    close: () => new Promise((resolve) => server.close(resolve)),
  });
}
