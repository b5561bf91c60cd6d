import { createScratchDatabase, freePort, sleep, V1, waitUntil } from '@plinth/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

const ROOT = resolve(__dirname, '../../..');
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const PROBE = join(__dirname, 'support/stripe-sdk-probe.cjs');

/**
 * API.md "Deployment modes": in single-tenant mode the Stripe SDK is never
 * loaded. Jest keeps its own module registry, so the built product runs as a
 * process of its own with a probe that reads Node's module cache when asked.
 */
describe('loading the Stripe SDK', () => {
  let db: DataSource;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build first`);
    db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    scratch = await createScratchDatabase(db, process.env.DATABASE_URL as string);
  });
  afterAll(async () => {
    await scratch?.drop();
    await db?.destroy();
  });

  it('never happens in single-tenant mode, signup and billing routes included', async () => {
    const output = await runProduct({ MULTI_TENANT_ENABLED: 'false' }, async (baseUrl) => {
      const signup = await fetch(`${baseUrl}${V1}/auth/signup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: 'correct-horse-42', name: 'Owner' }),
      });
      expect(signup.status).toBe(201);
      const { accessToken } = ((await signup.json()) as { data: { accessToken: string } }).data;
      const billing = await fetch(`${baseUrl}${V1}/billing/subscription`, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(billing.status).toBe(404);
      expect((await fetch(`${baseUrl}${V1}/webhooks/stripe`, { method: 'POST', body: '{}' })).status).toBe(404);
    });
    expect(output).toContain('stripe-sdk-loaded=false');
  }, 90_000);

  it('happens in multi-tenant mode once a Stripe webhook is checked (the probe sees it)', async () => {
    const output = await runProduct({}, async (baseUrl) => {
      const forged = await fetch(`${baseUrl}${V1}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' },
        body: '{}',
      });
      expect(forged.status).toBe(400);
    });
    expect(output).toContain('stripe-sdk-loaded=true');
  }, 90_000);

  /** Starts the built API with the probe, runs `use` once it is healthy, stops it, and returns what it printed. */
  async function runProduct(env: Record<string, string>, use: (baseUrl: string) => Promise<void>): Promise<string> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--require', PROBE, API_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: scratch.url,
        SMTP_URL: process.env.SMTP_URL,
        JWT_SECRET: 'stripe-probe-secret-0123456789abcdefghij',
        APP_URL: baseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await waitForHealth(baseUrl, () => (child.exitCode === null ? null : output));
      await use(baseUrl);
      child.kill('SIGUSR2');
      await waitUntil('the probe reports', async () => output.includes('stripe-sdk-loaded='));
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    return output;
  }
});

/** Polls liveness; `exited` returns the product's output once it has exited. */
async function waitForHealth(baseUrl: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const output = exited();
    if (output !== null) throw new Error(`The product exited while starting:\n${output}`);
    const healthy = await fetch(`${baseUrl}/api/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(100);
  }
  throw new Error(`The product did not start within 60 s`);
}
