import { can, ROLES, type Permission, type Role } from '@plinth/tenancy';
import {
  allowResend,
  Call,
  createKey,
  errorBody,
  Headers,
  invite,
  join,
  KEY_ROLES,
  KeyRole,
  newOrg,
  Org,
  OrgWithEveryRole,
  orgWithEveryRole,
  send,
  uniqueEmail,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import type { TestApp } from './harness';
import { startTenancyApp } from './tenancy-fixtures';

/**
 * The permission matrix, end to end: every endpoint of organizations,
 * members, invites, API keys and the audit log, called by a member of each
 * role and by an API key of each key role. What each caller should get is
 * computed from `can()` (the matrix as data), never copied per role; every
 * allowed call gets a fresh target so that it really succeeds.
 */

type Caller = { kind: 'user'; role: Role } | { kind: 'key'; role: KeyRole };

const CALLERS: Caller[] = [
  ...ROLES.map((role) => ({ kind: 'user' as const, role })),
  ...KEY_ROLES.map((role) => ({ kind: 'key' as const, role })),
];

/** `public`: anyone; `user`: a signed-in user, never an API key; `member`: any member of the organization. */
type Access = Permission | 'member' | 'user' | 'public';

interface Endpoint {
  /** As the OpenAPI document names it. */
  route: string;
  access: Access;
  success: number;
  /** Refused to API keys by a rule of the use-case (you cannot "leave" as a key). */
  usersOnly?: boolean;
  /** Manages people or credentials: a signed-in person only, 403 for any API key (OpenAPI `x-signed-in-only`). */
  signedIn?: boolean;
  /** Answers with a stream of its own format (NDJSON), not the envelope. */
  raw?: boolean;
  /** Prepares a fresh target for this caller and returns the call to make. */
  arrange: (caller: Caller) => Promise<Call>;
}

interface Expected {
  status: number;
  body?: unknown;
}

function expectedFor(endpoint: Endpoint, caller: Caller): Expected {
  const { access } = endpoint;
  if (access === 'user' && caller.kind === 'key') {
    return { status: 403, body: errorBody('FORBIDDEN', 'This endpoint is for signed-in users, not API keys', { rule: 'route_policy' }) };
  }
  if (access !== 'public' && access !== 'user' && access !== 'member' && !can(caller.role, access)) {
    return { status: 403, body: errorBody('FORBIDDEN', `Your role lacks the permission ${access}`, { permission: access }) };
  }
  if (endpoint.signedIn && caller.kind === 'key') {
    const message = 'Managing people and credentials needs a signed-in person, not an API key';
    return { status: 403, body: errorBody('FORBIDDEN', message, { rule: 'route_policy' }) };
  }
  if (endpoint.usersOnly && caller.kind === 'key') {
    return { status: 403, body: errorBody('FORBIDDEN', 'Only a signed-in member can do this, not an API key', { rule: 'users_only' }) };
  }
  return { status: endpoint.success };
}

/** The smallest export an import takes: its header and an organization. */
function minimalExport(): Buffer {
  const now = new Date().toISOString();
  const lines = [
    { type: 'plinth-export', version: 1, exportedAt: now },
    { type: 'organization', id: randomUUID(), name: 'Moved in', slug: 'moved-in', logoUrl: null, planTier: 'free', createdAt: now },
  ];
  return Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
const describeCaller = (caller: Caller) => (caller.kind === 'user' ? article(caller.role) : `an API key with role ${caller.role}`);

describe('permission matrix, end to end', () => {
  let t: TestApp;
  let org: OrgWithEveryRole;
  /** An organization whose owner invites the callers when an endpoint needs an invite addressed to them. */
  let elsewhere: Org;

  beforeAll(async () => {
    t = await startTenancyApp();
    [org, elsewhere] = await Promise.all([orgWithEveryRole(t), newOrg(t)]);
  }, 60_000);
  afterAll(() => t.close());

  const headersOf = (caller: Caller): Headers => (caller.kind === 'user' ? org.members[caller.role].auth : org.keys[caller.role].auth);
  const owner = () => org.owner.auth;

  /** A new organization in which `caller` has its role, for calls that would wreck the shared one. */
  async function ownOrganization(caller: Caller): Promise<{ org: Org; headers: Headers }> {
    const fresh = await newOrg(t);
    if (caller.kind === 'key') return { org: fresh, headers: (await createKey(t, fresh.owner.auth, caller.role)).auth };
    if (caller.role === 'owner') return { org: fresh, headers: fresh.owner.auth };
    return { org: fresh, headers: (await join(t, fresh, caller.role)).auth };
  }

  const ENDPOINTS: Endpoint[] = [
    {
      route: 'POST /organizations',
      access: 'user',
      success: 201,
      arrange: async (caller) => ({ method: 'post', path: '/organizations', headers: headersOf(caller), body: { name: 'Side project' } }),
    },
    {
      route: 'POST /organizations/import',
      access: 'user',
      success: 201,
      arrange: async (caller) => ({
        method: 'post',
        path: '/organizations/import',
        headers: { ...headersOf(caller), 'Content-Type': 'application/x-ndjson' },
        body: minimalExport(),
      }),
    },
    {
      route: 'GET /organizations',
      access: 'user',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: '/organizations', headers: headersOf(caller) }),
    },
    {
      route: 'GET /organizations/{id}',
      access: 'member',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: `/organizations/${org.id}`, headers: headersOf(caller) }),
    },
    {
      route: 'GET /organizations/{id}/onboarding',
      access: 'member',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: `/organizations/${org.id}/onboarding`, headers: headersOf(caller) }),
    },
    {
      route: 'PATCH /organizations/{id}',
      access: 'settings:manage',
      success: 200,
      arrange: async (caller) => ({
        method: 'patch',
        path: `/organizations/${org.id}`,
        headers: headersOf(caller),
        body: { name: `Renamed ${randomUUID().slice(0, 8)}` },
      }),
    },
    {
      route: 'DELETE /organizations/{id}',
      access: 'organization:delete',
      success: 204,
      arrange: async (caller) => {
        const own = await ownOrganization(caller);
        return { method: 'delete', path: `/organizations/${own.org.id}`, headers: own.headers };
      },
    },
    {
      route: 'GET /organizations/{id}/export',
      access: 'organization:export',
      success: 200,
      raw: true,
      arrange: async (caller) => ({ method: 'get', path: `/organizations/${org.id}/export`, headers: headersOf(caller) }),
    },
    {
      route: 'GET /organizations/{id}/members',
      access: 'members:read',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: `/organizations/${org.id}/members`, headers: headersOf(caller) }),
    },
    {
      route: 'PATCH /organizations/{id}/members/{userId}',
      signedIn: true,
      access: 'members:update',
      success: 200,
      arrange: async (caller) => {
        const target = await join(t, org, 'viewer', 'target');
        return {
          method: 'patch',
          path: `/organizations/${org.id}/members/${target.userId}`,
          headers: headersOf(caller),
          body: { role: 'editor' },
        };
      },
    },
    {
      route: 'DELETE /organizations/{id}/members/{userId}',
      signedIn: true,
      access: 'members:remove',
      success: 204,
      arrange: async (caller) => {
        const target = await join(t, org, 'viewer', 'target');
        return { method: 'delete', path: `/organizations/${org.id}/members/${target.userId}`, headers: headersOf(caller) };
      },
    },
    {
      route: 'POST /organizations/{id}/leave',
      access: 'member',
      success: 204,
      usersOnly: true,
      arrange: async (caller) => {
        const own = await ownOrganization(caller);
        // An owner may leave only while another owner remains.
        if (caller.kind === 'user' && caller.role === 'owner') await join(t, own.org, 'owner', 'co-owner');
        return { method: 'post', path: `/organizations/${own.org.id}/leave`, headers: own.headers };
      },
    },
    {
      route: 'POST /organizations/{id}/transfer-ownership',
      signedIn: true,
      access: 'organization:transfer',
      success: 200,
      arrange: async (caller) => {
        const own = await ownOrganization(caller);
        const heir = await join(t, own.org, 'admin', 'heir');
        return {
          method: 'post',
          path: `/organizations/${own.org.id}/transfer-ownership`,
          headers: own.headers,
          body: { userId: heir.userId },
        };
      },
    },
    {
      route: 'POST /organizations/{id}/invites',
      signedIn: true,
      access: 'members:invite',
      success: 201,
      arrange: async (caller) => ({
        method: 'post',
        path: `/organizations/${org.id}/invites`,
        headers: headersOf(caller),
        body: { email: uniqueEmail('invitee'), role: 'viewer' },
      }),
    },
    {
      route: 'GET /organizations/{id}/invites',
      signedIn: true,
      access: 'members:invite',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: `/organizations/${org.id}/invites`, headers: headersOf(caller) }),
    },
    {
      route: 'DELETE /organizations/{id}/invites/{inviteId}',
      signedIn: true,
      access: 'members:invite',
      success: 204,
      arrange: async (caller) => {
        const pending = await invite(t, owner(), org.id);
        return { method: 'delete', path: `/organizations/${org.id}/invites/${pending.id}`, headers: headersOf(caller) };
      },
    },
    {
      route: 'POST /organizations/{id}/invites/{inviteId}/resend',
      signedIn: true,
      access: 'members:invite',
      success: 200,
      arrange: async (caller) => {
        const pending = await invite(t, owner(), org.id);
        await allowResend(t, pending.id);
        return { method: 'post', path: `/organizations/${org.id}/invites/${pending.id}/resend`, headers: headersOf(caller) };
      },
    },
    {
      route: 'GET /organizations/invites/{token}',
      access: 'public',
      success: 200,
      arrange: async (caller) => {
        const pending = await invite(t, owner(), org.id);
        return { method: 'get', path: `/organizations/invites/${pending.inviteToken}`, headers: headersOf(caller) };
      },
    },
    {
      route: 'POST /organizations/invites/{token}/accept',
      access: 'user',
      success: 200,
      arrange: async (caller) => {
        // Addressed to the calling user (an API key has no address: any invite will do).
        const email = caller.kind === 'user' ? org.members[caller.role].email : uniqueEmail('invitee');
        const pending = await invite(t, elsewhere.owner.auth, elsewhere.id, email);
        return { method: 'post', path: `/organizations/invites/${pending.inviteToken}/accept`, headers: headersOf(caller) };
      },
    },
    {
      route: 'POST /api-keys',
      signedIn: true,
      access: 'apikeys:manage',
      success: 201,
      arrange: async (caller) => ({
        method: 'post',
        path: '/api-keys',
        headers: headersOf(caller),
        body: { name: 'Deploys', role: 'viewer' },
      }),
    },
    {
      route: 'GET /api-keys',
      signedIn: true,
      access: 'apikeys:manage',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: '/api-keys', headers: headersOf(caller) }),
    },
    {
      route: 'DELETE /api-keys/{id}',
      signedIn: true,
      access: 'apikeys:manage',
      success: 204,
      arrange: async (caller) => {
        const doomed = await createKey(t, owner(), 'viewer');
        return { method: 'delete', path: `/api-keys/${doomed.id}`, headers: headersOf(caller) };
      },
    },
    {
      route: 'GET /audit-logs',
      access: 'audit:read',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: '/audit-logs', headers: headersOf(caller) }),
    },
    {
      route: 'GET /audit-logs/actions',
      access: 'audit:read',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: '/audit-logs/actions', headers: headersOf(caller) }),
    },
    {
      route: 'GET /audit-logs/verify',
      access: 'audit:read',
      success: 200,
      arrange: async (caller) => ({ method: 'get', path: '/audit-logs/verify', headers: headersOf(caller) }),
    },
    {
      route: 'GET /audit-logs/export',
      access: 'audit:read',
      success: 200,
      raw: true,
      arrange: async (caller) => ({ method: 'get', path: '/audit-logs/export?format=ndjson', headers: headersOf(caller) }),
    },
  ];

  describe('the table', () => {
    const TENANCY_PATH = /^\/api\/v1\/(organizations|api-keys|audit-logs)(\/|$)/;

    it('lists every route of these modules, with the access and success status the code declares', () => {
      const document = buildOpenApiDocument(t.app);
      const served = Object.entries(document.paths)
        .filter(([path]) => TENANCY_PATH.test(path))
        .flatMap(([path, operations]) =>
          Object.entries(
            operations as Record<string, { 'x-permission'?: string; 'x-signed-in-only'?: boolean; responses: Record<string, unknown> }>,
          ).map(([method, operation]) => ({
            route: `${method.toUpperCase()} ${path.replace('/api/v1', '')}`,
            access: operation['x-permission'] ?? 'public',
            success: Number(Object.keys(operation.responses).find((status) => status.startsWith('2'))),
            signedIn: operation['x-signed-in-only'] ?? false,
          })),
        );
      const tabled = ENDPOINTS.map(({ route, access, success, signedIn }) => ({ route, access, success, signedIn: signedIn ?? false }));
      const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
      expect(tabled.sort(byRoute)).toEqual(served.sort(byRoute));
    });

    it('gives the owners their three extras and nobody else', () => {
      const extras: Permission[] = ['organization:delete', 'organization:transfer', 'organization:export'];
      expect(ROLES.filter((role) => extras.some((permission) => can(role, permission)))).toEqual(['owner']);
    });
  });

  describe.each(ENDPOINTS)('$route ($access)', (endpoint) => {
    it.each(CALLERS.map((caller) => ({ caller, who: describeCaller(caller), expected: expectedFor(endpoint, caller) })))(
      '$who gets $expected.status',
      async ({ caller, expected }) => {
        const call = await endpoint.arrange(caller);
        const response = await send(t, call);

        const success = expected.status === 204 || endpoint.raw ? {} : expect.objectContaining({ success: true });
        expect({ status: response.status, body: response.body }).toEqual({
          status: expected.status,
          body: expected.body ?? success,
        });
      },
    );
  });
});
