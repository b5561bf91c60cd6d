import { expectStatus, Inbox, invite, type Session, signUp, sleep, uniqueEmail, V1, waitUntil } from '@plinth/testing';
import { TenantTransactions } from '@plinth/tenancy';
import { Webhook } from 'standardwebhooks';
import { DeliveryAttempts } from '../src/modules/webhooks/delivery-attempts';
import { WebhookClock } from '../src/modules/webhooks/webhook-clock';
import { WEBHOOK_EVENT_TYPES } from '../src/modules/webhooks/webhook-events';
import { subscribe } from './billing-fixtures';
import type { TestApp } from './harness';
import {
  createEndpoint,
  deliveriesOf,
  putOnPlan,
  Receiver,
  reply,
  signatureHeaders,
  startWebhooksApp,
  waitForDeliveries,
  type WebhooksApp,
} from './webhooks-fixtures';

/**
 * Delivery, end to end: events written by the API's own requests reach a
 * receiver started here (private addresses allowed, as for a receiver on
 * the same network), signed so that the `standardwebhooks` library — not
 * our code — verifies them; retried, logged, replayed, filtered, signed
 * with two secrets during a rotation, never holding a request, and an
 * endpoint that fails for five days is disabled.
 */
describe('webhook delivery', () => {
  let app: WebhooksApp;
  let t: TestApp;
  let owner: Session;
  const receivers: Receiver[] = [];
  const inbox = new Inbox();

  const receiver = async (...args: Parameters<typeof Receiver.start>) => {
    const started = await Receiver.start(...args);
    receivers.push(started);
    return started;
  };
  const createSite = async (name = 'Site', auth = owner.auth) =>
    expectStatus(await t.http.post(`${V1}/sites`).set(auth).send({ name }), 201).body.data;

  beforeAll(async () => {
    app = await startWebhooksApp({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    t = app.t;
    owner = await signUp(t.http);
    // Enterprise: webhooks, and no limit on the many sites this suite creates to cause events.
    await putOnPlan(t, owner.organizationId, 'enterprise');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await app?.close();
  });

  it('signs every delivery so that the standardwebhooks library verifies it, with the payload the contract names', async () => {
    const hook = await receiver();
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    const site = await createSite('Signed');

    const [request] = await hook.waitFor('the site.created webhook', 1);
    const payload = new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request));

    expect(payload).toEqual({
      id: request.headers['webhook-id'],
      type: 'site.created',
      organizationId: owner.organizationId,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      data: site,
    });
    expect(request.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(request.body, signatureHeaders(request))).toThrow(
      /No matching signature/,
    );
    const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the delivery is logged', (d) => d[0]?.status === 'succeeded');
    expect(delivery).toEqual({
      id: expect.any(String),
      eventId: request.headers['webhook-id'],
      eventType: 'site.created',
      status: 'succeeded',
      attempts: [
        { at: expect.any(String), statusCode: 200, durationMs: expect.any(Number), responseExcerpt: 'ok', error: null, nextRetryAt: null },
      ],
      nextRetryAt: null,
      createdAt: expect.any(String),
    });
  });

  it('sends a signed webhook.test event on request, to an endpoint that subscribed to nothing like it', async () => {
    const hook = await receiver();
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['post.deleted']);
    const sent = expectStatus(await t.http.post(`${V1}/webhook-endpoints/${endpoint.id}/test`).set(owner.auth), 202).body.data;

    const [request] = await hook.waitFor('the test event', 1);
    const payload = new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request)) as {
      type: string;
      organizationId: string;
    };
    expect(payload).toMatchObject({ type: 'webhook.test', organizationId: owner.organizationId });
    const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the test is logged', (d) => d[0]?.status === 'succeeded');
    expect(delivery).toMatchObject({ id: sent.deliveryId, eventType: 'webhook.test', status: 'succeeded' });
  });

  describe('a receiver that fails, then works', () => {
    let hook: Receiver;
    let endpoint: { id: string; secret: string };
    let deliveryId: string;

    beforeAll(async () => {
      hook = await receiver();
      hook.replyNext(reply.status(500, 'database is down'));
      endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
      await createSite('Retried');
    });

    it('is retried within seconds with the same webhook-id and body, every attempt logged', async () => {
      const [first, second] = await hook.waitFor('the attempt and its retry', 2, '/hook', 25_000);
      expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(second.body).toBe(first.body);
      expect(() => new Webhook(endpoint.secret).verify(second.body, signatureHeaders(second))).not.toThrow();

      const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the retry is logged', (d) => d[0]?.status === 'succeeded');
      deliveryId = delivery.id;
      expect(delivery.eventId).toBe(first.headers['webhook-id']);
      const [failed, succeeded] = delivery.attempts;
      expect(delivery.attempts).toHaveLength(2);
      expect(failed).toEqual(expect.objectContaining({ statusCode: 500, responseExcerpt: 'database is down', error: null }));
      expect(succeeded).toEqual(expect.objectContaining({ statusCode: 200, nextRetryAt: null }));
      const waited = Date.parse(succeeded.at) - Date.parse(failed.at);
      expect(waited).toBeGreaterThan(2_000);
      expect(waited).toBeLessThan(15_000);
      expect(Math.abs(Date.parse(failed.nextRetryAt as string) - Date.parse(succeeded.at))).toBeLessThan(2_000);
    }, 30_000);

    it('is sent again on replay, with the same webhook-id, its log kept', async () => {
      const response = expectStatus(
        await t.http.post(`${V1}/webhook-endpoints/${endpoint.id}/deliveries/${deliveryId}/replay`).set(owner.auth),
        202,
      );
      expect(response.body.data).toEqual(expect.objectContaining({ id: deliveryId, status: 'pending' }));

      const requests = await hook.waitFor('the replay', 3);
      expect(requests[2].headers['webhook-id']).toBe(requests[0].headers['webhook-id']);
      expect(requests[2].body).toBe(requests[0].body);
      const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the replay is logged', (d) => d[0]?.attempts.length === 3);
      expect(delivery).toEqual(expect.objectContaining({ status: 'succeeded', nextRetryAt: null }));
      expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 200, 200]);
    });
  });

  it('logs an attempt once, and sends it no second time, when the connection is lost as its log commits', async () => {
    const hook = await receiver();
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    const attempts = t.app.get(DeliveryAttempts);
    const record = attempts.record.bind(attempts);
    let loggings = 0;
    // The log commits, then the answer is lost with the connection: the worker cannot tell, and logs it again.
    const spy = jest.spyOn(attempts, 'record').mockImplementation(async (tx, claim, result) => {
      if (claim.endpointId !== endpoint.id) return record(tx, claim, result);
      loggings++;
      if (loggings > 1) return record(tx, claim, result);
      await t.app.get(TenantTransactions).run(tx.organizationId, (committed) => record(committed, claim, result));
      throw new Error('Connection terminated unexpectedly');
    });
    try {
      await createSite('Logged once');
      await waitUntil('the attempt is logged a second time', async () => loggings === 2, 15_000);
      const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the delivery is logged', (d) => d[0]?.status === 'succeeded');
      expect(delivery.attempts).toHaveLength(1);
      await sleep(1_000);
      expect(hook.at('/hook')).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('sends each endpoint only the events it subscribed to, and nothing to a disabled one', async () => {
    const hook = await receiver();
    await createEndpoint(t, owner.auth, hook.url('/sites'), ['site.created']);
    await createEndpoint(t, owner.auth, hook.url('/posts'), ['post.created', 'post.published']);
    await createEndpoint(t, owner.auth, hook.url('/mixed'), ['site.created', 'post.published']);
    const disabled = await createEndpoint(t, owner.auth, hook.url('/disabled'), [...WEBHOOK_EVENT_TYPES]);
    expectStatus(await t.http.patch(`${V1}/webhook-endpoints/${disabled.id}`).set(owner.auth).send({ enabled: false }), 200);

    const site = await createSite('Filtered');
    const post = expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts`).set(owner.auth).send({ title: 'Hi', body: 'x' }), 201).body
      .data;
    expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts/${post.id}/publish`).set(owner.auth), 200);

    const types = (path: string) => hook.at(path).map((request) => JSON.parse(request.body).type);
    await hook.waitFor('the post events', 2, '/posts');
    await hook.waitFor('the mixed events', 2, '/mixed');
    await sleep(1_000);
    expect(types('/sites')).toEqual(['site.created']);
    // Each delivery is a job of its own: they arrive in any order.
    expect(types('/posts').sort()).toEqual(['post.created', 'post.published']);
    expect(types('/mixed').sort()).toEqual(['post.published', 'site.created']);
    expect(types('/disabled')).toEqual([]);
    const published = hook.at('/posts').find((request) => JSON.parse(request.body).type === 'post.published') as { body: string };
    expect(JSON.parse(published.body).data).toEqual(expect.objectContaining({ id: post.id, status: 'published' }));
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one alone after it', async () => {
    const hook = await receiver();
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    const rotated = expectStatus(await t.http.post(`${V1}/webhook-endpoints/${endpoint.id}/rotate-secret`).set(owner.auth), 200).body.data;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    await createSite('Rotating');
    const [during] = await hook.waitFor('a delivery during the overlap', 1);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(during.body, signatureHeaders(during))).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(during.body, signatureHeaders(during))).not.toThrow();

    await app.db.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [
      endpoint.id,
    ]);
    await createSite('Rotated');
    const [, after] = await hook.waitFor('a delivery after the overlap', 2);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(after.body, signatureHeaders(after))).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(after.body, signatureHeaders(after))).toThrow(/No matching signature/);
  });

  it('does not follow a redirect (to loopback or anywhere): the attempt fails and is retried', async () => {
    const target = await receiver();
    const hook = await receiver(reply.redirect(target.url('/internal')));
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    await createSite('Redirected');

    const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the redirect is logged', (d) => d[0]?.attempts.length === 1);
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts[0]).toEqual(
      expect.objectContaining({ statusCode: 302, error: `Redirects are not followed (Location: ${target.url('/internal')})` }),
    );
    expect(target.received).toEqual([]);
  });

  it('never holds an API request while a receiver hangs; the attempt times out after 10 s', async () => {
    const hook = await receiver(reply.never());
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    await createSite('First');
    await hook.waitFor('the hanging delivery', 1);

    // The receiver now holds a delivery open; requests that write events still answer at once.
    for (const name of ['Second', 'Third']) {
      const started = Date.now();
      await createSite(name);
      expect(Date.now() - started).toBeLessThan(3_000);
    }
    const deliveries = await waitForDeliveries(
      t,
      owner.auth,
      endpoint.id,
      'the timeout is logged',
      (d) => d.some((delivery) => delivery.attempts[0]?.error === 'Timed out after 10 s'),
      25_000,
    );
    const timedOut = deliveries.find((delivery) => delivery.attempts.length > 0) as (typeof deliveries)[number];
    expect(timedOut.attempts[0]).toEqual(expect.objectContaining({ statusCode: null, error: 'Timed out after 10 s' }));
    expect(timedOut.attempts[0].durationMs).toBeGreaterThanOrEqual(9_900);
    expect(timedOut.status).toBe('pending');
  }, 40_000);

  it('disables an endpoint that failed for five days straight and mails the owners (on a clock moved forward)', async () => {
    // An organization of its own: moving the clock also ends the earlier tests' failing endpoints, and mails their owner.
    const owner = await signUp(t.http, { email: uniqueEmail('failing-owner') });
    await putOnPlan(t, owner.organizationId, 'enterprise');
    const createSite = async (name: string) => expectStatus(await t.http.post(`${V1}/sites`).set(owner.auth).send({ name }), 201);
    const hook = await receiver(reply.status(503, 'gone fishing'));
    const endpoint = await createEndpoint(t, owner.auth, hook.url(), ['site.created']);
    await createSite('Failing');
    await waitForDeliveries(t, owner.auth, endpoint.id, 'the first failure', (d) => d[0]?.attempts.length === 1);
    const failing = expectStatus(await t.http.get(`${V1}/webhook-endpoints/${endpoint.id}`).set(owner.auth), 200).body.data;
    expect(failing).toEqual(expect.objectContaining({ enabled: true, failingSince: expect.any(String) }));

    const clock = jest.spyOn(t.app.get(WebhookClock), 'now').mockImplementation(() => new Date(Date.now() + (5 * 24 * 60 + 1) * 60_000));
    try {
      await createSite('Still failing');
      await waitUntil('the endpoint is disabled', async () => {
        const current = await t.http.get(`${V1}/webhook-endpoints/${endpoint.id}`).set(owner.auth);
        return current.body.data.enabled === false;
      });
    } finally {
      clock.mockRestore();
    }
    const disabled = expectStatus(await t.http.get(`${V1}/webhook-endpoints/${endpoint.id}`).set(owner.auth), 200).body.data;
    expect(disabled).toEqual(expect.objectContaining({ enabled: false, disabledReason: 'failing', disabledAt: expect.any(String) }));
    const mail = await inbox.waitFor(owner.email, /webhook endpoint of .* was disabled/);
    expect(mail.text).toContain(hook.url());
    expect(mail.text).toContain('503');
    const [entry] = await app.db.query(
      `SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'webhook_endpoint.disabled'`,
      [owner.organizationId],
    );
    expect(entry.metadata).toEqual(expect.objectContaining({ reason: 'failing', url: hook.url() }));

    const before = await deliveriesOf(t, owner.auth, endpoint.id);
    expect(before.every((delivery) => delivery.status === 'failed')).toBe(true);
    await createSite('Nobody listens');
    expect(await deliveriesOf(t, owner.auth, endpoint.id)).toHaveLength(before.length);
    const replay = await t.http.post(`${V1}/webhook-endpoints/${endpoint.id}/deliveries/${before[0].id}/replay`).set(owner.auth);
    expect({ status: replay.status, code: replay.body.error?.code }).toEqual({ status: 409, code: 'CONFLICT' });
  }, 40_000);

  it('sends every event of the contract’s list, each written with the change that caused it', async () => {
    const boss = await signUp(t.http, { email: uniqueEmail('events-owner') });
    await putOnPlan(t, boss.organizationId, 'pro');
    const hook = await receiver();
    const endpoint = await createEndpoint(t, boss.auth, hook.url(), [...WEBHOOK_EVENT_TYPES]);
    const org = `/organizations/${boss.organizationId}`;

    await subscribe(t, boss.auth, boss.organizationId, 'pro');
    const invited = await invite(t, boss.auth, boss.organizationId, uniqueEmail('newcomer'), 'viewer');
    const newcomer = await signUp(t.http, { email: invited.email });
    expectStatus(await t.http.post(`${V1}/organizations/invites/${invited.inviteToken}/accept`).set(newcomer.auth), 200);
    expectStatus(await t.http.patch(`${V1}${org}/members/${newcomer.userId}`).set(boss.auth).send({ role: 'editor' }), 200);
    expectStatus(await t.http.delete(`${V1}${org}/members/${newcomer.userId}`).set(boss.auth), 204);

    // Two sites allowed: the second crosses the warning thresholds, a third is refused.
    await app.db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'sites', 2)`, [
      boss.organizationId,
    ]);
    const site = await createSite('Kept', boss.auth);
    const doomed = await createSite('Doomed', boss.auth);
    const refused = await t.http.post(`${V1}/sites`).set(boss.auth).send({ name: 'Refused' });
    expect(refused.body.error?.code).toBe('QUOTA_EXCEEDED');
    const post = expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts`).set(boss.auth).send({ title: 'News', body: '…' }), 201).body
      .data;
    expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts/${post.id}/publish`).set(boss.auth), 200);
    expectStatus(await t.http.delete(`${V1}/sites/${site.id}/posts/${post.id}`).set(boss.auth), 204);
    expectStatus(await t.http.delete(`${V1}/sites/${doomed.id}`).set(boss.auth), 204);

    const typesSeen = () => new Set(hook.received.map((request) => JSON.parse(request.body).type));
    await waitUntil(`every event type arrives (so far: ${[...typesSeen()]})`, async () => typesSeen().size === WEBHOOK_EVENT_TYPES.length);
    const events = hook.received.map((request) => new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request)) as Event);
    const of = (type: string) => events.filter((event) => event.type === type);

    expect(events.every((event) => event.organizationId === boss.organizationId)).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(of('subscription.updated')).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ planTier: 'pro', status: 'trialing' }) }),
    );
    expect(of('member.invited')[0].data).toEqual(expect.objectContaining({ id: invited.id, email: invited.email, role: 'viewer' }));
    expect(of('member.joined')[0].data).toEqual(expect.objectContaining({ userId: newcomer.userId, role: 'viewer' }));
    expect(of('member.role_changed')[0].data).toEqual(
      expect.objectContaining({ userId: newcomer.userId, role: 'editor', previousRole: 'viewer' }),
    );
    expect(of('member.removed')[0].data).toEqual(expect.objectContaining({ userId: newcomer.userId, reason: 'removed' }));
    // The refused site left no trace but the refusal.
    expect(
      of('site.created')
        .map((event) => event.data.name)
        .sort(),
    ).toEqual(['Doomed', 'Kept']);
    expect(of('quota.warning')[0].data).toEqual(expect.objectContaining({ dimension: 'sites', current: 2, limit: 2 }));
    expect(of('quota.exceeded')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ dimension: 'sites', current: 2, limit: 2 }) }),
    ]);
    expect(of('post.created')[0].data).toEqual(expect.objectContaining({ id: post.id, status: 'draft' }));
    expect(of('post.published')[0].data).toEqual(expect.objectContaining({ id: post.id, status: 'published' }));
    expect(of('post.deleted')[0].data).toEqual({ id: post.id, siteId: site.id, title: 'News' });
    expect(of('site.deleted')[0].data).toEqual({ id: doomed.id, name: 'Doomed', domain: null });
  }, 60_000);
});

interface Event {
  id: string;
  type: string;
  organizationId: string;
  data: Record<string, unknown>;
}
