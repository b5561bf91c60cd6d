import { GRANTABLE_ROLES, ROLES, type GrantableRole, type Role } from '@plinth/tenancy';
import { uniqueEmail } from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Session, signUp, startTestApp, TestApp } from './harness';

/**
 * Organizations with a member of every role and an API key of every key
 * role, built only through the public API (signup, invite, accept, switch),
 * so the tenancy suites exercise the same paths a customer does.
 */

export const V1 = '/api/v1';
export type Headers = Record<string, string>;
export type KeyRole = GrantableRole;
export const KEY_ROLES = GRANTABLE_ROLES;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The tenancy suites sign up many users from one IP: lift the per-IP auth brake for them. */
export function startTenancyApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000', ...env });
}

/** A user session whose access token selects `organizationId` (the `org` claim). */
export interface Member extends Session {
  role: Role;
}

export interface Key {
  id: string;
  key: string;
  prefix: string;
  role: KeyRole;
  /** The documented header; `Authorization: Bearer plk_…` works too. */
  auth: Headers;
}

export interface Org {
  id: string;
  name: string;
  slug: string;
  owner: Member;
}

export interface OrgWithEveryRole extends Org {
  members: Record<Role, Member>;
  keys: Record<KeyRole, Key>;
}

export interface Call {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  headers?: Headers;
  body?: object;
}

/** Sends one request; `path` is below /api/v1. */
export function send(t: TestApp, call: Call) {
  const request = t.http[call.method](`${V1}${call.path}`).set(call.headers ?? {});
  return call.body === undefined ? request : request.send(call.body);
}

/** Fails with the response body in the message, which says far more than "expected 201, got 409". */
export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    throw new Error(
      `${response.request.method} ${response.request.url}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response;
}

export function bearer(session: { accessToken: string }): { Authorization: string } {
  return { Authorization: `Bearer ${session.accessToken}` };
}

/**
 * Signs a user up; their new organization (selected in the token) is theirs
 * as owner. It is put on the enterprise plan (no user quota, 1,000 API-key
 * requests/s): these suites test tenancy, and the quota suites test limits.
 */
export async function newOrg(t: TestApp, organizationName = `Org ${randomUUID().slice(0, 8)}`): Promise<Org> {
  const owner = await signUp(t.http, { organizationName, email: uniqueEmail('owner') });
  await t.app.get(DataSource).query(`UPDATE organizations SET plan_tier = 'enterprise' WHERE id = $1`, [owner.organizationId]);
  const response = expectStatus(await send(t, { method: 'get', path: `/organizations/${owner.organizationId}`, headers: owner.auth }), 200);
  const { id, name, slug } = response.body.data;
  return { id, name, slug, owner: { ...owner, role: 'owner' } };
}

export interface CreatedInvite {
  id: string;
  email: string;
  role: KeyRole;
  status: 'pending' | 'expired';
  inviteToken: string;
  expiresAt: string;
  createdAt: string;
}

export async function invite(
  t: TestApp,
  by: Headers,
  organizationId: string,
  email: string = uniqueEmail('invitee'),
  role: KeyRole = 'viewer',
): Promise<CreatedInvite> {
  const response = await send(t, { method: 'post', path: `/organizations/${organizationId}/invites`, headers: by, body: { email, role } });
  return expectStatus(response, 201).body.data;
}

export async function accept(t: TestApp, session: { auth: Headers }, token: string) {
  const response = await send(t, { method: 'post', path: `/organizations/invites/${token}/accept`, headers: session.auth });
  return expectStatus(response, 200).body.data as { organizationId: string; role: KeyRole; joinedAt: string };
}

/** A new token pair whose `org` claim is `organizationId`. */
export async function switchOrganization(t: TestApp, session: Session, organizationId: string): Promise<Session> {
  const response = await send(t, { method: 'post', path: '/auth/switch-organization', headers: session.auth, body: { organizationId } });
  const { accessToken, refreshToken } = expectStatus(response, 200).body.data;
  return { ...session, organizationId, accessToken, refreshToken, auth: bearer({ accessToken }) };
}

/**
 * A new user who joins `org` with `role` the way a person does: invited by
 * the owner, accepts, switches to the organization. Owners are invited as
 * admin and promoted by the owner (ownership is never invited).
 */
export async function join(t: TestApp, org: Pick<Org, 'id' | 'owner'>, role: Role, label: string = role): Promise<Member> {
  const user = await signUp(t.http, { email: uniqueEmail(label), name: `${label} member` });
  const sent = await invite(t, org.owner.auth, org.id, user.email, role === 'owner' ? 'admin' : role);
  await accept(t, user, sent.inviteToken);
  if (role === 'owner') await changeRole(t, org.owner.auth, org.id, user.userId, 'owner');
  return { ...(await switchOrganization(t, user, org.id)), role };
}

export async function changeRole(t: TestApp, by: Headers, organizationId: string, userId: string, role: Role) {
  const response = await send(t, {
    method: 'patch',
    path: `/organizations/${organizationId}/members/${userId}`,
    headers: by,
    body: { role },
  });
  return expectStatus(response, 200).body.data;
}

export async function createKey(t: TestApp, by: Headers, role: KeyRole, extra: { name?: string; expiresAt?: string } = {}): Promise<Key> {
  const response = await send(t, { method: 'post', path: '/api-keys', headers: by, body: { name: `${role} key`, role, ...extra } });
  const { id, key, prefix } = expectStatus(response, 201).body.data;
  return { id, key, prefix, role, auth: { 'X-API-Key': key } };
}

/** An organization with one member of each role (the owner included) and one API key of each key role. */
export async function orgWithEveryRole(t: TestApp): Promise<OrgWithEveryRole> {
  const org = await newOrg(t);
  const others = await Promise.all(ROLES.filter((role) => role !== 'owner').map((role) => join(t, org, role)));
  const keys = await Promise.all(KEY_ROLES.map((role) => createKey(t, org.owner.auth, role)));
  return {
    ...org,
    members: Object.fromEntries([org.owner, ...others].map((member) => [member.role, member])) as Record<Role, Member>,
    keys: Object.fromEntries(keys.map((key) => [key.role, key])) as Record<KeyRole, Key>,
  };
}

/** One number from SQL run as the database owner (row-level security does not apply). */
export async function sqlCount(db: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query(sql, params);
  return Number(Object.values(row)[0]);
}

export async function roleOf(db: DataSource, organizationId: string, userId: string): Promise<Role | null> {
  const rows = await db.query('SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2', [
    organizationId,
    userId,
  ]);
  return rows[0]?.role ?? null;
}

/** The audit entries of one organization, newest first, straight from the table. */
export async function auditRows(db: DataSource, organizationId: string, action?: string) {
  return db.query(
    `SELECT action, actor_type, actor_id, target_type, target_id, metadata, ip, user_agent
       FROM audit_logs WHERE organization_id = $1 AND ($2::text IS NULL OR action = $2)
      ORDER BY created_at DESC, id DESC`,
    [organizationId, action ?? null],
  );
}
