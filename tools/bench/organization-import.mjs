// An organization of 100,000 posts (and some media) exported, then imported
// again, with the API's resident memory read during each: the API runs as
// its own process, from the build, with tools/bench/rss-probe.cjs preloaded,
// which samples its process.memoryUsage().rss every 10 ms. An embedded
// PostgreSQL (or DATABASE_URL), the bench plan catalog (no limits); this
// client streams the export to a file and the file into the import.
// Usage: npx nx build api && node tools/bench/organization-import.mjs
//   BENCH_POSTS (100000), BENCH_BODY_CHARS (2000), BENCH_MEDIA (20 files of 1 MB).
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { ensureApplicationRole } from '@plinth/dev-services/application-role';
import { freePort } from '@plinth/dev-services/free-port';
import { startMailCatcher } from '@plinth/dev-services/mail';
import { startPostgres } from '@plinth/dev-services/postgres';

const root = join(import.meta.dirname, '../..');
const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const BODY_CHARS = Number(process.env.BENCH_BODY_CHARS ?? 2_000);
const MEDIA = Number(process.env.BENCH_MEDIA ?? 20);
const MB = 1024 * 1024;

const work = await mkdtemp(join(tmpdir(), 'plinth-import-bench-'));
const stops = [];
try {
  const databaseUrl = process.env.DATABASE_URL ?? (await embeddedDatabase());
  const mail = await startMailCatcher({ smtpPort: await freePort(), webPort: await freePort() });
  stops.push(mail.stop);
  const port = await freePort();
  const nodeFlags = (process.env.BENCH_API_FLAGS ?? '').split(' ').filter(Boolean);
  const api = spawn(
    process.execPath,
    [...nodeFlags, '--expose-gc', '--require', join(root, 'tools/bench/rss-probe.cjs'), 'dist/apps/api/src/main.js'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        SMTP_URL: mail.smtpUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATA_DIR: join(work, 'data'),
        PLANS_FILE: join(root, 'tools/bench/plans.json'),
        AUTH_RATE_LIMIT_PER_IP: '100000',
        REQUEST_TIMEOUT_MS: '1800000',
      },
    },
  );
  stops.unshift(async () => {
    if (api.exitCode !== null) return;
    api.kill('SIGTERM');
    await once(api, 'exit');
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  await healthy(`http://127.0.0.1:${port}/api/health`, api);
  /** The API's memory (MB): after a GC ('rss:reset'), or at its highest RSS since ('rss:peak'). */
  const memory = (message) =>
    new Promise((resolve) => {
      api.once('message', (usage) => resolve(Object.fromEntries(Object.entries(usage).map(([key, bytes]) => [key, round(bytes / MB)]))));
      api.send(message);
    });

  const owner = await call(base, 'POST', '/auth/signup', {
    email: `bench-${randomUUID().slice(0, 8)}@example.test`,
    password: 'bench-password-1',
    name: 'Bench',
  });
  const auth = { authorization: `Bearer ${owner.accessToken}` };
  const site = await call(base, 'POST', '/sites', { name: 'Big' }, auth);
  let seconds = await timed(() => seedPosts(databaseUrl, owner.organization.id, site.id));
  console.log(JSON.stringify({ step: 'seeded posts', posts: POSTS, bodyChars: BODY_CHARS, seconds }));
  for (let i = 0; i < MEDIA; i++) await upload(base, site.id, auth);

  const file = join(work, 'export.ndjson');
  const baseline = await memory('rss:reset');
  seconds = await timed(() => download(`${base}/organizations/${owner.organization.id}/export`, auth, file));
  const exportPeak = await memory('rss:peak');
  const bytes = (await stat(file)).size;
  console.log(JSON.stringify({ step: 'export', megabytes: round(bytes / MB), seconds, before: baseline, peak: exportPeak }));

  const importBaseline = await memory('rss:reset');
  let result;
  seconds = await timed(async () => (result = await uploadFile(`${base}/organizations/import`, auth, file)));
  const importPeak = await memory('rss:peak');
  console.log(
    JSON.stringify({
      step: 'import',
      megabytes: round(bytes / MB),
      seconds,
      before: importBaseline,
      peak: importPeak,
      counts: result.counts,
    }),
  );
  if (result.counts.post !== POSTS || result.counts.media !== MEDIA) throw new Error(`imported ${JSON.stringify(result.counts)}`);
} finally {
  for (const stop of stops) await stop().catch((error) => console.error(error));
  await rm(work, { recursive: true, force: true });
}

async function embeddedDatabase() {
  const server = await startPostgres({
    dataDir: join(work, 'pg'),
    port: await freePort(),
    persistent: false,
    durable: false,
    database: 'postgres',
  });
  stops.push(server.stop);
  return ensureApplicationRole({
    superuserUrl: server.url,
    database: 'plinth',
    role: 'plinth',
    password: randomBytes(18).toString('base64url'),
  });
}

/** Straight into the table as its owner (the API would take hours); the quota triggers count them at COMMIT. */
/**
 * Straight into the table as its owner (the API would take hours): counted in bulk, as the import
 * does, for the triggers' row-by-row count at COMMIT takes minutes for 100,000 rows.
 */
async function seedPosts(url, organizationId, siteId) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('plinth.quota_bulk', 'on', true)`);
    await client.query(
      `INSERT INTO posts (organization_id, site_id, title, body, status, published_at)
       SELECT $1, $2, 'Post ' || g, left(repeat(md5(g::text) || ' ', $3 / 33 + 1), $3),
              CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END, CASE WHEN g % 2 = 0 THEN now() END
         FROM generate_series(1, $4) AS g`,
      [organizationId, siteId, BODY_CHARS, POSTS],
    );
    await client.query(`SELECT plinth_quota_consume($1, 'posts', $2, $3)`, [organizationId, siteId, POSTS]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function upload(base, siteId, auth) {
  const bytes = Buffer.alloc(MB, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
  const response = await fetch(`${base}/sites/${siteId}/media`, { method: 'POST', headers: auth, body: form });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
}

async function call(base, method, path, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}

function download(url, headers, file) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`export: ${response.statusCode}`));
      pipeline(response, createWriteStream(file)).then(resolve, reject);
    })
      .on('error', reject)
      .end();
  });
}

function uploadFile(url, headers, file) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () =>
        response.statusCode === 201 ? resolve(JSON.parse(text).data) : reject(new Error(`import: ${response.statusCode} ${text}`)),
      );
    });
    outgoing.on('error', reject);
    pipeline(createReadStream(file), outgoing).catch(reject);
  });
}

async function healthy(url, child) {
  while (child.exitCode === null) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API exited with ${child.exitCode}`);
}

async function timed(work) {
  const started = performance.now();
  await work();
  return round((performance.now() - started) / 1000);
}

function round(value) {
  return Math.round(value * 10) / 10;
}
