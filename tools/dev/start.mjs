#!/usr/bin/env node
// `npm start`: the whole product on one machine with nothing configured.
// Embedded PostgreSQL (data kept in .plinth/), a local mail catcher with a web
// inbox, generated secrets, the SPA and the API built and served on one port.
// DATABASE_URL / SMTP_URL in the environment replace the embedded services.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startMailCatcher } from '@plinth/testing/embedded/mail';
import { startPostgres } from '@plinth/testing/embedded/postgres';
import { ensureApplicationRole } from '@plinth/testing/embedded/application-role';
import { freePort, isPortFree } from '@plinth/testing/embedded/free-port';
import { loadOrCreateSecrets } from './secrets.mjs';

const root = join(import.meta.dirname, '../..');
const dataDir = join(root, '.plinth');
const port = Number(process.env.PORT ?? 3000);
const startedAt = Date.now();
const cleanups = [];

async function main() {
  const env = { ...process.env, ...(await loadOrCreateSecrets(dataDir)) };
  env.PORT = String(port);
  env.APP_URL ??= `http://localhost:${port}`;
  const inboxUrl = await embeddedServices(env);
  await build();
  const api = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], { cwd: root, env, stdio: 'inherit' });
  cleanups.unshift(() => stopChild(api));
  api.on('exit', (code) => shutdown(code ?? 0));
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, api);
  printUrls(env.APP_URL, inboxUrl, !env.STRIPE_SECRET_KEY);
}

async function embeddedServices(env) {
  if (!env.DATABASE_URL) {
    const pgPort = Number(env.PLINTH_PG_PORT ?? 54329);
    const pg = await startPostgres({ dataDir: join(dataDir, 'postgres'), port: pgPort, persistent: true, database: 'postgres' });
    cleanups.push(pg.stop);
    // The product never connects as the superuser: a role of its own owns the schema.
    env.DATABASE_URL = await ensureApplicationRole({
      superuserUrl: pg.url,
      database: 'plinth',
      role: 'plinth',
      password: env.DATABASE_PASSWORD,
    });
  }
  if (env.SMTP_URL) return undefined;
  const smtpPort = (await isPortFree(1025)) ? 1025 : await freePort();
  const webPort = (await isPortFree(1080)) ? 1080 : await freePort();
  const mail = await startMailCatcher({ smtpPort, webPort });
  cleanups.push(mail.stop);
  env.SMTP_URL = mail.smtpUrl;
  return mail.inboxUrl;
}

/** Nx caches both builds: a warm start rebuilds nothing that did not change. */
async function build() {
  const nx = spawn(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=stream-without-prefixes'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  const [code] = await once(nx, 'exit');
  if (code !== 0) throw new Error(`build failed (exit ${code})`);
}

async function waitForHealth(url, child) {
  while (child.exitCode === null) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printUrls(appUrl, inboxUrl, sandboxBilling) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nPlinth is up in ${seconds} s\n`);
  console.log(`  App          ${appUrl}`);
  console.log(`  Swagger UI   ${appUrl}/api/docs`);
  if (inboxUrl) console.log(`  Mail inbox   ${inboxUrl}`);
  if (sandboxBilling) console.log('  Billing      sandbox billing (no STRIPE_SECRET_KEY): checkout and payments are simulated');
  console.log('\nCtrl-C stops everything.\n');
}

/**
 * Ctrl-C reaches the whole process group, the API included, which then shuts
 * down gracefully; a second signal would cut that short, so the API is only
 * signalled when the launcher alone was (SIGTERM), or when it hangs.
 */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (receivedSignal !== 'SIGINT') child.kill('SIGTERM');
  const exited = once(child, 'exit');
  const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timeout);
}

let stopping = false;
let receivedSignal;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    receivedSignal ??= signal;
    shutdown(0);
  });
}
main().catch((error) => {
  console.error(error);
  shutdown(1);
});
