import { expectStatus, expectValidationFailed, type Session, signUp, uniqueEmail, V1, waitUntil } from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { JobQueue } from '../src/modules/jobs/job-queue';
import { postStripeEvent, stripeEvent } from './billing-fixtures';
import type { TestApp } from './harness';
import {
  createEndpoint,
  type CreatedEndpoint,
  deliveriesOf,
  putOnPlan,
  Receiver,
  reply,
  startWebhooksApp,
  waitForDeliveries,
  type WebhooksApp,
} from './webhooks-fixtures';

const ADMIN_EMAIL = uniqueEmail('console-admin');
const UNVERIFIED_ADMIN_EMAIL = uniqueEmail('console-unverified');

/** An invoice event whose effects the database refuses: its status is not one an invoice can have. */
function badInvoice(organizationId: string, status = 'refunded-by-magic') {
  const now = Math.floor(Date.now() / 1000);
  return stripeEvent('invoice.paid', {
    id: `in_${randomUUID().replace(/-/g, '')}`,
    object: 'invoice',
    created: now,
    customer: `cus_${organizationId.slice(0, 8)}`,
    status,
    amount_due: 2_900,
    amount_paid: status === 'paid' ? 2_900 : 0,
    currency: 'usd',
    period_start: now,
    period_end: now + 30 * 86_400,
    status_transitions: { paid_at: status === 'paid' ? now : null },
    parent: { type: 'subscription_details', subscription_details: { subscription: null, metadata: { organizationId } } },
  });
}

/** A cursor this list never handed out: 400 VALIDATION_FAILED naming `cursor` (the message is pagination's own). */
function expectBadCursor(response: Response): void {
  expect({
    status: response.status,
    code: response.body.error?.code,
    fields: response.body.error?.details?.map((d: { field: string }) => d.field),
  }).toEqual({
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['cursor'],
  });
}

/**
 * The platform console's operations, over HTTP on a database of its own
 * (its delivery worker must be the only one): failed webhook deliveries and
 * Stripe events of every organization, each retried through the path the
 * product already has and audited in that organization's log; the job queues.
 */
