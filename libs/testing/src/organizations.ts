import { type Role, ROLES } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createKey, type Key, KEY_ROLES, type KeyRole } from './api-keys';
import type { TestApp } from './app-harness';
import { uniqueEmail } from './factories';
import { expectStatus, send } from './http';
import { join, type Member } from './members';
import { signUp } from './session';

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

/**
 * Signs a user up; their new organization (selected in the token) is theirs
 * as owner. It is put on the enterprise plan (no user quota, 1,000 API-key
 * requests/s): tenancy suites test tenancy, and the quota suites test limits.
 */
export async function newOrg(t: TestApp, organizationName = `Org ${randomUUID().slice(0, 8)}`): Promise<Org> {
  const owner = await signUp(t.http, { organizationName, email: uniqueEmail('owner') });
  await t.app.get(DataSource).query(`UPDATE organizations SET plan_tier = 'enterprise' WHERE id = $1`, [owner.organizationId]);
  const response = expectStatus(await send(t, { method: 'get', path: `/organizations/${owner.organizationId}`, headers: owner.auth }), 200);
  const { id, name, slug } = response.body.data;
  return { id, name, slug, owner: { ...owner, role: 'owner' } };
}

/**
 * An organization with one member of each role (the owner included) and one
 * API key of each key role, built only through the public API (signup,
 * invite, accept, switch), so suites exercise the paths a customer does.
 */
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
