// Another tenant's GET /api/v1/sites while ten clients ask for a big export
// and never read it, against the same load without them: three alternated rounds.
// Usage: BENCH_ROUTES=true PLANS_FILE=tools/bench/plans.json npm start, then
//   node tools/bench/stalled-exports.mjs
import { connect } from 'node:net';
import { alternate, baseUrl, create, range, run, signUp } from './lib.mjs';

const big = await signUp();
const bigHeaders = { authorization: `Bearer ${big.accessToken}` };
const site = await create('/api/v1/sites', { name: 'Big' }, bigHeaders);
const body = { title: 'Export me', body: 'x'.repeat(10_000) };
// ~20 MB: more than socket buffers hold, so a client that stops reading stalls its stream.
for (let i = 0; i < 2_000; i += 20) {
  await Promise.all(Array.from({ length: 20 }, () => create(`/api/v1/sites/${site.id}/posts`, body, bigHeaders)));
}
const other = await signUp();
const headers = { authorization: `Bearer ${other.accessToken}` };
const { port, hostname } = new URL(baseUrl);

/** Ten export requests whose answers are never read; returns how to let them go. */
function stall() {
  const sockets = Array.from({ length: 10 }, () => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET /api/v1/organizations/${big.organization.id}/export HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${big.accessToken}\r\n\r\n`,
      ),
    );
    socket.once('data', () => socket.pause());
    socket.on('error', () => undefined);
    return socket;
  });
  return () => sockets.forEach((socket) => socket.destroy());
}

const results = await alternate(3, {
  'GET /sites (other tenant), quiet': (label) => run(label, { path: '/api/v1/sites', headers }),
  'GET /sites (other tenant), 10 stalled exports': async (label) => {
    const release = stall();
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      return await run(label, { path: '/api/v1/sites', headers });
    } finally {
      release();
    }
  },
});
for (const [label, lines] of Object.entries(results)) {
  console.log(JSON.stringify({ label, reqPerSec: range(lines, 'reqPerSec'), p50ms: range(lines, 'p50ms'), p95ms: range(lines, 'p95ms') }));
}
