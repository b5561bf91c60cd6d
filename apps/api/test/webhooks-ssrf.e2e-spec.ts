import { expectStatus, expectValidationFailed, send, type Session, signUp } from '@plinth/testing';
import type { TestApp } from './harness';
import { createEndpoint, putOnPlan, Receiver, startWebhooksApp, waitForDeliveries, type WebhooksApp } from './webhooks-fixtures';

/**
 * Webhooks cannot be turned against the network they are sent from. With
 * private addresses not allowed (the default), an endpoint naming a private
 * address is refused when it is saved, and a name resolving to one is
 * refused when a delivery is sent — the receiver, on 127.0.0.1, never hears
 * a thing. Cloud metadata addresses are refused even where private ones are allowed.
 */
describe('webhook SSRF guard', () => {
  let app: WebhooksApp;
  let t: TestApp;
  let owner: Session;
  let local: Receiver;

  beforeAll(async () => {
    app = await startWebhooksApp();
    t = app.t;
    owner = await signUp(t.http);
    await putOnPlan(t, owner.organizationId, 'enterprise');
    local = await Receiver.start();
  }, 60_000);
  afterAll(async () => {
    await local?.close();
    await app?.close();
  });

  const create = (url: string) =>
    send(t, { method: 'post', path: '/webhook-endpoints', headers: owner.auth, body: { url, events: ['site.created'] } });

  describe('when the endpoint is saved', () => {
    it.each([
      ['http://127.0.0.1/hook', '127.0.0.1, a loopback address'],
      ['http://10.0.0.1/hook', '10.0.0.1, a private address'],
      ['http://[::1]:8080/hook', '::1, a loopback address'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254, a cloud metadata address'],
      ['http://[fd00:ec2::254]/', 'fd00:ec2::254, a cloud metadata address'],
      ['http://192.168.1.10/', '192.168.1.10, a private address'],
      ['http://100.64.0.1/', '100.64.0.1, a carrier-grade NAT address'],
      ['http://[fc00::1]/', 'fc00::1, a unique-local address'],
      ['http://0x7f.0.0.1/', '127.0.0.1, a loopback address'],
      ['http://[::ffff:127.0.0.1]/', '127.0.0.1, a loopback address'],
    ])('refuses %s (400)', async (url, reason) => {
      const response = await create(url);
      expectValidationFailed(response, ['url']);
      expect(response.body.error.details[0].problems).toEqual([`url must not point at ${reason}`]);
    });

    it('refuses a change of URL to a private address too', async () => {
      const endpoint = await createEndpoint(t, owner.auth, 'https://hooks.example.test/', ['site.created']);
      const response = await send(t, {
        method: 'patch',
        path: `/webhook-endpoints/${endpoint.id}`,
        headers: owner.auth,
        body: { url: 'http://10.0.0.1/' },
      });
      expectValidationFailed(response, ['url']);
    });
  });

  describe('when a delivery is sent', () => {
    async function deliveryError(url: string): Promise<string | null> {
      const endpoint = await createEndpoint(t, owner.auth, 'https://hooks.example.test/', ['site.created']);
      // As if saved while private addresses were allowed (or by a name that later moved): the send checks again.
      await app.db.query('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [endpoint.id, url]);
      expectStatus(await send(t, { method: 'post', path: '/sites', headers: owner.auth, body: { name: 'Probe' } }), 201);
      const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the attempt is logged', (d) => d[0]?.attempts.length === 1);
      await send(t, { method: 'delete', path: `/webhook-endpoints/${endpoint.id}`, headers: owner.auth }).expect(204);
      expect(delivery.attempts[0]).toEqual(
        expect.objectContaining({ statusCode: null, responseExcerpt: null, nextRetryAt: expect.any(String) }),
      );
      return delivery.attempts[0].error;
    }

    it('refuses a name that resolves to loopback (localhost)', async () => {
      const port = new URL(local.url()).port;
      const endpoint = await createEndpoint(t, owner.auth, `http://localhost:${port}/hook`, ['site.created']);
      expectStatus(await send(t, { method: 'post', path: '/sites', headers: owner.auth, body: { name: 'Named' } }), 201);
      const [delivery] = await waitForDeliveries(t, owner.auth, endpoint.id, 'the refusal is logged', (d) => d[0]?.attempts.length === 1);
      await send(t, { method: 'delete', path: `/webhook-endpoints/${endpoint.id}`, headers: owner.auth }).expect(204);
      expect(delivery.attempts[0].error).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1); .* is a loopback address$/);
      expect(local.received).toEqual([]);
    });

    it.each([
      ['127.0.0.1', (port: string) => `http://127.0.0.1:${port}/hook`, 'Refused: 127.0.0.1 is a loopback address'],
      ['[::1]', (port: string) => `http://[::1]:${port}/hook`, 'Refused: ::1 is a loopback address'],
      ['10.0.0.1', () => 'http://10.0.0.1/hook', 'Refused: 10.0.0.1 is a private address'],
      ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/', 'Refused: 169.254.169.254 is a cloud metadata address'],
    ])('refuses %s without connecting', async (_address, urlOf, error) => {
      expect(await deliveryError(urlOf(new URL(local.url()).port))).toBe(error);
      expect(local.received).toEqual([]);
    });
  });

  describe('where private addresses are allowed', () => {
    let allowing: WebhooksApp;
    let admin: Session;
    beforeAll(async () => {
      allowing = await startWebhooksApp({ WEBHOOKS_ALLOW_PRIVATE: 'true', JOBS_ENABLED: 'false' });
      admin = await signUp(allowing.t.http);
      await putOnPlan(allowing.t, admin.organizationId, 'enterprise');
    }, 60_000);
    afterAll(() => allowing?.close());

    it('accepts a private address', async () => {
      const response = await send(allowing.t, {
        method: 'post',
        path: '/webhook-endpoints',
        headers: admin.auth,
        body: { url: 'http://10.0.0.1/hook', events: ['site.created'] },
      });
      expectStatus(response, 201);
    });

    it.each(['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/'])(
      'still refuses the metadata address %s',
      async (url) => {
        const response = await send(allowing.t, {
          method: 'post',
          path: '/webhook-endpoints',
          headers: admin.auth,
          body: { url, events: ['site.created'] },
        });
        expectValidationFailed(response, ['url']);
      },
    );
  });
});
