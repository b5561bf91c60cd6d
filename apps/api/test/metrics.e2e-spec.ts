import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobQueue } from '../src/modules/jobs/job-queue';
import { signUp, startTestApp, TestApp } from './harness';
import { createEndpoint, putOnPlan, Receiver, startWebhooksApp, WebhooksApp } from './webhooks-fixtures';
import { waitUntil } from '@plinth/testing';

type Labels = Record<string, string>;

/** The value of the sample `name{labels}` (exactly those labels) in Prometheus' text format; undefined when absent. */
function sample(text: string, name: string, labels: Labels = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort())) return Number(match[3]);
  }
  return undefined;
}

const stripeEvent = (object: object) => ({
  id: `evt_${randomBytes(12).toString('hex')}`,
  object: 'event',
  type: 'customer.updated',
  created: Math.floor(Date.now() / 1000),
  livemode: false,
  data: { object },
});

/** Signed as Stripe signs (t=…,v1=HMAC-SHA256 of "t.payload" with the endpoint secret). */
function postStripeEvent(t: TestApp, event: object, secret = t.config.stripeWebhookSecret) {
  const payload = JSON.stringify(event);
  const at = Math.floor(Date.now() / 1000);
  const signature = `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;
  return t.http.post('/api/v1/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(payload);
}

describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = async () => (await t.http.get('/metrics').expect(200)).text;

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('serves Prometheus text at the root, open without METRICS_TOKEN, with the process metrics, and is not in the OpenAPI spec', async () => {
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(response.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(response.text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    await t.http.get('/api/v1/metrics').expect(404);
    const spec = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(spec.paths).filter((path) => path.includes('metrics') && !path.includes('admin'))).toEqual([]);
  });

  it('counts requests by route template and status, never by raw URL; every unknown URL is one "unmatched" series', async () => {
    const owner = await signUp(t.http);
    const siteId = (await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Metered' }).expect(201)).body.data.id;
    const unknown = `/api/v1/no-such-${randomUUID()}`;
    const before = await scrape();
    const posts = { method: 'GET', route: '/api/v1/sites/:siteId/posts', status: '200' };
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    const count = (text: string, labels: Labels) => sample(text, 'plinth_http_request_duration_seconds_count', labels) ?? 0;

    for (let i = 0; i < 3; i++) await t.http.get(`/api/v1/sites/${siteId}/posts`).set(owner.auth).expect(200);
    await t.http.get(`/api/v1/sites/${siteId}/posts`).expect(401);
    await t.http.get(unknown).expect(404);
    const after = await scrape();

    expect(count(after, posts) - count(before, posts)).toBe(3);
    expect(count(after, { ...posts, status: '401' }) - count(before, { ...posts, status: '401' })).toBe(1);
    expect(count(after, unmatched) - count(before, unmatched)).toBe(1);
    expect(sample(after, 'plinth_http_request_duration_seconds_bucket', { ...posts, le: '+Inf' })).toBe(count(after, posts));
    expect(after).not.toContain(siteId);
    expect(after).not.toContain(unknown);
  });

  it('reads organizations by plan at scrape time, every tier of the catalog included', async () => {
    const db = t.app.get(DataSource);
    const free = async () => (await db.query(`SELECT count(*)::int AS n FROM organizations WHERE plan_tier = 'free'`))[0].n as number;
    await signUp(t.http);
    const low = await free();
    const text = await scrape();
    const high = await free();
    expect(sample(text, 'plinth_organizations', { plan: 'free' })).toBeGreaterThanOrEqual(low);
    expect(sample(text, 'plinth_organizations', { plan: 'free' })).toBeLessThanOrEqual(high);
    for (const plan of ['starter', 'pro', 'enterprise']) expect(sample(text, 'plinth_organizations', { plan })).toBeGreaterThanOrEqual(0);
  });

  it('reads each job queue’s waiting jobs at scrape time', async () => {
    const jobs = t.app.get(JobQueue);
    const queue = `metrics-test-${randomUUID().slice(0, 8)}`;
    await jobs.defineQueue({ name: queue, retryLimit: 0, retryDelaySeconds: 1 });
    try {
      for (let i = 0; i < 3; i++) await jobs.boss.send(queue, { i });
      const text = await scrape();
      expect(sample(text, 'plinth_job_queue_depth', { queue })).toBe(3);
      expect(sample(text, 'plinth_job_queue_depth', { queue: 'mail.send' })).toBeGreaterThanOrEqual(0);
    } finally {
      await jobs.boss.purgeQueue(queue);
      await jobs.boss.deleteQueue(queue);
    }
  });

  it('counts quota refusals and warnings by dimension', async () => {
    const owner = await signUp(t.http);
    const db = t.app.get(DataSource);
    const siteId = (await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'One' }).expect(201)).body.data.id;
    await db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'posts', 5)`, [owner.organizationId]);
    const before = await scrape();

    await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Two' }).expect(402); // Free: one site
    let warning: string | undefined;
    for (let i = 0; i < 4; i++) {
      const post = await t.http
        .post(`/api/v1/sites/${siteId}/posts`)
        .set(owner.auth)
        .send({ title: `P${i}`, body: 'b' })
        .expect(201);
      warning ??= post.headers['x-quota-warning'];
    }
    expect(warning).toBe('posts=80');
    const after = await scrape();

    const delta = (name: string, labels: Labels) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('plinth_quota_refusals_total', { dimension: 'sites' })).toBe(1);
    expect(delta('plinth_quota_warnings_total', { dimension: 'posts', threshold: '80' })).toBe(1);
  });

  it('counts Stripe events by type and outcome', async () => {
    const owner = await signUp(t.http);
    const ours = stripeEvent({ id: 'cus_metrics', object: 'customer', metadata: { organizationId: owner.organizationId } });
    const stranger = stripeEvent({ id: 'cus_nobody', object: 'customer' });
    const before = await scrape();

    const statuses = [];
    for (const event of [ours, ours, stranger]) statuses.push((await postStripeEvent(t, event)).status);
    statuses.push((await postStripeEvent(t, stripeEvent({}), 'whsec_forged')).status);
    expect(statuses).toEqual([200, 200, 200, 400]);
    const after = await scrape();

    const delta = (labels: Labels) =>
      (sample(after, 'plinth_stripe_events_total', labels) ?? 0) - (sample(before, 'plinth_stripe_events_total', labels) ?? 0);
    expect(delta({ type: 'customer.updated', outcome: 'processed' })).toBe(1);
    expect(delta({ type: 'customer.updated', outcome: 'duplicate' })).toBe(1);
    expect(delta({ type: 'customer.updated', outcome: 'ignored' })).toBe(1);
    expect(delta({ type: 'unknown', outcome: 'invalid_signature' })).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const TOKEN = 'scrape-token-0123456789';
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ METRICS_TOKEN: TOKEN })));
  afterAll(() => t.close());

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${TOKEN}x`],
    ['a token one character short', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token under another scheme', `Basic ${TOKEN}`],
  ])('answers %s with 401 in the envelope', async (_, authorization) => {
    const request = t.http.get('/metrics');
    const response = await (authorization ? request.set('Authorization', authorization) : request).expect(401);
    expect(response.body).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: 'The metrics token is missing or wrong' } });
  });

  it('serves the metrics to the bearer of the token', async () => {
    const response = await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(sample(response.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});

describe('outgoing webhook delivery metrics', () => {
  let app: WebhooksApp;
  let hook: Receiver;
  beforeAll(async () => {
    app = await startWebhooksApp({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    hook = await Receiver.start();
  }, 60_000);
  afterAll(async () => {
    await hook?.close();
    await app?.close();
  });

  it('counts attempts by outcome: succeeded, and failed with a retry planned', async () => {
    const { t } = app;
    const owner = await signUp(t.http);
    await putOnPlan(t, owner.organizationId, 'enterprise');
    const ok = await createEndpoint(t, owner.auth, hook.url('/ok'), ['site.created']);
    const failing = await createEndpoint(t, owner.auth, hook.url('/failing'), ['site.created']);
    hook.answerAlways((response) => response.writeHead(response.req.url === '/failing' ? 500 : 200).end());
    expect([ok.enabled, failing.enabled]).toEqual([true, true]);
    await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Hooked' }).expect(201);

    const attempts = async (outcome: string) =>
      sample((await t.http.get('/metrics').expect(200)).text, 'plinth_webhook_delivery_attempts_total', { outcome }) ?? 0;
    await waitUntil('both attempts counted', async () => (await attempts('succeeded')) === 1 && (await attempts('retrying')) === 1);
    expect(await attempts('failed')).toBe(0);
  });
});
