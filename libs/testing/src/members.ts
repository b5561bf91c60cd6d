import type { Role } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import type { KeyRole } from './api-keys';
import type { TestApp } from './app-harness';
import { uniqueEmail } from './factories';
import { expectStatus, type Headers, send } from './http';
import type { Org } from './organizations';
import { bearer, type Session, signUp } from './session';

/** A user session whose access token selects `organizationId` (the `org` claim). */
export interface Member extends Session {
  role: Role;
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

/** Lets an invite be resent now: resends are limited to one a minute, so tests set its last send back. */
export async function allowResend(t: TestApp, inviteId: string): Promise<void> {
  await t.app.get(DataSource).query(`UPDATE invites SET last_sent_at = now() - interval '2 minutes' WHERE id = $1`, [inviteId]);
}

export async function accept(t: TestApp, session: { auth: Headers }, token: string) {
  const response = await send(t, { method: 'post', path: `/organizations/invites/${token}/accept`, headers: session.auth });
  return expectStatus(response, 200).body.data as { organizationId: string; role: KeyRole; joinedAt: string };
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

/** A new token pair whose `org` claim is `organizationId`. */
export async function switchOrganization(t: TestApp, session: Session, organizationId: string): Promise<Session> {
  const response = await send(t, { method: 'post', path: '/auth/switch-organization', headers: session.auth, body: { organizationId } });
  const { accessToken, refreshToken } = expectStatus(response, 200).body.data;
  return { ...session, organizationId, accessToken, refreshToken, auth: bearer({ accessToken }) };
}

/**
 * Makes `user` a member with `role` the way a person becomes one: invited
 * by `by`, then accepts. A second owner is invited as admin and made owner
 * in the database: the API moves ownership only by transfer, so co-owners
 * exist only in data (from before that rule), and the suites that guard
 * "never zero owners" need them.
 */
export async function addMember(t: TestApp, by: Headers, organizationId: string, user: Session, role: Role): Promise<void> {
  const sent = await invite(t, by, organizationId, user.email, role === 'owner' ? 'admin' : role);
  await accept(t, user, sent.inviteToken);
  if (role === 'owner') {
    await t.app
      .get(DataSource)
      .query(`UPDATE organization_members SET role = 'owner' WHERE organization_id = $1 AND user_id = $2`, [organizationId, user.userId]);
  }
}

/** A new user who joins `org` with `role` (invited by the owner, accepts) and switches to it. */
export async function join(t: TestApp, org: Pick<Org, 'id' | 'owner'>, role: Role, label: string = role): Promise<Member> {
  const user = await signUp(t.http, { email: uniqueEmail(label), name: `${label} member` });
  await addMember(t, org.owner.auth, org.id, user, role);
  return { ...(await switchOrganization(t, user, org.id)), role };
}
