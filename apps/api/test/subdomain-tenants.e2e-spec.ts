import { createKey, errorBody, expectStatus, invite, join, jwtClaims, newOrg, send, type Org, V1, VALID_PASSWORD } from '@plinth/testing';
import type { TestApp } from './harness';
import { startTenancyApp } from './tenancy-fixtures';

const BASE_DOMAIN = 'plinth.test';
const anotherHost = { status: 403, body: errorBody('NOT_A_MEMBER', 'This host belongs to another organization') };

/** API.md: with BASE_DOMAIN set, `<slug>.<BASE_DOMAIN>` names the organization, after an API key and before everything else. */
describe('subdomain tenants', () => {
  let t: TestApp;
  let acme: Org;
  let globex: Org;

  beforeAll(async () => {
    t = await startTenancyApp({ BASE_DOMAIN });
    [acme, globex] = await Promise.all([newOrg(t), newOrg(t)]);
    // Acme's owner also belongs to Globex, whose organization their token has selected.
    const sent = await invite(t, globex.owner.auth, globex.id, acme.owner.email, 'admin');
    await send(t, { method: 'post', path: `/organizations/invites/${sent.inviteToken}/accept`, headers: acme.owner.auth }).expect(200);
    await send(t, { method: 'post', path: '/auth/switch-organization', headers: acme.owner.auth, body: { organizationId: globex.id } })
      .expect(200)
      .then((response) => (acme.owner.auth = { Authorization: `Bearer ${response.body.data.accessToken}` }));
  });
  afterAll(() => t.close());

  const onHost = (slug: string) => ({ Host: `${slug}.${BASE_DOMAIN}` });
  const siteNames = async (headers: Record<string, string>) =>
    expectStatus(await t.http.get(`${V1}/sites`).set(headers), 200).body.data.map((site: { name: string }) => site.name);

  it('serves the organization the host names, whatever the token selected', async () => {
    await send(t, {
      method: 'post',
      path: '/sites',
      headers: { ...acme.owner.auth, ...onHost(acme.slug) },
      body: { name: 'On Acme' },
    }).expect(201);
    expect(await siteNames({ ...acme.owner.auth, ...onHost(acme.slug) })).toEqual(['On Acme']);
    expect(await siteNames(acme.owner.auth)).toEqual([]); // the token's organization: Globex
  });

  it('refuses a header or a path naming another organization on that host (403)', async () => {
    const headers = { ...acme.owner.auth, ...onHost(acme.slug) };
    for (const other of [globex.id, globex.slug]) {
      const response = await t.http.get(`${V1}/sites`).set({ ...headers, 'X-Organization-Id': other });
      expect({ status: response.status, body: response.body }).toEqual(anotherHost);
    }
    const path = await t.http.get(`${V1}/organizations/${globex.id}`).set(headers);
    expect({ status: path.status, body: path.body }).toEqual(anotherHost);
    expectStatus(await t.http.get(`${V1}/organizations/${acme.id}`).set({ ...headers, 'X-Organization-Id': acme.slug }), 200);
  });

  it('refuses another organization’s API key on that host, and a non-member', async () => {
    const key = await createKey(t, globex.owner.auth, 'viewer');
    const keyed = await t.http.get(`${V1}/sites`).set({ ...key.auth, ...onHost(acme.slug) });
    expect({ status: keyed.status, body: keyed.body }).toEqual(anotherHost);
    expectStatus(await t.http.get(`${V1}/sites`).set({ ...key.auth, ...onHost(globex.slug) }), 200);
    const stranger = await t.http.get(`${V1}/sites`).set({ ...globex.owner.auth, ...onHost(acme.slug) });
    expect({ status: stranger.status, body: stranger.body }).toEqual({
      status: 403,
      body: errorBody('NOT_A_MEMBER', 'You are not a member of this organization'),
    });
  });

  it('tells the SPA which organization the host names (/auth/me)', async () => {
    const me = async (headers: Record<string, string>) =>
      expectStatus(await t.http.get(`${V1}/auth/me`).set(headers), 200).body.data as {
        hostOrganizationSlug: string | null;
        baseDomain: string;
      };
    expect(await me({ ...acme.owner.auth, ...onHost(acme.slug) })).toMatchObject({
      hostOrganizationSlug: acme.slug,
      baseDomain: BASE_DOMAIN,
    });
    expect(await me({ ...acme.owner.auth, Host: `app.${BASE_DOMAIN}` })).toMatchObject({
      hostOrganizationSlug: null,
      baseDomain: BASE_DOMAIN,
    });
  });

  it('signs in on an organization’s host acting for it; elsewhere for the first organization', async () => {
    const login = async (Host: string) => {
      const response = await t.http.post(`${V1}/auth/login`).set({ Host }).send({ email: acme.owner.email, password: VALID_PASSWORD });
      return jwtClaims(expectStatus(response, 200).body.data.accessToken).org;
    };
    expect(await login(`${globex.slug}.${BASE_DOMAIN}`)).toBe(globex.id);
    expect(await login(`${acme.slug}.${BASE_DOMAIN}`)).toBe(acme.id);
    expect(await login(`app.${BASE_DOMAIN}`)).toBe(acme.id); // Acme's owner joined Globex later
  });

  it('takes a reserved or deeper subdomain, or another domain, as no organization', async () => {
    const viewer = await join(t, acme, 'viewer');
    for (const Host of [
      `www.${BASE_DOMAIN}`,
      `app.${BASE_DOMAIN}`,
      `a.${acme.slug}.${BASE_DOMAIN}`,
      `${acme.slug}.example.com`,
      BASE_DOMAIN,
    ]) {
      expectStatus(await t.http.get(`${V1}/sites`).set({ ...viewer.auth, Host }), 200);
    }
  });

  it.each(['www', 'api', 'app', 'admin', 'mail'])('refuses the reserved slug %s at create and rename', async (slug) => {
    const message = 'slug is a reserved name (www, api, app, admin, mail…): choose another';
    const created = await send(t, { method: 'post', path: '/organizations', headers: globex.owner.auth, body: { name: 'Reserved', slug } });
    const renamed = await send(t, { method: 'patch', path: `/organizations/${globex.id}`, headers: globex.owner.auth, body: { slug } });
    for (const response of [created, renamed]) {
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Invalid request: slug', [{ field: 'slug', problems: [message] }]),
      });
    }
  });

  it('gives an organization named like a reserved word a slug that is not one', async () => {
    const created = expectStatus(
      await send(t, { method: 'post', path: '/organizations', headers: globex.owner.auth, body: { name: 'Admin' } }),
      201,
    );
    expect(created.body.data.slug).toMatch(/^admin-[a-z0-9]+$/);
  });
});
