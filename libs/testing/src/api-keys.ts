import { GRANTABLE_ROLES, type GrantableRole } from '@plinth/tenancy';
import type { TestApp } from './app-harness';
import { expectStatus, type Headers, send } from './http';

export type KeyRole = GrantableRole;
export const KEY_ROLES = GRANTABLE_ROLES;

export interface Key {
  id: string;
  key: string;
  prefix: string;
  role: KeyRole;
  /** The documented header; `Authorization: Bearer plk_…` works too. */
  auth: Headers;
}

export async function createKey(t: TestApp, by: Headers, role: KeyRole, extra: { name?: string; expiresAt?: string } = {}): Promise<Key> {
  const response = await send(t, { method: 'post', path: '/api-keys', headers: by, body: { name: `${role} key`, role, ...extra } });
  const { id, key, prefix } = expectStatus(response, 201).body.data;
  return { id, key, prefix, role, auth: { 'X-API-Key': key } };
}
