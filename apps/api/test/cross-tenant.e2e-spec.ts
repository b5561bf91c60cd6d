import {
  Call,
  CreatedInvite,
  createKey,
  errorBody,
  Headers,
  invite,
  join,
  Key,
  Member,
  newOrg,
  Org,
  send,
  uniqueEmail,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './harness';
import { startTenancyApp } from './tenancy-fixtures';

/**
 * Another tenant's ids are worthless: naming another organization is 403
 * NOT_A_MEMBER, addressing its members, invites or keys from one's own
 * organization is 404 NOT_FOUND, and either way the other organization is
 * left exactly as it was. The callers are an owner (every permission, so a
 * refusal is never a missing permission) and an admin API key.
 */

const NOT_A_MEMBER = errorBody('NOT_A_MEMBER', 'You are not a member of this organization');
const notFound = (resource: string) => errorBody('NOT_FOUND', `${resource} not found`);

interface Caller {
  who: string;
  headers: () => Headers;
  isKey: boolean;
}

interface Case {
  what: string;
  call: (headers: Headers) => Call;
  expected: unknown;
  status: number;
  /** API keys cannot call it at all (owner-only), so it says nothing about isolation for them. */
  usersOnly?: boolean;
}

describe('cross-tenant isolation', () => {
  let t: TestApp;
  let db: DataSource;
  let mine: Org;
  let myKey: Key;
  let theirs: Org;
  let theirMember: Member;
  let theirInvite: CreatedInvite;
  let theirKey: Key;

  beforeAll(async () => {
    t = await startTenancyApp();
    db = t.app.get(DataSource);
    [mine, theirs] = await Promise.all([newOrg(t), newOrg(t)]);
    [myKey, theirMember, theirInvite, theirKey] = await Promise.all([
      createKey(t, mine.owner.auth, 'admin'),
      join(t, theirs, 'viewer'),
      invite(t, theirs.owner.auth, theirs.id),
      createKey(t, theirs.owner.auth, 'admin'),
    ]);
  }, 30_000);
  afterAll(() => t.close());

  /** Everything the other organization owns, as the database (not RLS) sees it. */
  async function stateOf(organizationId: string) {
    const query = (sql: string) => db.query(sql, [organizationId]);
    return {
      organization: await query('SELECT name, slug, logo_url, plan_tier, updated_at FROM organizations WHERE id = $1'),
      members: await query('SELECT user_id, role, updated_at FROM organization_members WHERE organization_id = $1 ORDER BY user_id'),
      invites: await query(
        'SELECT id, email, role, token_hash, expires_at, accepted_at, revoked_at FROM invites WHERE organization_id = $1 ORDER BY id',
      ),
      apiKeys: await query('SELECT id, name, role, expires_at, revoked_at FROM api_keys WHERE organization_id = $1 ORDER BY id'),
      auditEntries: await query('SELECT id FROM audit_logs WHERE organization_id = $1 ORDER BY id'),
    };
  }

  /** Runs `attempt` and proves the other organization did not change. */
  async function expectTheirsUntouched(attempt: () => Promise<void>): Promise<void> {
    const before = await stateOf(theirs.id);
    expect(before.organization).toHaveLength(1);
    await attempt();
    expect(await stateOf(theirs.id)).toEqual(before);
  }

  const CALLERS: Caller[] = [
    { who: 'my owner', headers: () => mine.owner.auth, isKey: false },
    { who: 'my admin API key', headers: () => myKey.auth, isKey: true },
  ];

  const NAMING_THEIR_ORGANIZATION: Case[] = (
    [
      { what: 'GET /organizations/:theirs', call: (headers) => ({ method: 'get', path: `/organizations/${theirs.id}`, headers }) },
      {
        what: 'PATCH /organizations/:theirs',
        call: (headers) => ({ method: 'patch', path: `/organizations/${theirs.id}`, headers, body: { name: 'Pwned' } }),
      },
      { what: 'DELETE /organizations/:theirs', call: (headers) => ({ method: 'delete', path: `/organizations/${theirs.id}`, headers }) },
      {
        what: 'GET /organizations/:theirs/members',
        call: (headers) => ({ method: 'get', path: `/organizations/${theirs.id}/members`, headers }),
      },
      {
        what: 'PATCH /organizations/:theirs/members/:theirMember',
        call: (headers) => ({
          method: 'patch',
          path: `/organizations/${theirs.id}/members/${theirMember.userId}`,
          headers,
          body: { role: 'admin' },
        }),
      },
      {
        what: 'DELETE /organizations/:theirs/members/:theirMember',
        call: (headers) => ({ method: 'delete', path: `/organizations/${theirs.id}/members/${theirMember.userId}`, headers }),
      },
      {
        what: 'POST /organizations/:theirs/leave',
        call: (headers) => ({ method: 'post', path: `/organizations/${theirs.id}/leave`, headers }),
      },
      {
        what: 'POST /organizations/:theirs/transfer-ownership',
        call: (headers) => ({
          method: 'post',
          path: `/organizations/${theirs.id}/transfer-ownership`,
          headers,
          body: { userId: theirMember.userId },
        }),
      },
      {
        what: 'POST /organizations/:theirs/invites',
        call: (headers) => ({
          method: 'post',
          path: `/organizations/${theirs.id}/invites`,
          headers,
          body: { email: uniqueEmail('intruder'), role: 'admin' },
        }),
      },
      {
        what: 'GET /organizations/:theirs/invites',
        call: (headers) => ({ method: 'get', path: `/organizations/${theirs.id}/invites`, headers }),
      },
      {
        what: 'DELETE /organizations/:theirs/invites/:theirInvite',
        call: (headers) => ({ method: 'delete', path: `/organizations/${theirs.id}/invites/${theirInvite.id}`, headers }),
      },
      {
        what: 'POST /organizations/:theirs/invites/:theirInvite/resend',
        call: (headers) => ({ method: 'post', path: `/organizations/${theirs.id}/invites/${theirInvite.id}/resend`, headers }),
      },
    ] satisfies Array<Pick<Case, 'what' | 'call'>>
  ).map((c) => ({ ...c, status: 403, expected: NOT_A_MEMBER }));

  const THEIR_IDS_IN_MY_ORGANIZATION: Case[] = [
    {
      what: 'PATCH /organizations/:mine/members/:theirMember',
      call: (headers) => ({
        method: 'patch',
        path: `/organizations/${mine.id}/members/${theirMember.userId}`,
        headers,
        body: { role: 'viewer' },
      }),
      status: 404,
      expected: notFound('Member'),
      // People and credentials: API keys are refused them outright (403), whatever the id.
      usersOnly: true,
    },
    {
      what: 'DELETE /organizations/:mine/members/:theirMember',
      call: (headers) => ({ method: 'delete', path: `/organizations/${mine.id}/members/${theirMember.userId}`, headers }),
      status: 404,
      expected: notFound('Member'),
      // People and credentials: API keys are refused them outright (403), whatever the id.
      usersOnly: true,
    },
    {
      what: 'POST /organizations/:mine/transfer-ownership to their member',
      call: (headers) => ({
        method: 'post',
        path: `/organizations/${mine.id}/transfer-ownership`,
        headers,
        body: { userId: theirMember.userId },
      }),
      status: 404,
      expected: notFound('Member'),
      usersOnly: true,
    },
    {
      what: 'DELETE /organizations/:mine/invites/:theirInvite',
      call: (headers) => ({ method: 'delete', path: `/organizations/${mine.id}/invites/${theirInvite.id}`, headers }),
      status: 404,
      expected: notFound('Invite'),
      // People and credentials: API keys are refused them outright (403), whatever the id.
      usersOnly: true,
    },
    {
      what: 'POST /organizations/:mine/invites/:theirInvite/resend',
      call: (headers) => ({ method: 'post', path: `/organizations/${mine.id}/invites/${theirInvite.id}/resend`, headers }),
      status: 404,
      expected: notFound('Invite'),
      // People and credentials: API keys are refused them outright (403), whatever the id.
      usersOnly: true,
    },
    {
      what: 'DELETE /api-keys/:theirKey',
      call: (headers) => ({ method: 'delete', path: `/api-keys/${theirKey.id}`, headers }),
      status: 404,
      expected: notFound('API key'),
      // People and credentials: API keys are refused them outright (403), whatever the id.
      usersOnly: true,
    },
  ];

  const casesFor = (cases: Case[]) =>
    CALLERS.flatMap((caller) => cases.filter((c) => !(c.usersOnly && caller.isKey)).map((c) => ({ ...c, caller, who: caller.who })));

  describe('naming their organization in the path', () => {
    it.each(casesFor(NAMING_THEIR_ORGANIZATION))('$what by $who → 403 NOT_A_MEMBER', async ({ call, caller, status, expected }) => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, call(caller.headers()));
        expect({ status: response.status, body: response.body }).toEqual({ status, body: expected });
      });
    });
  });

  describe('their ids inside my organization', () => {
    it.each(casesFor(THEIR_IDS_IN_MY_ORGANIZATION))('$what by $who → 404 NOT_FOUND', async ({ call, caller, status, expected }) => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, call(caller.headers()));
        expect({ status: response.status, body: response.body }).toEqual({ status, body: expected });
      });
    });
  });

  describe('X-Organization-Id naming their organization, as a user', () => {
    const CALLS: Array<[string, (headers: Headers) => Call]> = [
      ['GET /api-keys', (headers) => ({ method: 'get', path: '/api-keys', headers })],
      ['POST /api-keys', (headers) => ({ method: 'post', path: '/api-keys', headers, body: { name: 'Backdoor', role: 'admin' } })],
      ['DELETE /api-keys/:theirKey', (headers) => ({ method: 'delete', path: `/api-keys/${theirKey.id}`, headers })],
      ['GET /audit-logs', (headers) => ({ method: 'get', path: '/audit-logs', headers })],
    ];
    const REFERENCES: Array<[string, () => string]> = [
      ['id', () => theirs.id],
      ['slug', () => theirs.slug],
    ];
    const cases = CALLS.flatMap(([what, call]) => REFERENCES.map(([by, reference]) => ({ what, call, by, reference })));

    it.each(cases)('$what with their $by → 403 NOT_A_MEMBER', async ({ call, reference }) => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, call({ ...mine.owner.auth, 'X-Organization-Id': reference() }));
        expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
      });
    });
  });

  describe('an organization that does not exist', () => {
    it('answers exactly like a foreign one in the path', async () => {
      const response = await send(t, { method: 'get', path: `/organizations/${randomUUID()}`, headers: mine.owner.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
    });

    it.each([
      ['id', () => randomUUID()],
      ['slug', () => `no-such-org-${randomUUID().slice(0, 8)}`],
    ])('answers exactly like a foreign one in X-Organization-Id (by %s)', async (_by, reference) => {
      const response = await send(t, {
        method: 'get',
        path: '/api-keys',
        headers: { ...mine.owner.auth, 'X-Organization-Id': reference() },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
    });
  });

  describe('an API key', () => {
    it('names their organization with the Bearer form too → 403 NOT_A_MEMBER', async () => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, {
          method: 'get',
          path: `/organizations/${theirs.id}/members`,
          headers: { Authorization: `Bearer ${myKey.key}` },
        });
        expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
      });
    });

    it('ignores X-Organization-Id: it reads only its own organization', async () => {
      const [mySite, theirSite] = await Promise.all([
        send(t, { method: 'post', path: '/sites', headers: mine.owner.auth, body: { name: 'Mine' } }).expect(201),
        send(t, { method: 'post', path: '/sites', headers: theirs.owner.auth, body: { name: 'Theirs' } }).expect(201),
      ]);
      await expectTheirsUntouched(async () => {
        const response = await send(t, { method: 'get', path: '/sites', headers: { ...myKey.auth, 'X-Organization-Id': theirs.id } });
        expect(response.status).toBe(200);
        const listed = response.body.data.map((site: { id: string }) => site.id);
        expect(listed).toContain(mySite.body.data.id);
        expect(listed).not.toContain(theirSite.body.data.id);
      });
    });

    it('ignores X-Organization-Id: it writes only into its own organization', async () => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, {
          method: 'post',
          path: '/sites',
          headers: { ...myKey.auth, 'X-Organization-Id': theirs.slug },
          body: { name: 'Sneaky' },
        });
        expect(response.status).toBe(201);
        const [row] = await db.query('SELECT organization_id FROM sites WHERE id = $1', [response.body.data.id]);
        expect(row.organization_id).toBe(mine.id);
      });
    });

    it('cannot list or create organizations (they are per user, not per key)', async () => {
      for (const call of [
        { method: 'get', path: '/organizations' },
        { method: 'post', path: '/organizations', body: { name: 'Key org' } },
      ] as Call[]) {
        const response = await send(t, { ...call, headers: myKey.auth });
        expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      }
    });
  });

  describe('a member of both organizations', () => {
    let both: Member;
    beforeAll(async () => {
      // Owner of mine (by promotion), viewer of theirs.
      both = await join(t, mine, 'owner', 'both');
      const inTheirs = await invite(t, theirs.owner.auth, theirs.id, both.email, 'viewer');
      await send(t, { method: 'post', path: `/organizations/invites/${inTheirs.inviteToken}/accept`, headers: both.auth }).expect(200);
    });

    it('acts in theirs with the role it has there, not the one its token was issued for', async () => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, { method: 'get', path: '/api-keys', headers: { ...both.auth, 'X-Organization-Id': theirs.id } });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 403,
          body: errorBody('FORBIDDEN', 'Your role lacks the permission apikeys:manage', { permission: 'apikeys:manage' }),
        });
      });
    });

    it('acts in theirs by path with the role it has there', async () => {
      await expectTheirsUntouched(async () => {
        const response = await send(t, {
          method: 'patch',
          path: `/organizations/${theirs.id}`,
          headers: both.auth,
          body: { name: 'Mine now' },
        });
        expect(response.body.error).toEqual(expect.objectContaining({ code: 'FORBIDDEN', details: { permission: 'settings:manage' } }));
      });
    });
  });

  it('lists only my own organizations', async () => {
    const response = await send(t, { method: 'get', path: '/organizations', headers: mine.owner.auth }).expect(200);
    expect(response.body.data.map((org: { id: string }) => org.id)).toEqual([mine.id]);
  });
});
