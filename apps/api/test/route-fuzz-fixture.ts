import { bearer, expectStatus, type Headers, send, signupBody, uniqueEmail, VALID_PASSWORD } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { png } from './content-fixtures';
import type { TestApp } from './harness';

/**
 * A real organization with one of everything, owned by a verified platform
 * admin, so a fuzzed path can name real ids and reach past the lookups. The
 * fuzzer deletes things; `repairAfter` puts back what a successful request
 * took away, and `signInAgain` a session that a request ended.
 */
export interface RouteFuzzFixture {
  email: string;
  userId: string;
  organizationId: string;
  slug: string;
  auth: Headers;
  apiKey: string;
  /** Real values by `<segment before the parameter>/<parameter name>`, e.g. `posts/id`. */
  ids: Record<string, string>;
}

/** A delivery's endpoint answers nothing: connection refused, at once. */
const DEAD_RECEIVER = 'http://127.0.0.1:9/fuzz';

export async function buildFixture(t: TestApp, email: string): Promise<RouteFuzzFixture> {
  const signup = expectStatus(await send(t, { method: 'post', path: '/auth/signup', body: signupBody({ email }) }), 201).body.data;
  const db = t.app.get(DataSource);
  await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [signup.user.id]);
  const fixture: RouteFuzzFixture = {
    email,
    userId: signup.user.id,
    organizationId: signup.organization.id,
    slug: signup.organization.slug,
    auth: bearer(signup),
    apiKey: '',
    ids: {},
  };
  await fillOrganization(t, fixture);
  return fixture;
}

/** Everything below a new organization: a checkout opened while on Free, then the enterprise plan, so no quota stops a refill. */
async function fillOrganization(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  await addCheckout(t, f);
  await t.app.get(DataSource).query(`UPDATE organizations SET plan_tier = 'enterprise' WHERE id = $1`, [f.organizationId]);
  f.ids['organizations/id'] = f.organizationId;
  f.ids['members/userId'] = f.userId;
  f.ids['quota-overrides/dimension'] = 'posts';
  f.ids['stripe-events/id'] = 'evt_fuzz0000000000000000';
  await Promise.all([addSite(t, f), addInvite(t, f), addApiKey(t, f), addEndpoint(t, f), addSpareSession(t, f)]);
}

const ok = async (t: TestApp, call: Parameters<typeof send>[1], status: number) => expectStatus(await send(t, call), status).body.data;

async function addSite(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const site = await ok(t, { method: 'post', path: '/sites', headers: f.auth, body: { name: 'Fuzz' } }, 201);
  f.ids['sites/id'] = f.ids['sites/siteId'] = site.id;
  await Promise.all([addPost(t, f), addMedia(t, f)]);
}

async function addPost(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const post = await ok(
    t,
    { method: 'post', path: `/sites/${f.ids['sites/id']}/posts`, headers: f.auth, body: { title: 'Fuzz', body: 'x' } },
    201,
  );
  f.ids['posts/id'] = post.id;
}

async function addMedia(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const image = png(8);
  const response = await t.http
    .post(`/api/v1/sites/${f.ids['sites/id']}/media`)
    .set(f.auth)
    .attach('file', image.bytes, { filename: 'fuzz.png', contentType: 'image/png' });
  f.ids['media/id'] = expectStatus(response, 201).body.data.id;
}

async function addInvite(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const path = `/organizations/${f.organizationId}/invites`;
  const invite = await ok(t, { method: 'post', path, headers: f.auth, body: { email: uniqueEmail('fuzz-invitee'), role: 'viewer' } }, 201);
  f.ids['invites/inviteId'] = invite.id;
  f.ids['invites/token'] = invite.inviteToken;
}

async function addApiKey(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const key = await ok(t, { method: 'post', path: '/api-keys', headers: f.auth, body: { name: 'fuzz', role: 'admin' } }, 201);
  f.ids['api-keys/id'] = key.id;
  f.apiKey = key.key;
}

async function addEndpoint(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const body = { url: DEAD_RECEIVER, events: ['subscription.updated'] };
  const endpoint = await ok(t, { method: 'post', path: '/webhook-endpoints', headers: f.auth, body }, 201);
  f.ids['webhook-endpoints/id'] = endpoint.id;
  await ok(t, { method: 'post', path: `/webhook-endpoints/${endpoint.id}/test`, headers: f.auth }, 202);
  const deliveries = await ok(t, { method: 'get', path: `/webhook-endpoints/${endpoint.id}/deliveries`, headers: f.auth }, 200);
  f.ids['deliveries/deliveryId'] = f.ids['webhook-deliveries/id'] = deliveries[0].id;
}

async function addCheckout(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const body = { planTier: 'pro', billingCycle: 'monthly', successUrl: 'http://localhost:3000/ok', cancelUrl: 'http://localhost:3000/no' };
  f.ids['checkout/sessionId'] = (await ok(t, { method: 'post', path: '/billing/checkout', headers: f.auth, body }, 201)).sessionId;
}

/** A second session of the owner: the fuzzer may end it, never the one it signs its requests with. */
async function addSpareSession(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  await ok(t, { method: 'post', path: '/auth/login', body: { email: f.email, password: VALID_PASSWORD } }, 200);
  const sessions: Array<{ id: string; current: boolean }> = await ok(t, { method: 'get', path: '/auth/sessions', headers: f.auth }, 200);
  f.ids['sessions/id'] = sessions.find((session) => !session.current)?.id ?? sessions[0].id;
}

/** A fresh access token for the owner, in the fixture's organization. */
export async function signInAgain(t: TestApp, f: RouteFuzzFixture): Promise<void> {
  const login = await ok(t, { method: 'post', path: '/auth/login', body: { email: f.email, password: VALID_PASSWORD } }, 200);
  const switched = await ok(
    t,
    { method: 'post', path: '/auth/switch-organization', headers: bearer(login), body: { organizationId: f.organizationId } },
    200,
  );
  f.auth = bearer(switched);
}

/** What a successful DELETE of `path` removed, made again (a deleted organization takes everything with it). */
export async function repairAfter(t: TestApp, f: RouteFuzzFixture, path: string): Promise<void> {
  const named = (key: string) => path.toLowerCase().includes(f.ids[key].toLowerCase());
  if (path.startsWith('/api/v1/organizations/') && path.split('/').length === 5 && named('organizations/id')) {
    const organization = await ok(t, { method: 'post', path: '/organizations', headers: f.auth, body: { name: 'Fuzz again' } }, 201);
    Object.assign(f, { organizationId: organization.id, slug: organization.slug });
    await signInAgain(t, f);
    return fillOrganization(t, f);
  }
  if (named('sites/id')) return addSite(t, f);
  if (named('posts/id')) return addPost(t, f);
  if (named('media/id')) return addMedia(t, f);
  if (named('invites/inviteId')) return addInvite(t, f);
  if (named('api-keys/id')) return addApiKey(t, f);
  if (named('webhook-endpoints/id')) return addEndpoint(t, f);
  if (named('sessions/id')) return addSpareSession(t, f);
}
