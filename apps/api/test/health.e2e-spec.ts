import { createScratchDatabase, FakeStripe, freePort } from '@plinth/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './harness';

const READY = { status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up' }, mail: { status: 'up' } }, error: {} };

describe('health and conventions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is ready when the database, the job queue and SMTP answer, at /api/health/ready and /api/health alike', async () => {
    for (const path of ['/api/health/ready', '/api/health']) {
      const response = await t.http.get(path).expect(200);
      expect(response.body).toMatchObject({ success: true, data: READY });
      expect(response.headers['cache-control']).toContain('no-store');
    }
  });

  it('answers liveness without consulting anything', async () => {
    const response = await t.http.get('/api/health/live').expect(200);
    expect(response.body).toEqual({ success: true, data: { status: 'ok' } });
  });

  it('tells the product version (from package.json), the commit (unset: null) and the Node.js version', async () => {
    const response = await t.http.get('/api/v1/version').expect(200);
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(response.body).toEqual({ success: true, data: { version, commit: null, multiTenant: true } });
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await t.http.get('/api/v1/no-such-route').expect(404);
    expect(response.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Route not found' } });
  });

  it('echoes a sane X-Request-Id and replaces a malformed one', async () => {
    const kept = await t.http.get('/api/health').set('X-Request-Id', 'req-12345678');
    expect(kept.headers['x-request-id']).toBe('req-12345678');
    const replaced = await t.http.get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await t.http.get('/api/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(spec.body.paths['/api/v1/auth/signup']).toBeDefined();
    const ui = await t.http.get('/api/docs').expect(200).expect('content-type', /html/);
    expect(ui.text).toContain('<title>Plinth API</title>');
  });

  it('describes every tag, and shows each error response with examples of its own codes only', async () => {
    const spec = (await t.http.get('/api/docs-json').expect(200)).body;
    const used = new Set(Object.values(spec.paths).flatMap((item) => Object.values(item as object).flatMap((op) => op.tags ?? [])));
    const described = new Map(spec.tags.map((tag: { name: string; description: string }) => [tag.name, tag.description]));
    for (const tag of used) expect({ tag, described: Boolean(described.get(tag)) }).toEqual({ tag, described: true });
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { responses: Record<string, { description: string; content: Record<string, { examples: object }> }> }>,
      )) {
        for (const [status, response] of Object.entries(op.responses).filter(([status]) => Number(status) >= 400)) {
          const examples = Object.values(response.content['application/json'].examples) as Array<{ value: { error: { code: string } } }>;
          const codes = examples.map((example) => example.value.error.code);
          expect({ at: `${method} ${path} ${status}`, codes }).toEqual({
            at: `${method} ${path} ${status}`,
            codes: response.description.split(' | '),
          });
        }
      }
    }
  });

  it('sets security headers', async () => {
    const response = await t.http.get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('readiness when a dependency is down', () => {
  it('is 503 naming SMTP when the mail server does not answer, while liveness stays 200', async () => {
    // A database of its own: this app's mail worker must not take (and fail) other tests' mail.
    const db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    const scratch = await createScratchDatabase(db, process.env.DATABASE_URL as string);
    const t = await startTestApp({ DATABASE_URL: scratch.url, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    try {
      for (const path of ['/api/health/ready', '/api/health']) {
        const response = await t.http.get(path).expect(503);
        expect(response.body).toEqual({
          success: false,
          error: {
            code: 'SERVICE_UNAVAILABLE',
            message: 'Not ready: mail down',
            details: { checks: { database: 'up', queue: 'up', mail: 'down' } },
          },
        });
      }
      await t.http.get('/api/health/live').expect(200);
    } finally {
      await t.close();
      await scratch.drop();
      await db.destroy();
    }
  });

  it('is 503 naming Redis when REDIS_URL is set and Redis does not answer', async () => {
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, JOBS_ENABLED: 'false' });
    try {
      const response = await t.http.get('/api/health/ready').expect(503);
      expect(response.body.error).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Not ready: redis down',
        details: { checks: { database: 'up', queue: 'up', redis: 'down' } },
      });
      await t.http.get('/api/health/live').expect(200);
    } finally {
      await t.close();
    }
  });

  it('reports Stripe with a key, and stays ready when Stripe cannot be reached', async () => {
    const fake = await FakeStripe.start({ prices: {} });
    const stripe = (url: string) => ({
      JOBS_ENABLED: 'false',
      STRIPE_SECRET_KEY: 'sk_test_plinth',
      STRIPE_WEBHOOK_SECRET: 'whsec_plinth',
      STRIPE_API_URL: url,
      STRIPE_PRICE_STARTER_MONTHLY: 'price_starter_monthly',
      STRIPE_PRICE_STARTER_ANNUAL: 'price_starter_annual',
      STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
      STRIPE_PRICE_PRO_ANNUAL: 'price_pro_annual',
    });
    const reachable = await startTestApp(stripe(fake.url));
    const unreachable = await startTestApp(stripe(`http://127.0.0.1:${await freePort()}`));
    try {
      const up = await reachable.http.get('/api/health/ready').expect(200);
      expect(up.body.data.details.stripe).toEqual({ status: 'up', reachable: true, affectsReadiness: false });
      const down = await unreachable.http.get('/api/health/ready').expect(200);
      expect(down.body.data.details.stripe).toEqual({ status: 'up', reachable: false, affectsReadiness: false });
    } finally {
      await unreachable.close();
      await reachable.close();
      await fake.close();
    }
  });
});
