#!/usr/bin/env node
// `npm start`: the whole product on one machine with nothing configured.
// Embedded PostgreSQL, a local mail catcher with a web inbox, generated
// secrets, the SPA and the API built and served on one port. All the data —
// database, mail, uploaded media, secrets — is kept in PLINTH_HOME (default
// .plinth/ in the repository), so two homes on two PORTs run side by side.
// DATABASE_URL / SMTP_URL in the environment replace the embedded services.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startMailCatcher } from '@plinth/dev-services/mail';
import { startPostgres } from '@plinth/dev-services/postgres';
import { ensureApplicationRole } from '@plinth/dev-services/application-role';
import { freePort, isPortFree } from '@plinth/dev-services/free-port';
import {
  choosePostgresPort,
  homeLayout,
  parsePort,
  readRememberedPort,
  rememberPort,
  resolvePlinthHome,
} from '@plinth/dev-services/plinth-home';
import { loadOrCreateSecrets } from './secrets.mjs';

const root = join(import.meta.dirname, '../..');
// npm runs scripts in the repository; INIT_CWD is where `npm start` was typed.
const home = homeLayout(
  resolvePlinthHome({ plinthHome: process.env.PLINTH_HOME, cwd: process.env.INIT_CWD ?? process.cwd(), repoRoot: root }),
);
const port = Number(process.env.PORT ?? 3000);
const startedAt = Date.now();
const cleanups = [];

async function main() {
  // What the user set wins over what was generated.
  const env = { ...(await loadOrCreateSecrets(home.secrets)), ...process.env };
  env.PORT = String(port);
  env.APP_URL ??= `http://localhost:${port}`;
  env.DATA_DIR ||= home.data;
  const inboxUrl = await embeddedServices(env);
  await build();
  const api = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], { cwd: root, env, stdio: 'inherit' });
  cleanups.unshift(() => stopChild(api));
  api.on('exit', (code) => shutdown(code ?? 0));
  // The API exiting while it starts ends the launcher (above); no URLs are printed then.
  if (!(await waitForHealth(`http://127.0.0.1:${port}/api/health`, api))) return;
  printUrls(env.APP_URL, inboxUrl, !env.STRIPE_SECRET_KEY);
}

async function embeddedServices(env) {
  if (!env.DATABASE_URL) {
    const requested = parsePort(env.PLINTH_PG_PORT, 'PLINTH_PG_PORT');
    const remembered = await readRememberedPort(home.ports, 'postgres');
    const pg = await startPostgres({
      dataDir: home.postgres,
      port: () => choosePostgresPort({ requested, remembered }),
      persistent: true,
      database: 'postgres',
    });
    cleanups.push(pg.stop);
    await rememberPort(home.ports, 'postgres', pg.port);
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
  const mail = await startMailCatcher({ smtpPort, webPort, mailDirectory: home.mail });
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

/** True once the API reports healthy; false when it exited first. */
async function waitForHealth(url, child) {
  while (child.exitCode === null && child.signalCode === null) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function printUrls(appUrl, inboxUrl, sandboxBilling) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nPlinth is up in ${seconds} s\n`);
  console.log(`  App          ${appUrl}`);
  console.log(`  Swagger UI   ${appUrl}/api/docs`);
  if (inboxUrl) console.log(`  Mail inbox   ${inboxUrl}`);
  console.log(`  Data         ${home.home}`);
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
