import { TenantTransactions } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './harness';
import {
  changeRole,
  createKey,
  errorBody,
  expectValidationFailed,
  Headers,
  invite,
  ISO_UTC,
  join,
  Member,
  newOrg,
  Org,
  send,
  UUID,
} from '@plinth/testing';
import { startTenancyApp } from './tenancy-fixtures';

const USER_AGENT = 'plinth-audit-tests/1.0';
const CLIENT_IP = '203.0.113.7';

interface Entry {
  id: string;
  action: string;
  actor: { type: string; id: string | null; email?: string; name?: string };
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

describe('audit log', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // Behind a proxy, as deployed: the client address comes from X-Forwarded-For.
    t = await startTenancyApp({ TRUST_PROXY: 'true' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const auditLog = (headers: Headers, query = '') => send(t, { method: 'get', path: `/audit-logs${query}`, headers });
  const entries = async (org: Org, query = ''): Promise<Entry[]> => (await auditLog(org.owner.auth, query).expect(200)).body.data;
  const idsInDb = async (organizationId: string): Promise<string[]> =>
    (await db.query('SELECT id FROM audit_logs WHERE organization_id = $1', [organizationId])).map((row: { id: string }) => row.id);

  /** An organization with a known history: admin joins, its role changes twice, a key is created. */
  async function orgWithHistory() {
    const org = await newOrg(t);
    const admin = await join(t, org, 'admin');
    const viewer = await join(t, org, 'viewer');
    await changeRole(t, admin.auth, org.id, viewer.userId, 'editor');
    await changeRole(t, org.owner.auth, org.id, viewer.userId, 'publisher');
    const key = await createKey(t, admin.auth, 'viewer');
    return { org, admin, viewer, key };
  }

  describe('entries', () => {
    it('come newest first', async () => {
      const { org } = await orgWithHistory();
      const listed = await entries(org);
      expect(listed.map((e) => e.action)).toEqual([
        'api_key.created',
        'member.role_changed',
        'member.role_changed',
        'member.joined',
        'invite.created',
        'member.joined',
        'invite.created',
        'organization.created',
      ]);
      const times = listed.map((e) => Date.parse(e.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('name the actor, the target, what changed, the client IP and user agent', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'viewer');
      await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${member.userId}`,
        headers: { ...org.owner.auth, 'User-Agent': USER_AGENT, 'X-Forwarded-For': CLIENT_IP },
        body: { role: 'editor' },
      }).expect(200);

      const [entry] = await entries(org, '?action=member.role_changed');

      expect(entry).toEqual({
        id: expect.stringMatching(UUID),
        action: 'member.role_changed',
        actor: { type: 'user', id: org.owner.userId, email: org.owner.email, name: 'Test User' },
        targetType: 'user',
        targetId: member.userId,
        metadata: { from: 'viewer', to: 'editor', revokedApiKeys: 0 },
        ip: CLIENT_IP,
        userAgent: USER_AGENT,
        createdAt: expect.stringMatching(ISO_UTC),
      });
    });

    it('record the caller’s own address without a proxy header', async () => {
      const org = await newOrg(t);
      await invite(t, org.owner.auth, org.id);
      const [entry] = await entries(org, '?action=invite.created');
      expect(entry.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    });

    it('name an API key as the actor when a key acted', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'admin');
      await send(t, {
        method: 'post',
        path: '/sites',
        headers: { ...key.auth, 'User-Agent': USER_AGENT },
        body: { name: `Key site ${randomUUID().slice(0, 8)}` },
      }).expect(201);

      const [entry] = await entries(org, '?action=site.created');

      expect(entry.actor).toEqual({ type: 'api_key', id: key.id, name: 'admin key' });
      expect(entry.userAgent).toBe(USER_AGENT);
    });

    it('record an invite acceptance with the joining user’s IP and user agent', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'viewer');
      // join() accepted without these headers; accept another invite elsewhere with them.
      const other = await newOrg(t);
      const sent = await invite(t, other.owner.auth, other.id, member.email);
      await send(t, {
        method: 'post',
        path: `/organizations/invites/${sent.inviteToken}/accept`,
        headers: { ...member.auth, 'User-Agent': USER_AGENT, 'X-Forwarded-For': CLIENT_IP },
      }).expect(200);

      const [entry] = await entries(other, '?action=member.joined');

      expect(entry).toEqual(
        expect.objectContaining({
          actor: { type: 'user', id: member.userId, email: member.email, name: 'viewer member' },
          ip: CLIENT_IP,
          userAgent: USER_AGENT,
        }),
      );
    });

    it('belong to the caller’s organization only', async () => {
      const [mine, theirs] = await Promise.all([orgWithHistory(), orgWithHistory()]);
      const listed = (await entries(mine.org, '?limit=100')).map((e) => e.id);
      expect(listed.sort()).toEqual((await idsInDb(mine.org.id)).sort());
      const theirIds = await idsInDb(theirs.org.id);
      expect(listed.filter((id) => theirIds.includes(id))).toEqual([]);
    });

    it('follow X-Organization-Id to the organization named, with the caller’s role there', async () => {
      const [home, away] = await Promise.all([newOrg(t), newOrg(t)]);
      const sent = await invite(t, away.owner.auth, away.id, home.owner.email, 'admin');
      await send(t, { method: 'post', path: `/organizations/invites/${sent.inviteToken}/accept`, headers: home.owner.auth }).expect(200);

      const response = await auditLog({ ...home.owner.auth, 'X-Organization-Id': away.slug }).expect(200);

      expect(response.body.data.map((e: Entry) => e.id).sort()).toEqual((await idsInDb(away.id)).sort());
    });
  });

  describe('actions', () => {
    const actions = (headers: Headers) => send(t, { method: 'get', path: '/audit-logs/actions', headers });

    it('lists the distinct actions of the caller’s organization, sorted, and none of another’s', async () => {
      const [{ org }, other] = await Promise.all([orgWithHistory(), newOrg(t)]);
      await createKey(t, other.owner.auth, 'viewer');
      await send(t, { method: 'post', path: '/sites', headers: other.owner.auth, body: { name: 'Theirs' } }).expect(201);
      expect((await actions(org.owner.auth).expect(200)).body.data).toEqual([
        'api_key.created',
        'invite.created',
        'member.joined',
        'member.role_changed',
        'organization.created',
      ]);
    });

    it('needs audit:read (403 for a viewer)', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      const response = await actions({ ...viewer.auth, 'X-Organization-Id': org.id }).expect(403);
      expect(response.body).toEqual(errorBody('FORBIDDEN', 'Your role lacks the permission audit:read', { permission: 'audit:read' }));
    });
  });

  describe('filters', () => {
    let org: Org;
    let admin: Member;
    let viewer: Member;
    let all: Entry[];

    beforeAll(async () => {
      ({ org, admin, viewer } = await orgWithHistory());
      all = await entries(org);
    });

    it('by action', async () => {
      const listed = await entries(org, '?action=member.role_changed');
      expect(listed.map((e) => [e.action, e.metadata])).toEqual([
        ['member.role_changed', { from: 'editor', to: 'publisher', revokedApiKeys: 0 }],
        ['member.role_changed', { from: 'viewer', to: 'editor', revokedApiKeys: 0 }],
      ]);
    });

    it('by actor', async () => {
      const listed = await entries(org, `?actorId=${admin.userId}`);
      expect(listed.map((e) => e.action)).toEqual(['api_key.created', 'member.role_changed', 'member.joined']);
      expect(listed.every((e) => e.actor.id === admin.userId)).toBe(true);
    });

    it('by action and actor together', async () => {
      const listed = await entries(org, `?action=member.joined&actorId=${viewer.userId}`);
      expect(listed.map((e) => [e.action, e.targetId])).toEqual([['member.joined', viewer.userId]]);
    });

    it('from a time, inclusive', async () => {
      const pivot = all[2];
      const listed = await entries(org, `?from=${encodeURIComponent(pivot.createdAt)}`);
      expect(listed.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    });

    it('to a time, exclusive', async () => {
      const pivot = all[2];
      const listed = await entries(org, `?to=${encodeURIComponent(pivot.createdAt)}`);
      expect(listed.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));
    });

    it('between two times', async () => {
      const [newest, oldest] = [all[1], all[4]];
      const to = new Date(Date.parse(newest.createdAt) + 1).toISOString();
      const listed = await entries(org, `?from=${encodeURIComponent(oldest.createdAt)}&to=${encodeURIComponent(to)}`);
      expect(listed.map((e) => e.id)).toEqual(all.slice(1, 5).map((e) => e.id));
    });

    it('finds nothing for an action that never happened', async () => {
      expect(await entries(org, '?action=organization.updated')).toEqual([]);
    });

    it.each([
      ['action', '?action=DROP%20TABLE'],
      ['actorId', '?actorId=not-a-uuid'],
      ['from', '?from=yesterday'],
      ['to', '?to=soon'],
      ['limit', '?limit=1000'],
    ])('refuses a malformed %s (400)', async (field, query) => {
      expectValidationFailed(await auditLog(org.owner.auth, query), [field]);
    });
  });

  describe('pagination', () => {
    it('walks every entry exactly once, newest first, across pages', async () => {
      const { org } = await orgWithHistory();
      const all = await entries(org);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await auditLog(org.owner.auth, query).expect(200);
        seen.push(...page.body.data.map((e: Entry) => e.id));
        cursor = page.body.pagination.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);

      expect(pages).toBe(Math.ceil(all.length / 3));
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('keeps filters across pages', async () => {
      const { org } = await orgWithHistory();
      const first = await auditLog(org.owner.auth, '?action=member.joined&limit=1').expect(200);
      const second = await auditLog(org.owner.auth, `?action=member.joined&limit=1&cursor=${first.body.pagination.nextCursor}`).expect(200);
      expect([...first.body.data, ...second.body.data].map((e: Entry) => e.action)).toEqual(['member.joined', 'member.joined']);
      expect(second.body.pagination.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not issue (400)', async () => {
      const org = await newOrg(t);
      const response = await auditLog(org.owner.auth, '?cursor=bogus');
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Invalid cursor', [{ field: 'cursor', problems: ['not a cursor from this list'] }]),
      });
    });
  });

  describe('append-only', () => {
    it('offers no way to change or delete an entry over HTTP', async () => {
      const org = await newOrg(t);
      await invite(t, org.owner.auth, org.id);
      const listed = await entries(org);
      for (const method of ['patch', 'delete'] as const) {
        const response = await send(t, { method, path: `/audit-logs/${listed[0].id}`, headers: org.owner.auth, body: {} });
        expect(response.status).toBe(404);
      }
      expect((await idsInDb(org.id)).sort()).toEqual(listed.map((e) => e.id).sort());
    });

    it.each([
      ['UPDATE', `UPDATE audit_logs SET action = 'tampered'`],
      ['DELETE', 'DELETE FROM audit_logs'],
    ])('refuses %s to the request path’s database role, even inside its own organization', async (_verb, sql) => {
      const org = await newOrg(t);
      await invite(t, org.owner.auth, org.id);
      const attempt = t.app.get(TenantTransactions).run(org.id, (tx) => tx.manager.query(sql));
      await expect(attempt).rejects.toThrow(/permission denied for table audit_logs/);
      // The signup's organization.created and the invite's invite.created, untouched.
      expect(await idsInDb(org.id)).toHaveLength(2);
    });

    it('keeps the entries of a member who has since left', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'viewer');
      await send(t, { method: 'post', path: `/organizations/${org.id}/leave`, headers: member.auth }).expect(204);
      const byMember = await entries(org, `?actorId=${member.userId}`);
      expect(byMember.map((e) => e.action)).toEqual(['member.left', 'member.joined']);
    });
  });

  describe('hash chain', () => {
    const verify = async (org: Org) =>
      (await send(t, { method: 'get', path: '/audit-logs/verify', headers: org.owner.auth }).expect(200)).body.data;
    const chainOf = (organizationId: string): Promise<Array<{ id: string; chain_seq: string }>> =>
      db.query('SELECT id, chain_seq FROM audit_logs WHERE organization_id = $1 ORDER BY chain_seq', [organizationId]);

    it('links every entry of the organization, in order, and verifies whole', async () => {
      const { org } = await orgWithHistory();
      const chain = await chainOf(org.id);
      expect(chain.map((row) => Number(row.chain_seq))).toEqual(chain.map((_, i) => i + 1));
      expect(await verify(org)).toEqual({ valid: true, checked: chain.length, firstBrokenId: null });
    });

    it('stays one unbroken chain under concurrent writers', async () => {
      const org = await newOrg(t);
      await Promise.all(Array.from({ length: 20 }, () => invite(t, org.owner.auth, org.id)));
      const chain = await chainOf(org.id);
      expect(chain).toHaveLength(21);
      expect(chain.map((row) => Number(row.chain_seq))).toEqual(chain.map((_, i) => i + 1));
      expect(await verify(org)).toEqual({ valid: true, checked: 21, firstBrokenId: null });
    });

    it('names an entry changed behind its back, and the one after an entry deleted', async () => {
      const { org } = await orgWithHistory();
      const chain = await chainOf(org.id);
      await db.query(`UPDATE audit_logs SET metadata = '{"to":"owner"}' WHERE id = $1`, [chain[3].id]);
      expect(await verify(org)).toEqual({ valid: false, checked: chain.length, firstBrokenId: chain[3].id });

      const other = (await orgWithHistory()).org;
      const theirs = await chainOf(other.id);
      await db.query('DELETE FROM audit_logs WHERE id = $1', [theirs[2].id]);
      expect(await verify(other)).toEqual({ valid: false, checked: theirs.length - 1, firstBrokenId: theirs[3].id });
    });

    it('notices a deleted tail: the last entry is no longer the chain’s head', async () => {
      const { org } = await orgWithHistory();
      const chain = await chainOf(org.id);
      await db.query('DELETE FROM audit_logs WHERE id = $1', [chain[chain.length - 1].id]);
      expect(await verify(org)).toEqual({ valid: false, checked: chain.length - 1, firstBrokenId: null });
    });

    it('walks the caller’s organization only; needs audit:read', async () => {
      const [mine, theirs] = await Promise.all([orgWithHistory(), orgWithHistory()]);
      const theirChain = await chainOf(theirs.org.id);
      await db.query(`UPDATE audit_logs SET action = 'tampered' WHERE id = $1`, [theirChain[0].id]);
      expect(await verify(mine.org)).toEqual({ valid: true, checked: (await chainOf(mine.org.id)).length, firstBrokenId: null });
      const response = await send(t, {
        method: 'get',
        path: '/audit-logs/verify',
        headers: { ...mine.viewer.auth, 'X-Organization-Id': mine.org.id },
      }).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });

    it('exports each entry with its place, previous hash and hash', async () => {
      const { org } = await orgWithHistory();
      await db.query(`UPDATE organizations SET plan_tier = 'pro' WHERE id = $1`, [org.id]);
      const response = await send(t, { method: 'get', path: '/audit-logs/export?format=ndjson', headers: org.owner.auth }).expect(200);
      const lines = response.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const stored = await db.query(
        `SELECT id, chain_seq, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash FROM audit_logs WHERE organization_id = $1`,
        [org.id],
      );
      expect(lines.map((e) => [e.id, e.chainSeq, e.prevHash, e.hash]).sort()).toEqual(
        stored
          .map((r: { id: string; chain_seq: string; prev: string; hash: string }) => [r.id, Number(r.chain_seq), r.prev, r.hash])
          .sort(),
      );
      expect(lines.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    });
  });
});
