// Shared by the benchmarks: they run against an already running API
// (`npm start`, or BENCH_URL), never inside the test suite.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export const baseUrl = process.env.BENCH_URL ?? 'http://localhost:3000';
/** The database `npm start` embeds, for the pgbench floor. */
export const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54329/plinth';

/** Signs a fresh user up (at `base`, another API than BENCH_URL) and returns the signup's data (user, organization, tokens). */
export async function signUp(base = baseUrl) {
  const email = `bench-${randomUUID().slice(0, 8)}@example.test`;
  const response = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password-1', name: 'Bench' }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}

/** POSTs JSON as `headers` and returns `data`, failing on anything but 201. */
export async function create(path, payload, headers, base = baseUrl) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}

/**
 * Runs autocannon and prints one line of figures. A run with any non-2xx
 * answer is a broken benchmark, not a slow one: it throws. `paths`, when
 * given, spreads the requests over several paths at random; `base`, another API than BENCH_URL.
 */
export async function run(label, { base = baseUrl, path, paths, ...options }) {
  const timings = [];
  const spread = paths
    ? { requests: [{ setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }) }] }
    : {};
  const instance = autocannon({ url: `${base}${path ?? paths[0]}`, duration: 10, connections: 10, ...spread, ...options });
  // autocannon reports no p95, so percentiles come from every response's own time.
  instance.on('response', (_client, _status, _bytes, responseTime) => timings.push(responseTime));
  const { requests, non2xx, errors } = await instance;
  timings.sort((a, b) => a - b);
  const at = (p) => Number(timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))].toFixed(2));
  const line = {
    label,
    connections: options.connections ?? 10,
    seconds: options.duration ?? 10,
    reqPerSec: Math.round(requests.average),
    p50ms: at(50),
    p95ms: at(95),
    p99ms: at(99),
    requests: timings.length,
    non2xx,
    errors,
  };
  console.log(JSON.stringify(line));
  if (non2xx > 0 || errors > 0) throw new Error(`${label}: ${non2xx} non-2xx answers, ${errors} errors`);
  return line;
}

/**
 * This box is noisy: compared figures are taken alternated, `rounds` times,
 * in one run. Returns each label's results in order.
 */
export async function alternate(rounds, runs) {
  const results = Object.fromEntries(Object.keys(runs).map((label) => [label, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [label, once] of Object.entries(runs)) results[label].push(await once(`${label} #${round}`));
  }
  return results;
}

/** "min–max" of a figure across rounds. */
export function range(lines, key) {
  const values = lines.map((line) => line[key]);
  return `${Math.min(...values)}–${Math.max(...values)}`;
}

/** The floor: `scripts` (files of one statement a line) through pgbench, 10 clients, 10 s, extended protocol. */
export function pgbench(label, scripts) {
  const out = execFileSync(
    'pgbench',
    ['-n', '-M', 'extended', '-c', '10', '-j', '2', '-T', '10', ...scripts.flatMap((file) => ['-f', `${file}@1`]), databaseUrl],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const line = {
    label,
    tps: Math.round(Number(/tps = ([\d.]+)/.exec(out)?.[1])),
    latencyMs: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]),
  };
  console.log(JSON.stringify(line));
  return line;
}