describe('admin: failed deliveries, failed Stripe events, job queues', () => {
  let app: WebhooksApp;
  let t: TestApp;
  let admin: Session;
  let ownerA: Session;
  let ownerB: Session;
  let hook: Receiver;

  const get = (path: string, auth = admin.auth) => t.http.get(`${V1}/admin/${path}`).set(auth);
  const post = (path: string, auth = admin.auth) => t.http.post(`${V1}/admin/${path}`).set(auth);
  const auditOf = async (organizationId: string, action: string) =>
    app.db.query(
      `SELECT actor_type, actor_id, actor_email, target_id, metadata FROM audit_logs WHERE organization_id = $1 AND action = $2`,
      [organizationId, action],
    );

  beforeAll(async () => {
    app = await startWebhooksApp({ WEBHOOKS_ALLOW_PRIVATE: 'true', PLATFORM_ADMIN_EMAILS: `${ADMIN_EMAIL},${UNVERIFIED_ADMIN_EMAIL}` });
    t = app.t;
    admin = await signUp(t.http, { email: ADMIN_EMAIL });
    await app.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [admin.userId]);
    ownerA = await signUp(t.http, { email: uniqueEmail('console-owner-a'), organizationName: 'Org Alpha' });
    ownerB = await signUp(t.http, { email: uniqueEmail('console-owner-b'), organizationName: 'Org Bravo' });
    await putOnPlan(t, ownerA.organizationId, 'pro');
    await putOnPlan(t, ownerB.organizationId, 'pro');
    hook = await Receiver.start(reply.status(503, 'down for maintenance'));
  }, 60_000);
  afterAll(async () => {
    await hook?.close();
    await app?.close();
  });

  it('refuses every console route to a member who is no platform admin, and to a listed address not yet verified (403)', async () => {
    const unverified = await signUp(t.http, { email: UNVERIFIED_ADMIN_EMAIL });
    const calls = [
      ['get', 'webhook-deliveries/failed'],
      ['post', `webhook-deliveries/${randomUUID()}/retry`],
      ['get', 'stripe-events/failed'],
      ['post', 'stripe-events/evt_123/retry'],
      ['get', 'job-queues'],
    ] as const;
    for (const caller of [ownerA, unverified]) {
      for (const [method, path] of calls) {
        const response = await (method === 'get' ? get(path, caller.auth) : post(path, caller.auth));
        expect({ path, status: response.status, code: response.body.error?.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
      }
    }
    expect((await t.http.get(`${V1}/admin/job-queues`)).status).toBe(401);
  });

  describe('failed webhook deliveries', () => {
    let endpointA: CreatedEndpoint;
    let endpointB: CreatedEndpoint;
    let failedA: string;
    let failedB: string;

    /** A site.created delivery that fails through the worker: its first attempt, then (aged as after a day of retries) its last. */
    async function failedDelivery(owner: Session, endpoint: CreatedEndpoint): Promise<string> {
      expectStatus(await t.http.post(`${V1}/sites`).set(owner.auth).send({ name: 'Unheard' }), 201);
      const [first] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the first failed attempt', (d) => d[0]?.attempts.length === 1);
      await app.db.query(`UPDATE webhook_deliveries SET round_attempts = 7 WHERE id = $1 AND status = 'pending'`, [first.id]);
      await waitForDeliveries(t, owner.auth, endpoint.id, 'the last attempt fails', (d) => d[0]?.status === 'failed', 25_000);
      return first.id;
    }

    beforeAll(async () => {
      endpointA = await createEndpoint(t, ownerA.auth, hook.url('/alpha'), ['site.created']);
      endpointB = await createEndpoint(t, ownerB.auth, hook.url('/bravo'), ['site.created']);
      [failedA, failedB] = await Promise.all([failedDelivery(ownerA, endpointA), failedDelivery(ownerB, endpointB)]);
    }, 60_000);

    it('lists the failed deliveries of every organization, with their organization, endpoint and last answer', async () => {
      const listed = expectStatus(await get('webhook-deliveries/failed'), 200).body;
      expect(listed.pagination).toEqual({ nextCursor: null, limit: 20 });
      const byId = new Map(listed.data.map((d: { id: string }) => [d.id, d]));
      expect(byId.get(failedA)).toEqual({
        id: failedA,
        organization: { id: ownerA.organizationId, name: 'Org Alpha', slug: expect.any(String) },
        endpointId: endpointA.id,
        endpointUrl: hook.url('/alpha'),
        endpointEnabled: true,
        eventId: expect.any(String),
        eventType: 'site.created',
        attemptCount: 2,
        lastStatusCode: 503,
        lastError: null,
        failedAt: expect.any(String),
        createdAt: expect.any(String),
      });
      expect(byId.get(failedB)).toMatchObject({ organization: { id: ownerB.organizationId, name: 'Org Bravo' }, endpointId: endpointB.id });

      const first = expectStatus(await get('webhook-deliveries/failed?limit=1'), 200).body;
      const second = expectStatus(await get(`webhook-deliveries/failed?limit=1&cursor=${first.pagination.nextCursor}`), 200).body;
      expect([first.data[0].id, second.data[0].id].sort()).toEqual([failedA, failedB].sort());
      expectBadCursor(await get('webhook-deliveries/failed?cursor=garbage'));
    });

    it('retries one through the organization’s replay: delivered again with the same webhook-id, audited as the admin', async () => {
      hook.answerAlways(reply.status(200, 'ok'));
      const retried = expectStatus(await post(`webhook-deliveries/${failedA}/retry`), 200).body.data;
      expect(retried).toMatchObject({ id: failedA, status: 'pending', eventType: 'site.created' });

      const [delivered] = await waitForDeliveries(t, ownerA.auth, endpointA.id, 'the retry succeeds', (d) => d[0]?.status === 'succeeded');
      expect(delivered.attempts.map((attempt) => attempt.statusCode)).toEqual([503, 503, 200]);
      const received = hook.at('/alpha');
      expect(received).toHaveLength(3);
      expect(received[2].headers['webhook-id']).toBe(received[0].headers['webhook-id']);

      const stillFailed = expectStatus(await get('webhook-deliveries/failed?limit=100'), 200).body.data.map((d: { id: string }) => d.id);
      expect(stillFailed).not.toContain(failedA);
      expect(stillFailed).toContain(failedB);
      expect((await deliveriesOf(t, ownerB.auth, endpointB.id))[0].status).toBe('failed');
      expect(await auditOf(ownerA.organizationId, 'webhook_delivery.replayed')).toEqual([
        {
          actor_type: 'user',
          actor_id: admin.userId,
          actor_email: ADMIN_EMAIL,
          target_id: failedA,
          metadata: { endpointId: endpointA.id, byPlatformAdmin: true },
        },
      ]);
    });

    it('answers 404 for a delivery that does not exist and 400 for an id that is none', async () => {
      const missing = await post(`webhook-deliveries/${randomUUID()}/retry`);
      expect({ status: missing.status, code: missing.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expectValidationFailed(await post('webhook-deliveries/not-an-id/retry'), ['id']);
    });
  });

  describe('failed Stripe events', () => {
    const stored = async (eventId: string) =>
      (await app.db.query('SELECT processed_at, attempts, last_error FROM stripe_events WHERE id = $1', [eventId]))[0];

    it('lists the unapplied events of every organization and retries one that now applies, audited as the admin', async () => {
      // Org Alpha's event fails for good; Org Bravo's fails while invoices cannot be written, then applies once they can.
      const hopeless = badInvoice(ownerA.organizationId);
      const transient = badInvoice(ownerB.organizationId, 'paid');
      await app.db.query('ALTER TABLE invoices ADD CONSTRAINT admin_test_invoices_closed CHECK (false) NOT VALID');
      try {
        expectStatus(await postStripeEvent(t, transient), 200);
        // The job queue's first retry runs at once and fails too; the next is 30 s or more away.
        await waitUntil('the queue retried and failed', async () => (await stored(transient.id)).attempts >= 2);
      } finally {
        await app.db.query('ALTER TABLE invoices DROP CONSTRAINT admin_test_invoices_closed');
      }
      expectStatus(await postStripeEvent(t, hopeless), 200);

      const listed = expectStatus(await get('stripe-events/failed'), 200).body.data as Array<{ id: string }>;
      const byId = new Map(listed.map((event) => [event.id, event]));
      expect(byId.get(hopeless.id)).toEqual({
        id: hopeless.id,
        type: 'invoice.paid',
        organization: { id: ownerA.organizationId, name: 'Org Alpha', slug: expect.any(String) },
        createdAt: expect.any(String),
        receivedAt: expect.any(String),
        attempts: expect.any(Number),
        lastError: expect.stringContaining('invoices_status_check'),
      });
      expect(byId.get(transient.id)).toMatchObject({ organization: { id: ownerB.organizationId, name: 'Org Bravo' } });

      const retried = expectStatus(await post(`stripe-events/${transient.id}/retry`), 200).body.data;
      expect(retried).toEqual({
        id: transient.id,
        type: 'invoice.paid',
        organizationId: ownerB.organizationId,
        processed: true,
        processedAt: expect.any(String),
        attempts: expect.any(Number),
        lastError: null,
      });
      const invoices = expectStatus(await t.http.get(`${V1}/billing/invoices`).set(ownerB.auth), 200).body.data;
      expect(invoices).toEqual([
        expect.objectContaining({ stripeInvoiceId: transient.data.object.id, status: 'paid', amountPaidCents: 2_900 }),
      ]);
      const afterwards = expectStatus(await get('stripe-events/failed?limit=100'), 200).body.data.map((e: { id: string }) => e.id);
      expect(afterwards).not.toContain(transient.id);
      expect(afterwards).toContain(hopeless.id);
      expect(await auditOf(ownerB.organizationId, 'billing.stripe_event_retried')).toEqual([
        {
          actor_type: 'user',
          actor_id: admin.userId,
          actor_email: ADMIN_EMAIL,
          target_id: transient.id,
          metadata: { type: 'invoice.paid', outcome: 'applied', byPlatformAdmin: true },
        },
      ]);
      const again = await post(`stripe-events/${transient.id}/retry`);
      expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'CONFLICT' });
    });

    it('reports a retry that fails again as such (200, processed false, the reason), counted and audited', async () => {
      const hopeless = badInvoice(ownerA.organizationId);
      expectStatus(await postStripeEvent(t, hopeless), 200);
      const before = (await stored(hopeless.id)).attempts;
      const retried = expectStatus(await post(`stripe-events/${hopeless.id}/retry`), 200).body.data;
      expect(retried).toMatchObject({
        id: hopeless.id,
        processed: false,
        processedAt: null,
        lastError: expect.stringContaining('invoices_status_check'),
      });
      expect(retried.attempts).toBeGreaterThan(before);
      const entries = await auditOf(ownerA.organizationId, 'billing.stripe_event_retried');
      expect(entries).toContainEqual(
        expect.objectContaining({ target_id: hopeless.id, metadata: expect.objectContaining({ outcome: 'failed' }) }),
      );
    });

    it('answers 404 for an unknown event and 400 for an id that is no Stripe event id', async () => {
      const missing = await post('stripe-events/evt_doesnotexist/retry');
      expect({ status: missing.status, code: missing.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expectValidationFailed(await post('stripe-events/in_123/retry'), ['id']);
      expectBadCursor(await get('stripe-events/failed?cursor=garbage'));
      expectBadCursor(await get('job-queues?cursor=%25%25%25'));
    });
  });

  describe('job queues', () => {
    it('lists the queues the modules define, with queued, active and failed counts, a page at a time', async () => {
      const queues = expectStatus(await get('job-queues?limit=100'), 200).body.data as Array<{ name: string }>;
      const names = queues.map((queue) => queue.name);
      expect(names).toEqual(expect.arrayContaining(['webhook.deliver', 'webhook.sweep', 'billing.stripe-event', 'mail.send']));
      expect(names).toEqual([...names].sort());
      for (const queue of queues) {
        expect(queue).toEqual({ name: queue.name, queued: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) });
      }

      const first = expectStatus(await get('job-queues?limit=2'), 200).body;
      expect(first.data.map((q: { name: string }) => q.name)).toEqual(names.slice(0, 2));
      const second = expectStatus(await get(`job-queues?limit=2&cursor=${first.pagination.nextCursor}`), 200).body;
      expect(second.data.map((q: { name: string }) => q.name)).toEqual(names.slice(2, 4));
    });

    it('counts the jobs of a queue: a job waiting to run is queued', async () => {
      const queueOf = async (name: string) =>
        (expectStatus(await get('job-queues?limit=100'), 200).body.data as Array<{ name: string }>).find((queue) => queue.name === name);
      // A queue no worker takes, so its counts are this test's alone.
      const jobs = t.app.get(JobQueue);
      await jobs.defineQueue({ name: 'admin-test.idle', retryLimit: 0, retryDelaySeconds: 60 });
      expect(await queueOf('admin-test.idle')).toEqual({ name: 'admin-test.idle', queued: 0, active: 0, failed: 0 });
      await jobs.boss.send('admin-test.idle', { n: 1 });
      await jobs.boss.send('admin-test.idle', { n: 2 }, { startAfter: 3_600 });
      expect(await queueOf('admin-test.idle')).toEqual({ name: 'admin-test.idle', queued: 2, active: 0, failed: 0 });
      const [job] = (await jobs.boss.fetch('admin-test.idle')) ?? [];
      expect(await queueOf('admin-test.idle')).toEqual({ name: 'admin-test.idle', queued: 1, active: 1, failed: 0 });
      await jobs.boss.fail('admin-test.idle', job.id, { error: 'on purpose' });
      expect(await queueOf('admin-test.idle')).toEqual({ name: 'admin-test.idle', queued: 1, active: 0, failed: 1 });
    });
  });
});
