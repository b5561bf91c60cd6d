import { can, ROLES, type Role, TenantTransactions } from '@plinth/tenancy';
import {
  type Call,
  createKey,
  errorBody,
  expectStatus,
  expectValidationFailed,
  type Headers,
  KEY_ROLES,
  type KeyRole,
  newOrg,
  type Org,
  type OrgWithEveryRole,
  orgWithEveryRole,
  send,
  signUp,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { WebhookOutbox } from '../src/modules/webhooks/webhook-outbox';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import type { TestApp } from './harness';
import { createEndpoint, deliveriesOf, putOnPlan, startWebhooksApp, type WebhooksApp } from './webhooks-fixtures';

/**
 * The webhook endpoints API: what it answers, who may call it (every route
 * by every role and API key role), the plan gate, and other tenants' ids.
 * Deliveries are this suite's only for their shape: the app here sends
 * nothing (jobs off), webhooks-delivery.e2e-spec.ts does.
 */

const HOOK_URL = 'https://hooks.example.test/plinth';

describe('webhook endpoints API', () => {
  let app: WebhooksApp;
  let t: TestApp;

  beforeAll(async () => {
    app = await startWebhooksApp({ JOBS_ENABLED: 'false' });
    t = app.t;
  }, 60_000);
  afterAll(() => app?.close());

  describe('an endpoint’s life', () => {
    let org: Org;
    beforeAll(async () => (org = await newOrg(t)));

    it('is created with its secret, shown once and stored sealed', async () => {
      const response = await send(t, {
        method: 'post',
        path: '/webhook-endpoints',
        headers: org.owner.auth,
        body: { url: HOOK_URL, events: ['post.published', 'site.created'], description: 'Static site' },
      });
      const created = expectStatus(response, 201).body.data;
      expect(created).toEqual({
        id: expect.any(String),
        url: HOOK_URL,
        events: ['post.published', 'site.created'],
        description: 'Static site',
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        previousSecretExpiresAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });

      const listed = expectStatus(await send(t, { method: 'get', path: '/webhook-endpoints', headers: org.owner.auth }), 200).body;
      const { secret, ...shown } = created;
      expect(listed.data).toEqual([shown]);
      const one = expectStatus(await send(t, { method: 'get', path: `/webhook-endpoints/${created.id}`, headers: org.owner.auth }), 200);
      expect(one.body.data).toEqual(shown);
      const [row] = await app.db.query('SELECT secret_sealed FROM webhook_endpoints WHERE id = $1', [created.id]);
      expect(row.secret_sealed).toMatch(/^v1\./);
      expect(row.secret_sealed).not.toContain(secret.slice(6, 20));
      const [audit] = await app.db.query(
        `SELECT actor_id, metadata FROM audit_logs WHERE target_id = $1 AND action = 'webhook_endpoint.created'`,
        [created.id],
      );
      expect(audit).toEqual({ actor_id: org.owner.userId, metadata: { url: HOOK_URL, events: ['post.published', 'site.created'] } });
    });

    it('changes, disables, enables and deletes', async () => {
      const endpoint = await createEndpoint(t, org.owner.auth, HOOK_URL, ['site.created']);
      const patch = (body: object) =>
        send(t, { method: 'patch', path: `/webhook-endpoints/${endpoint.id}`, headers: org.owner.auth, body });

      const changed = expectStatus(await patch({ url: `${HOOK_URL}/v2`, events: ['member.joined'], description: 'CRM' }), 200).body.data;
      expect(changed).toEqual(
        expect.objectContaining({ url: `${HOOK_URL}/v2`, events: ['member.joined'], description: 'CRM', enabled: true }),
      );
      const off = expectStatus(await patch({ enabled: false }), 200).body.data;
      expect(off).toEqual(expect.objectContaining({ enabled: false, disabledReason: 'manual', disabledAt: expect.any(String) }));
      const on = expectStatus(await patch({ enabled: true, description: null }), 200).body.data;
      expect(on).toEqual(expect.objectContaining({ enabled: true, disabledReason: null, disabledAt: null, description: null }));

      expectStatus(await send(t, { method: 'delete', path: `/webhook-endpoints/${endpoint.id}`, headers: org.owner.auth }), 204);
      const gone = await send(t, { method: 'get', path: `/webhook-endpoints/${endpoint.id}`, headers: org.owner.auth });
      expect({ status: gone.status, body: gone.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Webhook endpoint not found') });
    });

    it('rotates the secret: a new one, shown once, the old one signing along for 24 hours', async () => {
      const endpoint = await createEndpoint(t, org.owner.auth, HOOK_URL, ['site.created']);
      const response = await send(t, { method: 'post', path: `/webhook-endpoints/${endpoint.id}/rotate-secret`, headers: org.owner.auth });
      const rotated = expectStatus(response, 200).body.data;
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(endpoint.secret);
      const overlap = Date.parse(rotated.previousSecretExpiresAt) - Date.now();
      expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
      expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);
    });

    it('writes a delivery for each subscribed endpoint in the transaction of the change, listed with its event', async () => {
      const subscribed = await createEndpoint(t, org.owner.auth, HOOK_URL, ['site.created']);
      const other = await createEndpoint(t, org.owner.auth, HOOK_URL, ['post.created']);
      const site = expectStatus(await send(t, { method: 'post', path: '/sites', headers: org.owner.auth, body: { name: 'Outbox' } }), 201);

      const [delivery] = await deliveriesOf(t, org.owner.auth, subscribed.id);
      expect(delivery).toEqual({
        id: expect.any(String),
        eventId: expect.any(String),
        eventType: 'site.created',
        status: 'pending',
        attempts: [],
        nextRetryAt: expect.any(String),
        createdAt: expect.any(String),
      });
      expect(await deliveriesOf(t, org.owner.auth, other.id)).toEqual([]);
      const [event] = await app.db.query('SELECT type, data FROM webhook_events WHERE id = $1', [delivery.eventId]);
      expect(event).toEqual({ type: 'site.created', data: site.body.data });
    });

    it('writes an event exactly when the transaction that causes it commits', async () => {
      const endpoint = await createEndpoint(t, org.owner.auth, HOOK_URL, ['post.deleted']);
      const outbox = t.app.get(WebhookOutbox);
      const transactions = t.app.get(TenantTransactions);
      const failing = transactions.run(org.id, async (tx) => {
        await outbox.enqueue(tx, 'post.deleted', { id: 'rolled back' });
        throw new Error('the change failed');
      });
      await expect(failing).rejects.toThrow('the change failed');
      await transactions.run(org.id, (tx) => outbox.enqueue(tx, 'post.deleted', { id: 'committed' }));

      const deliveries = await deliveriesOf(t, org.owner.auth, endpoint.id);
      expect(deliveries).toHaveLength(1);
      const [event] = await app.db.query('SELECT data FROM webhook_events WHERE id = $1', [deliveries[0].eventId]);
      expect(event.data).toEqual({ id: 'committed' });
    });

    it('appears in the organization export, without its secret', async () => {
      const endpoint = await createEndpoint(t, org.owner.auth, `${HOOK_URL}/exported`, ['member.joined']);
      const response = await t.http
        .get(`/api/v1/organizations/${org.id}/export`)
        .set(org.owner.auth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        });
      expect(response.status).toBe(200);
      const lines = (response.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toContainEqual(
        expect.objectContaining({
          type: 'webhook_endpoint',
          id: endpoint.id,
          url: `${HOOK_URL}/exported`,
          events: ['member.joined'],
          enabled: true,
        }),
      );
      expect(response.body).not.toContain(endpoint.secret.slice(6));
      const exported = lines.filter((line) => line.type === 'webhook_endpoint');
      expect(exported.flatMap((line) => Object.keys(line)).filter((key) => /secret/i.test(key))).toEqual([]);
    });

    it('refuses malformed endpoints, naming the field', async () => {
      const create = (body: object) => send(t, { method: 'post', path: '/webhook-endpoints', headers: org.owner.auth, body });
      expectValidationFailed(await create({ url: 'ftp://example.com/x', events: ['site.created'] }), ['url']);
      expectValidationFailed(await create({ url: 'not a url', events: ['site.created'] }), ['url']);
      expectValidationFailed(await create({ url: 'https://user:pass@example.com/x', events: ['site.created'] }), ['url']);
      expectValidationFailed(await create({ url: HOOK_URL, events: [] }), ['events']);
      expectValidationFailed(await create({ url: HOOK_URL, events: ['site.exploded'] }), ['events']);
      expectValidationFailed(await create({ url: HOOK_URL, events: ['site.created'], secret: 'whsec_mine' }), ['secret']);
    });
  });

  describe('the plan gate', () => {
    it.each(['free', 'starter'])('refuses to create an endpoint on %s with 402 PLAN_FEATURE_UNAVAILABLE', async (tier) => {
      const owner = await signUp(t.http);
      await putOnPlan(t, owner.organizationId, tier);
      const response = await send(t, {
        method: 'post',
        path: '/webhook-endpoints',
        headers: owner.auth,
        body: { url: HOOK_URL, events: ['site.created'] },
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 402,
        body: errorBody('PLAN_FEATURE_UNAVAILABLE', 'Your plan does not include the feature webhooks; it starts with the pro plan', {
          feature: 'webhooks',
          requiredTier: 'pro',
          upgradeUrl: expect.stringContaining('/billing'),
        }),
      });
    });

    it('keeps a downgraded organization’s endpoints readable and removable, but sends and replays nothing', async () => {
      const owner = await signUp(t.http);
      await putOnPlan(t, owner.organizationId, 'pro');
      const endpoint = await createEndpoint(t, owner.auth, HOOK_URL, ['site.created', 'site.deleted']);
      const site = await send(t, { method: 'post', path: '/sites', headers: owner.auth, body: { name: 'On Pro' } }).expect(201);
      const [delivery] = await deliveriesOf(t, owner.auth, endpoint.id);
      await putOnPlan(t, owner.organizationId, 'free');

      await send(t, { method: 'delete', path: `/sites/${site.body.data.id}`, headers: owner.auth }).expect(204);
      expect(await deliveriesOf(t, owner.auth, endpoint.id)).toHaveLength(1);
      expectStatus(await send(t, { method: 'get', path: '/webhook-endpoints', headers: owner.auth }), 200);
      const replay = await send(t, {
        method: 'post',
        path: `/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/replay`,
        headers: owner.auth,
      });
      expect({ status: replay.status, code: replay.body.error?.code }).toEqual({ status: 402, code: 'PLAN_FEATURE_UNAVAILABLE' });
      expectStatus(await send(t, { method: 'delete', path: `/webhook-endpoints/${endpoint.id}`, headers: owner.auth }), 204);
    });
  });

  describe('another organization’s ids', () => {
    let mine: Org;
    let theirs: Org;
    let theirEndpoint: { id: string };
    let theirDeliveryId: string;
    let myEndpoint: { id: string };
    let myKey: Headers;

    beforeAll(async () => {
      [mine, theirs] = await Promise.all([newOrg(t), newOrg(t)]);
      theirEndpoint = await createEndpoint(t, theirs.owner.auth, HOOK_URL, ['site.created']);
      myEndpoint = await createEndpoint(t, mine.owner.auth, HOOK_URL, ['site.created']);
      await send(t, { method: 'post', path: '/sites', headers: theirs.owner.auth, body: { name: 'Theirs' } }).expect(201);
      [{ id: theirDeliveryId }] = await deliveriesOf(t, theirs.owner.auth, theirEndpoint.id);
      myKey = (await createKey(t, mine.owner.auth, 'admin')).auth;
    });

    const stateOfTheirs = () =>
      app.db.query(
        `SELECT e.url, e.events, e.secret_sealed, e.disabled_at, e.updated_at, d.status, d.attempt_count, d.next_attempt_at
           FROM webhook_endpoints e LEFT JOIN webhook_deliveries d ON d.endpoint_id = e.id WHERE e.organization_id = $1`,
        [theirs.id],
      );

    const CASES: Array<[string, () => Call, string, boolean?]> = [
      ['GET /webhook-endpoints/:theirs', () => ({ method: 'get', path: `/webhook-endpoints/${theirEndpoint.id}` }), 'Webhook endpoint'],
      [
        'PATCH /webhook-endpoints/:theirs',
        () => ({ method: 'patch', path: `/webhook-endpoints/${theirEndpoint.id}`, body: { url: 'https://evil.example.test/' } }),
        'Webhook endpoint',
      ],
      [
        'DELETE /webhook-endpoints/:theirs',
        () => ({ method: 'delete', path: `/webhook-endpoints/${theirEndpoint.id}` }),
        'Webhook endpoint',
      ],
      [
        'POST /webhook-endpoints/:theirs/rotate-secret',
        () => ({ method: 'post', path: `/webhook-endpoints/${theirEndpoint.id}/rotate-secret` }),
        'Webhook endpoint',
        true,
      ],
      [
        'POST /webhook-endpoints/:theirs/test',
        () => ({ method: 'post', path: `/webhook-endpoints/${theirEndpoint.id}/test` }),
        'Webhook endpoint',
      ],
      [
        'GET /webhook-endpoints/:theirs/deliveries',
        () => ({ method: 'get', path: `/webhook-endpoints/${theirEndpoint.id}/deliveries` }),
        'Webhook endpoint',
      ],
      [
        'POST /webhook-endpoints/:theirs/deliveries/:theirs/replay',
        () => ({ method: 'post', path: `/webhook-endpoints/${theirEndpoint.id}/deliveries/${theirDeliveryId}/replay` }),
        'Webhook endpoint',
      ],
      [
        'POST /webhook-endpoints/:mine/deliveries/:theirs/replay',
        () => ({ method: 'post', path: `/webhook-endpoints/${myEndpoint.id}/deliveries/${theirDeliveryId}/replay` }),
        'Webhook delivery',
      ],
    ];
    const callers: Array<[string, () => Headers, boolean]> = [
      ['my owner', () => mine.owner.auth, false],
      ['my admin API key', () => myKey, true],
    ];
    const cases = CASES.flatMap(([what, call, resource, signedIn]) =>
      callers.filter(([, , isKey]) => !(signedIn && isKey)).map(([who, headers]) => ({ what, who, call, resource, headers })),
    );

    it.each(cases)('$what by $who → 404, theirs untouched', async ({ call, resource, headers }) => {
      const before = await stateOfTheirs();
      const response = await send(t, { ...call(), headers: headers() });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 404,
        body: errorBody('NOT_FOUND', `${resource} not found`),
      });
      expect(await stateOfTheirs()).toEqual(before);
    });

    it('lists only my own endpoints', async () => {
      const listed = expectStatus(await send(t, { method: 'get', path: '/webhook-endpoints', headers: mine.owner.auth }), 200).body.data;
      expect(listed.map((endpoint: { id: string }) => endpoint.id)).toEqual([myEndpoint.id]);
    });

    it('answers a made-up id exactly like theirs', async () => {
      const response = await send(t, { method: 'get', path: `/webhook-endpoints/${randomUUID()}`, headers: mine.owner.auth });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 404,
        body: errorBody('NOT_FOUND', 'Webhook endpoint not found'),
      });
    });
  });

  describe('who may call each route', () => {
    type Caller = { kind: 'user'; role: Role } | { kind: 'key'; role: KeyRole };
    const CALLERS: Caller[] = [
      ...ROLES.map((role) => ({ kind: 'user' as const, role })),
      ...KEY_ROLES.map((role) => ({ kind: 'key' as const, role })),
    ];
    let org: OrgWithEveryRole;

    beforeAll(async () => {
      org = await orgWithEveryRole(t);
    }, 60_000);
    // An organization holds at most 20 endpoints: each case starts from none.
    beforeEach(() => app.db.query('DELETE FROM webhook_endpoints WHERE organization_id = $1', [org.id]));

    const headersOf = (caller: Caller): Headers => (caller.kind === 'user' ? org.members[caller.role].auth : org.keys[caller.role].auth);
    const fresh = () => createEndpoint(t, org.owner.auth, HOOK_URL, ['site.created']);

    interface Route {
      route: string;
      success: number;
      /** A signed-in person only: 403 for any API key (webhook secrets). */
      signedIn: boolean;
      arrange: () => Promise<Omit<Call, 'headers'>>;
    }

    const ROUTES: Route[] = [
      {
        route: 'POST /webhook-endpoints',
        success: 201,
        signedIn: true,
        arrange: async () => ({ method: 'post', path: '/webhook-endpoints', body: { url: HOOK_URL, events: ['site.created'] } }),
      },
      {
        route: 'GET /webhook-endpoints',
        success: 200,
        signedIn: false,
        arrange: async () => ({ method: 'get', path: '/webhook-endpoints' }),
      },
      {
        route: 'GET /webhook-endpoints/{id}',
        success: 200,
        signedIn: false,
        arrange: async () => ({ method: 'get', path: `/webhook-endpoints/${(await fresh()).id}` }),
      },
      {
        route: 'PATCH /webhook-endpoints/{id}',
        success: 200,
        signedIn: false,
        arrange: async () => ({ method: 'patch', path: `/webhook-endpoints/${(await fresh()).id}`, body: { events: ['post.created'] } }),
      },
      {
        route: 'DELETE /webhook-endpoints/{id}',
        success: 204,
        signedIn: false,
        arrange: async () => ({ method: 'delete', path: `/webhook-endpoints/${(await fresh()).id}` }),
      },
      {
        route: 'POST /webhook-endpoints/{id}/rotate-secret',
        success: 200,
        signedIn: true,
        arrange: async () => ({ method: 'post', path: `/webhook-endpoints/${(await fresh()).id}/rotate-secret` }),
      },
      {
        route: 'GET /webhook-endpoints/{id}/deliveries',
        success: 200,
        signedIn: false,
        arrange: async () => ({ method: 'get', path: `/webhook-endpoints/${(await fresh()).id}/deliveries` }),
      },
      {
        route: 'POST /webhook-endpoints/{id}/test',
        success: 202,
        signedIn: false,
        arrange: async () => ({ method: 'post', path: `/webhook-endpoints/${(await fresh()).id}/test` }),
      },
      {
        route: 'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/replay',
        success: 202,
        signedIn: false,
        arrange: async () => {
          const endpoint = await fresh();
          await send(t, { method: 'post', path: '/sites', headers: org.owner.auth, body: { name: 'Replayed' } }).expect(201);
          const [delivery] = await deliveriesOf(t, org.owner.auth, endpoint.id);
          return { method: 'post', path: `/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/replay` };
        },
      },
    ];

    it('lists every webhook route with the permission, success status and signed-in rule the code declares', () => {
      const document = buildOpenApiDocument(t.app);
      const served = Object.entries(document.paths)
        .filter(([path]) => path.startsWith('/api/v1/webhook-endpoints'))
        .flatMap(([path, operations]) =>
          Object.entries(
            operations as Record<
              string,
              { 'x-permission'?: string; 'x-signed-in-only'?: boolean; responses: Record<string, unknown>; tags: string[] }
            >,
          ).map(([method, operation]) => ({
            route: `${method.toUpperCase()} ${path.replace('/api/v1', '')}`,
            permission: operation['x-permission'],
            success: Number(Object.keys(operation.responses).find((status) => status.startsWith('2'))),
            signedIn: operation['x-signed-in-only'] ?? false,
            tags: operation.tags,
          })),
        );
      const tabled = ROUTES.map(({ route, success, signedIn }) => ({
        route,
        permission: 'webhooks:manage',
        success,
        signedIn,
        tags: ['webhooks'],
      }));
      const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
      expect(served.sort(byRoute)).toEqual(tabled.sort(byRoute));
    });

    const expectedFor = (route: Route, caller: Caller) => {
      if (!can(caller.role, 'webhooks:manage')) {
        return {
          status: 403,
          body: errorBody('FORBIDDEN', 'Your role lacks the permission webhooks:manage', { permission: 'webhooks:manage' }),
        };
      }
      if (route.signedIn && caller.kind === 'key') {
        const message = 'Managing people and credentials needs a signed-in person, not an API key';
        return { status: 403, body: errorBody('FORBIDDEN', message, { rule: 'route_policy' }) };
      }
      return { status: route.success, body: route.success === 204 ? {} : expect.objectContaining({ success: true }) };
    };

    const cases = ROUTES.flatMap((route) =>
      CALLERS.map((caller) => ({
        route,
        caller,
        name: route.route,
        who: caller.kind === 'user' ? `a ${caller.role}` : `an API key with role ${caller.role}`,
        expected: expectedFor(route, caller),
      })),
    );

    it.each(cases)('$name: $who gets $expected.status', async ({ route, caller, expected }) => {
      const call = await route.arrange();
      const response = await send(t, { ...call, headers: headersOf(caller) });
      expect({ status: response.status, body: response.body }).toEqual(expected);
    });
  });
});
