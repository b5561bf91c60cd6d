import { freePort, sleep } from '@plinth/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_BASE_DOMAIN } from './chromium';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/src/main.js');
const WEB_DIST = join(WORKSPACE_ROOT, 'dist/apps/web');
const BOOT_TIMEOUT_MS = 30_000;

export interface RunningProduct {
  /** Where the SPA and the API answer; also the APP_URL the mails link to. */
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the production build (API serving the built SPA) as a child
 * process against the test run's PostgreSQL and mail catcher; `env` adds
 * to (or overrides) its environment, e.g. PLATFORM_ADMIN_EMAILS.
 */
export async function startProduct(env: NodeJS.ProcessEnv = {}): Promise<RunningProduct> {
  assertBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { ...productEnv(port, baseUrl), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n--- product output ---\n${output()}`);
  }
  return { baseUrl, stop: () => stopProcess(child) };
}

function assertBuilt(): void {
  const missing = [API_MAIN, join(WEB_DIST, 'index.html')].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`The production build is missing (${missing.join(', ')}): run npm run build first.`);
  }
}

function productEnv(port: number, baseUrl: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: requiredEnv('DATABASE_URL'),
    SMTP_URL: requiredEnv('SMTP_URL'),
    JWT_SECRET: 'web-e2e-secret-0123456789abcdefghijklmno',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: baseUrl,
    NODE_ENV: 'production',
    WEB_DIST_DIR: WEB_DIST,
    LOG_LEVEL: 'warn',
    // webhooks.e2e-spec's receiver listens on 127.0.0.1.
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    BASE_DOMAIN: TEST_BASE_DOMAIN,
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The product exited with code ${child.exitCode} while starting`);
    if (await isHealthy(baseUrl)) return;
    await sleep(100);
  }
  throw new Error(`The product did not report healthy at ${baseUrl}/api/health within ${BOOT_TIMEOUT_MS} ms`);
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** Keeps the tail of stdout and stderr, to explain a failed start. */
function captureOutput(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (its global setup provides it)`);
  return value;
}
