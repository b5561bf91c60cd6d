// What the scale-out bench runs on this machine: the embedded PostgreSQL (with
// pg_stat_statements), pgbouncer in transaction mode, N built API processes
// (node dist/apps/api/src/main.js, no job workers) connected through it, and
// round-robin proxies (round-robin-proxy.mjs) over any of them. The pieces in
// tools/test/scale/support are TypeScript for jest, which plain Node cannot
// import; the pgbouncer settings here are the same as theirs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureApplicationRole } from '@plinth/dev-services/application-role';
import { freePort } from '@plinth/dev-services/free-port';
import { startPostgres } from '@plinth/dev-services/postgres';

const ROOT = join(import.meta.dirname, '../..');
const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

/** Starts a child and resolves once a line of its output matches `ready` (with the match), failing if it exits first. */
function startChild(command, args, ready, env = process.env) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const check = (chunk) => {
      output = (output + chunk).slice(-10_000);
      const match = output.match(ready);
      if (match) resolve({ child, match });
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`)));
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await once(child, 'exit');
  clearTimeout(killer);
}

function pgbouncerIni({ port, postgresPort, authFile }) {
  return `[databases]
plinth = host=127.0.0.1 port=${postgresPort} dbname=plinth

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${authFile}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 60
`;
}

async function healthy(url, child) {
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`The API on ${url} exited (${child.exitCode}) while starting`);
    const answered = await fetch(`${url}/api/health`).catch(() => undefined);
    if (answered?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} was not healthy within 3 minutes`);
}

/** Everything up; `stop()` takes it all down and removes its folder. */
export async function startTopology({ apiProcesses }) {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-scale-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL and pgbouncer run as `postgres`
  // Stopped in this order, so that no API loses its database while it still answers.
  const children = { proxies: [], apis: [], pgbouncer: [] };
  const stops = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const group of Object.values(children)) await Promise.allSettled(group.map(stopChild));
    for (const step of stops) await step();
  };
  try {
    const settings = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top' };
    const postgres = await startPostgres({
      dataDir: join(dir, 'pg'),
      port: await freePort(),
      persistent: false,
      database: 'postgres',
      settings,
    });
    stops.unshift(postgres.stop);
    const password = randomBytes(18).toString('base64url');
    await ensureApplicationRole({ superuserUrl: postgres.url, database: 'plinth', role: 'plinth', password });
    const superuserUrl = postgres.url.replace(/\/postgres$/, '/plinth');

    const bouncerPort = await freePort();
    writeFileSync(join(dir, 'userlist.txt'), `"plinth" "${password}"\n`, { mode: 0o644 });
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      pgbouncerIni({ port: bouncerPort, postgresPort: postgres.port, authFile: join(dir, 'userlist.txt') }),
    );
    const asRoot = process.getuid?.() === 0; // pgbouncer refuses to run as root
    const bouncer = await startChild(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], /process up/);
    children.pgbouncer.push(bouncer.child);

    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATABASE_URL: `postgres://plinth:${password}@127.0.0.1:${bouncerPort}/plinth`,
      JOBS_ENABLED: 'false',
      PLANS_FILE: join(ROOT, 'tools/bench/plans.json'),
      DATA_DIR: join(dir, 'data'),
    };
    const apis = [];
    for (let i = 0; i < apiProcesses; i++) apis.push(`http://127.0.0.1:${await freePort()}`);
    // The first migrates the database; the others start together once it has.
    await launch(apis[0]);
    await Promise.all(apis.slice(1).map(launch));

    async function launch(url) {
      const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
        cwd: ROOT,
        env: { ...env, PORT: new URL(url).port, APP_URL: url },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.apis.push(child);
      await healthy(url, child);
    }

    const proxy = async (upstreams) => {
      const { child, match } = await startChild(process.execPath, ['tools/bench/round-robin-proxy.mjs', ...upstreams], /(http:\S+)\n/);
      children.proxies.push(child);
      return match[1];
    };
    return { apis, proxy, superuserUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
