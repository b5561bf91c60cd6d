import {
  accept,
  changeRole,
  createKey,
  errorBody,
  expectValidationFailed,
  invite,
  ISO_UTC,
  join,
  newOrg,
  Org,
  send,
  sqlNumber,
  uniqueEmail,
  UUID,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { signUp, type TestApp } from './harness';
import { auditRows, roleOf, startTenancyApp } from './tenancy-fixtures';

const NOT_A_MEMBER = errorBody('NOT_A_MEMBER', 'You are not a member of this organization');
const LAST_OWNER = errorBody('CONFLICT', 'An organization needs an owner: transfer ownership first', { rule: 'last_owner' });
const OWNER_BY_OWNER_CHANGE = errorBody('FORBIDDEN', 'Only an owner can change the role of an owner', { rule: 'owner_by_owner' });
const OWNER_BY_TRANSFER = errorBody('FORBIDDEN', 'Ownership moves only by transfer (POST /organizations/:id/transfer-ownership)', {
  rule: 'owner_by_transfer',
});

/** A slug nobody else in this run uses. */
const freshSlug = (label = 'org') => `${label}-${randomUUID().slice(0, 8)}`;

describe('organizations', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTenancyApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const members = (org: Org, headers = org.owner.auth, query = '') =>
    send(t, { method: 'get', path: `/organizations/${org.id}/members${query}`, headers });

  describe('POST /organizations', () => {
    it('creates a Free organization, derives the slug from the name, and makes the caller its owner', async () => {
      const me = await signUp(t.http);
      const name = `Difference Engine ${randomUUID().slice(0, 8)}`;
      const response = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name } });

      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: {
          success: true,
          data: {
            id: expect.stringMatching(UUID),
            name,
            slug: name.toLowerCase().replaceAll(' ', '-'),
            logoUrl: null,
            planTier: 'free',
            createdAt: expect.stringMatching(ISO_UTC),
            role: 'owner',
          },
        },
      });
      expect(await roleOf(db, response.body.data.id, me.userId)).toBe('owner');
    });

    it('uses the slug asked for', async () => {
      const me = await signUp(t.http);
      const slug = freshSlug('chosen');
      const response = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name: 'Anything', slug } });
      expect({ status: response.status, slug: response.body.data.slug }).toEqual({ status: 201, slug });
    });

    it('refuses a slug that is taken with 409 CONFLICT, and creates nothing', async () => {
      const [first, second] = await Promise.all([signUp(t.http), signUp(t.http)]);
      const slug = freshSlug('taken');
      await send(t, { method: 'post', path: '/organizations', headers: first.auth, body: { name: 'First', slug } }).expect(201);

      const response = await send(t, { method: 'post', path: '/organizations', headers: second.auth, body: { name: 'Second', slug } });

      expect({ status: response.status, body: response.body }).toEqual({
        status: 409,
        body: errorBody('CONFLICT', `The slug "${slug}" is taken`, { field: 'slug' }),
      });
      expect(await sqlNumber(db, 'SELECT count(*) FROM organization_members WHERE user_id = $1', [second.userId])).toBe(1);
    });

    it('gives a second organization of the same name a different slug', async () => {
      const me = await signUp(t.http);
      const name = `Twin ${randomUUID().slice(0, 8)}`;
      const create = () => send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name } }).expect(201);
      const [a, b] = [(await create()).body.data.slug, (await create()).body.data.slug];
      expect(b).not.toBe(a);
      expect(b).toMatch(new RegExp(`^${a}-[0-9a-f]{6}$`));
    });

    it.each([
      ['too short', 'ab'],
      ['upper case', 'Upper-Case'],
      ['a leading hyphen', '-leading'],
      ['a trailing hyphen', 'trailing-'],
      ['a space', 'has space'],
      ['the shape of a UUID', randomUUID()],
      ['49 characters', 'a'.repeat(49)],
    ])('refuses a slug with %s (400)', async (_why, slug) => {
      const me = await signUp(t.http);
      const response = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name: 'Bad slug', slug } });
      expectValidationFailed(response, ['slug']);
    });

    it('refuses a missing name and unknown fields (400)', async () => {
      const me = await signUp(t.http);
      const response = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { planTier: 'enterprise' } });
      expectValidationFailed(response, ['planTier', 'name']);
    });

    it('is audited in the new organization', async () => {
      const me = await signUp(t.http);
      const response = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name: 'Audited' } }).expect(201);
      const { id, slug } = response.body.data;
      expect(await auditRows(db, id)).toEqual([
        expect.objectContaining({
          action: 'organization.created',
          actor_type: 'user',
          actor_id: me.userId,
          target_id: id,
          metadata: { name: 'Audited', slug },
        }),
      ]);
    });
  });

  describe('GET /organizations and GET /organizations/:id', () => {
    it('lists the caller’s organizations with their role, oldest membership first', async () => {
      const [stranger, other, me] = await Promise.all([newOrg(t), newOrg(t), signUp(t.http)]);
      await accept(t, me, (await invite(t, other.owner.auth, other.id, me.email, 'editor')).inviteToken);
      const created = await send(t, { method: 'post', path: '/organizations', headers: me.auth, body: { name: 'Own' } }).expect(201);

      const response = await send(t, { method: 'get', path: '/organizations', headers: me.auth }).expect(200);

      expect(response.body.data.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
        [me.organizationId, 'owner'],
        [other.id, 'editor'],
        [created.body.data.id, 'owner'],
      ]);
      expect(response.body.data.map((o: { id: string }) => o.id)).not.toContain(stranger.id);
    });

    it('returns one organization with the caller’s role in it', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      const response = await send(t, { method: 'get', path: `/organizations/${org.id}`, headers: viewer.auth });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: {
          success: true,
          data: {
            id: org.id,
            name: org.name,
            slug: org.slug,
            logoUrl: null,
            planTier: 'enterprise',
            createdAt: expect.stringMatching(ISO_UTC),
            role: 'viewer',
          },
        },
      });
    });

    it('refuses an id that is not a UUID (400)', async () => {
      const org = await newOrg(t);
      const response = await send(t, { method: 'get', path: `/organizations/${org.slug}`, headers: org.owner.auth });
      expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });

  describe('PATCH /organizations/:id', () => {
    it('changes name, slug and logo and records each change with from and to', async () => {
      const org = await newOrg(t);
      const changes = { name: 'Renamed Ltd', slug: freshSlug('renamed'), logoUrl: 'https://cdn.example.test/logo.png' };

      const response = await send(t, { method: 'patch', path: `/organizations/${org.id}`, headers: org.owner.auth, body: changes });

      expect({ status: response.status, data: response.body.data }).toEqual({
        status: 200,
        data: expect.objectContaining({ id: org.id, ...changes }),
      });
      const [entry] = await auditRows(db, org.id, 'organization.updated');
      expect(entry).toEqual(
        expect.objectContaining({
          actor_id: org.owner.userId,
          target_id: org.id,
          metadata: {
            changes: {
              name: { from: org.name, to: changes.name },
              slug: { from: org.slug, to: changes.slug },
              logoUrl: { from: null, to: changes.logoUrl },
            },
          },
        }),
      );
    });

    it('clears the logo with null', async () => {
      const org = await newOrg(t);
      const patch = (logoUrl: string | null) =>
        send(t, { method: 'patch', path: `/organizations/${org.id}`, headers: org.owner.auth, body: { logoUrl } }).expect(200);
      await patch('https://cdn.example.test/a.png');
      expect((await patch(null)).body.data.logoUrl).toBeNull();
    });

    it('records nothing when nothing changes', async () => {
      const org = await newOrg(t);
      await send(t, { method: 'patch', path: `/organizations/${org.id}`, headers: org.owner.auth, body: { name: org.name } }).expect(200);
      expect(await auditRows(db, org.id, 'organization.updated')).toEqual([]);
    });

    it('refuses a slug another organization has (409)', async () => {
      const [org, other] = await Promise.all([newOrg(t), newOrg(t)]);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}`,
        headers: org.owner.auth,
        body: { slug: other.slug },
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 409,
        body: errorBody('CONFLICT', `The slug "${other.slug}" is taken`, { field: 'slug' }),
      });
    });

    it('refuses a logo that is not an https URL (400)', async () => {
      const org = await newOrg(t);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}`,
        headers: org.owner.auth,
        body: { logoUrl: 'http://x.test/a.png' },
      });
      expectValidationFailed(response, ['logoUrl']);
    });
  });

  describe('X-Organization-Id', () => {
    it.each([
      ['slug', (org: Org) => org.slug],
      ['id', (org: Org) => org.id],
    ])('selects another of the caller’s organizations by %s', async (_by, reference) => {
      const home = await newOrg(t);
      const created = await send(t, { method: 'post', path: '/organizations', headers: home.owner.auth, body: { name: 'Second' } }).expect(
        201,
      );
      const second = { ...created.body.data, owner: home.owner } as Org;

      const response = await send(t, {
        method: 'post',
        path: '/api-keys',
        headers: { ...home.owner.auth, 'X-Organization-Id': reference(second) },
        body: { name: 'Via header', role: 'viewer' },
      });

      expect(response.status).toBe(201);
      const [row] = await db.query('SELECT organization_id FROM api_keys WHERE id = $1', [response.body.data.id]);
      expect(row.organization_id).toBe(second.id);
    });

    it('falls back to the token’s organization when absent', async () => {
      const home = await newOrg(t);
      const response = await send(t, {
        method: 'post',
        path: '/api-keys',
        headers: home.owner.auth,
        body: { name: 'Via claim', role: 'viewer' },
      });
      const [row] = await db.query('SELECT organization_id FROM api_keys WHERE id = $1', [response.body.data.id]);
      expect(row.organization_id).toBe(home.id);
    });
  });

  describe('DELETE /organizations/:id', () => {
    it('deletes the organization with its members, invites, API keys and audit log', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'admin');
      await invite(t, org.owner.auth, org.id);
      const key = await createKey(t, org.owner.auth, 'admin');
      const rows = async () => ({
        organizations: await sqlNumber(db, 'SELECT count(*) FROM organizations WHERE id = $1', [org.id]),
        members: await sqlNumber(db, 'SELECT count(*) FROM organization_members WHERE organization_id = $1', [org.id]),
        invites: await sqlNumber(db, 'SELECT count(*) FROM invites WHERE organization_id = $1', [org.id]),
        apiKeys: await sqlNumber(db, 'SELECT count(*) FROM api_keys WHERE organization_id = $1', [org.id]),
        auditLogs: await sqlNumber(db, 'SELECT count(*) FROM audit_logs WHERE organization_id = $1', [org.id]),
      });
      expect(await rows()).toEqual({ organizations: 1, members: 2, invites: 2, apiKeys: 1, auditLogs: expect.any(Number) });

      await send(t, { method: 'delete', path: `/organizations/${org.id}`, headers: org.owner.auth }).expect(204);

      expect(await rows()).toEqual({ organizations: 0, members: 0, invites: 0, apiKeys: 0, auditLogs: 0 });
      const asMember = await send(t, { method: 'get', path: `/organizations/${org.id}`, headers: member.auth });
      expect({ status: asMember.status, body: asMember.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
      const asKey = await send(t, { method: 'get', path: '/api-keys', headers: key.auth });
      expect(asKey.status).toBe(401);
    });

    it('keeps the users: they only lose this membership', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'viewer');
      await send(t, { method: 'delete', path: `/organizations/${org.id}`, headers: org.owner.auth }).expect(204);
      const me = await send(t, { method: 'get', path: '/auth/me', headers: member.auth }).expect(200);
      expect(me.body.data.memberships.map((m: { organizationId: string }) => m.organizationId)).not.toContain(org.id);
    });

    it('is refused to an admin (owner only)', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const response = await send(t, { method: 'delete', path: `/organizations/${org.id}`, headers: admin.auth });
      expect(response.body.error).toEqual(expect.objectContaining({ code: 'FORBIDDEN', details: { permission: 'organization:delete' } }));
      expect(await sqlNumber(db, 'SELECT count(*) FROM organizations WHERE id = $1', [org.id])).toBe(1);
    });
  });

  describe('membership is checked on every request', () => {
    it('a removed member’s very next request, with a still-valid token, is 403 NOT_A_MEMBER', async () => {
      const org = await newOrg(t);
      const editor = await join(t, org, 'editor');
      await members(org, editor.auth).expect(200);

      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${editor.userId}`, headers: org.owner.auth }).expect(204);

      const byPath = await members(org, editor.auth);
      expect({ status: byPath.status, body: byPath.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
    });

    it('a removed member whose token selects the organization is refused on routes without :id too', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      await send(t, { method: 'get', path: '/api-keys', headers: admin.auth }).expect(200);
      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${admin.userId}`, headers: org.owner.auth }).expect(204);
      const response = await send(t, { method: 'get', path: '/api-keys', headers: admin.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
    });

    it('a demoted admin loses admin permissions on the next request', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      await changeRole(t, org.owner.auth, org.id, admin.userId, 'viewer');
      const response = await send(t, { method: 'get', path: `/organizations/${org.id}/invites`, headers: admin.auth });
      expect(response.body.error).toEqual(expect.objectContaining({ code: 'FORBIDDEN', details: { permission: 'members:invite' } }));
    });
  });

  describe('GET /organizations/:id/members', () => {
    it('lists members in order of joining with their user', async () => {
      const org = await newOrg(t);
      const editor = await join(t, org, 'editor');
      const response = await members(org).expect(200);
      expect(response.body).toEqual({
        success: true,
        data: [
          {
            id: expect.stringMatching(UUID),
            userId: org.owner.userId,
            email: org.owner.email,
            name: 'Test User',
            role: 'owner',
            joinedAt: expect.stringMatching(ISO_UTC),
          },
          {
            id: expect.stringMatching(UUID),
            userId: editor.userId,
            email: editor.email,
            name: 'editor member',
            role: 'editor',
            joinedAt: expect.stringMatching(ISO_UTC),
          },
        ],
        pagination: { nextCursor: null, limit: 20 },
      });
    });

    describe('pagination', () => {
      let org: Org;
      let everyone: string[];

      beforeAll(async () => {
        org = await newOrg(t);
        // One at a time, so the order of joining is the order of this list.
        everyone = [org.owner.userId];
        for (let i = 0; i < 6; i += 1) everyone.push((await join(t, org, 'viewer', `page${i}`)).userId);
      }, 30_000);

      it('walks every member exactly once, in order, across pages of `limit`', async () => {
        const seen: string[] = [];
        const pageSizes: number[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await members(org, org.owner.auth, query).expect(200);
          expect(page.body.pagination.limit).toBe(3);
          pageSizes.push(page.body.data.length);
          seen.push(...page.body.data.map((m: { userId: string }) => m.userId));
          cursor = page.body.pagination.nextCursor;
        } while (cursor && pageSizes.length < 10);

        expect(pageSizes).toEqual([3, 3, 1]);
        expect(seen).toEqual(everyone);
      });

      it('gives no cursor when the page holds the rest exactly', async () => {
        const page = await members(org, org.owner.auth, '?limit=7').expect(200);
        expect({ count: page.body.data.length, nextCursor: page.body.pagination.nextCursor }).toEqual({ count: 7, nextCursor: null });
      });

      it.each([
        ['not base64 JSON', 'garbage!'],
        ['JSON of the wrong shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
        ['a bad date', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
      ])('refuses a cursor that is %s (400)', async (_what, cursor) => {
        const response = await members(org, org.owner.auth, `?cursor=${encodeURIComponent(cursor)}`);
        expect({ status: response.status, body: response.body }).toEqual({
          status: 400,
          body: errorBody('VALIDATION_FAILED', 'Invalid cursor', [{ field: 'cursor', problems: ['not a cursor from this list'] }]),
        });
      });

      it.each([['0'], ['101'], ['many']])('refuses limit=%s (400)', async (limit) => {
        expectValidationFailed(await members(org, org.owner.auth, `?limit=${limit}`), ['limit']);
      });
    });
  });

  describe('PATCH /organizations/:id/members/:userId', () => {
    it('changes the role and records from and to', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${viewer.userId}`,
        headers: org.owner.auth,
        body: { role: 'publisher' },
      });
      expect({ status: response.status, data: response.body.data }).toEqual({
        status: 200,
        data: {
          id: expect.stringMatching(UUID),
          userId: viewer.userId,
          email: viewer.email,
          name: 'viewer member',
          role: 'publisher',
          joinedAt: expect.stringMatching(ISO_UTC),
        },
      });
      expect(await roleOf(db, org.id, viewer.userId)).toBe('publisher');
      expect(await auditRows(db, org.id, 'member.role_changed')).toEqual([
        expect.objectContaining({
          actor_id: org.owner.userId,
          target_type: 'user',
          target_id: viewer.userId,
          metadata: { from: 'viewer', to: 'publisher', revokedApiKeys: 0 },
        }),
      ]);
    });

    it('records nothing when the role is unchanged', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      await changeRole(t, org.owner.auth, org.id, viewer.userId, 'viewer');
      expect(await auditRows(db, org.id, 'member.role_changed')).toEqual([]);
    });

    it('refuses to make an owner by a role change, even for an owner: ownership moves only by transfer', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const response = await t.http
        .patch(`/api/v1/organizations/${org.id}/members/${admin.userId}`)
        .set(org.owner.auth)
        .send({ role: 'owner' });
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/transfer/),
        details: { rule: 'owner_by_transfer' },
      });
      expect(await roleOf(db, org.id, admin.userId)).toBe('admin');
    });

    it('lets an admin change an admin', async () => {
      const org = await newOrg(t);
      const [admin, otherAdmin] = await Promise.all([join(t, org, 'admin'), join(t, org, 'admin', 'other-admin')]);
      await changeRole(t, admin.auth, org.id, otherAdmin.userId, 'editor');
      expect(await roleOf(db, org.id, otherAdmin.userId)).toBe('editor');
    });

    it('refuses an admin who grants owner (403)', async () => {
      const org = await newOrg(t);
      const [admin, editor] = await Promise.all([join(t, org, 'admin'), join(t, org, 'editor')]);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${editor.userId}`,
        headers: admin.auth,
        body: { role: 'owner' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: OWNER_BY_TRANSFER });
      expect(await roleOf(db, org.id, editor.userId)).toBe('editor');
    });

    it('refuses an admin who demotes an owner (403)', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${org.owner.userId}`,
        headers: admin.auth,
        body: { role: 'viewer' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: OWNER_BY_OWNER_CHANGE });
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('owner');
    });

    it('refuses an admin API key who grants owner (403: keys manage no people at all)', async () => {
      const org = await newOrg(t);
      const [key, editor] = await Promise.all([createKey(t, org.owner.auth, 'admin'), join(t, org, 'editor')]);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${editor.userId}`,
        headers: key.auth,
        body: { role: 'owner' },
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'Managing people and credentials needs a signed-in person, not an API key', { rule: 'route_policy' }),
      });
    });

    it('refuses to demote the last owner (409)', async () => {
      const org = await newOrg(t);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${org.owner.userId}`,
        headers: org.owner.auth,
        body: { role: 'admin' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 409, body: LAST_OWNER });
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('owner');
    });

    it('lets an owner step down while another owner remains', async () => {
      const org = await newOrg(t);
      await join(t, org, 'owner', 'co-owner');
      await changeRole(t, org.owner.auth, org.id, org.owner.userId, 'admin');
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('admin');
    });

    it('answers 404 for a user who is not a member', async () => {
      const [org, stranger] = await Promise.all([newOrg(t), signUp(t.http)]);
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${stranger.userId}`,
        headers: org.owner.auth,
        body: { role: 'viewer' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Member not found') });
    });

    it('refuses a role that does not exist (400)', async () => {
      const org = await newOrg(t);
      const viewer = await join(t, org, 'viewer');
      const response = await send(t, {
        method: 'patch',
        path: `/organizations/${org.id}/members/${viewer.userId}`,
        headers: org.owner.auth,
        body: { role: 'superuser' },
      });
      expectValidationFailed(response, ['role']);
    });
  });

  describe('DELETE /organizations/:id/members/:userId', () => {
    it('removes the member and records it', async () => {
      const org = await newOrg(t);
      const editor = await join(t, org, 'editor');
      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${editor.userId}`, headers: org.owner.auth }).expect(204);
      expect(await roleOf(db, org.id, editor.userId)).toBeNull();
      expect(await auditRows(db, org.id, 'member.removed')).toEqual([
        expect.objectContaining({
          actor_id: org.owner.userId,
          target_id: editor.userId,
          metadata: { email: editor.email, role: 'editor', keepApiKeys: false, revokedApiKeys: 0, revokedInvites: 0 },
        }),
      ]);
    });

    it.each(['owner', 'admin'] as const)('refuses an %s who removes themselves (use leave)', async (role) => {
      const org = await newOrg(t);
      const caller = role === 'owner' ? org.owner : await join(t, org, role);
      const response = await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${caller.userId}`, headers: caller.auth });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'Use leave to remove yourself', { rule: 'not_self' }),
      });
      expect(await roleOf(db, org.id, caller.userId)).toBe(role);
    });

    it('refuses an admin who removes an owner (403)', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const response = await send(t, {
        method: 'delete',
        path: `/organizations/${org.id}/members/${org.owner.userId}`,
        headers: admin.auth,
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'Only an owner can remove an owner', { rule: 'owner_by_owner' }),
      });
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('owner');
    });

    it('lets an owner remove another owner', async () => {
      const org = await newOrg(t);
      const coOwner = await join(t, org, 'owner', 'co-owner');
      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${coOwner.userId}`, headers: org.owner.auth }).expect(204);
      expect(await roleOf(db, org.id, coOwner.userId)).toBeNull();
    });
  });

  describe('POST /organizations/:id/leave', () => {
    it('removes the caller, records it, and their next request is 403 NOT_A_MEMBER', async () => {
      const org = await newOrg(t);
      const publisher = await join(t, org, 'publisher');
      await send(t, { method: 'post', path: `/organizations/${org.id}/leave`, headers: publisher.auth }).expect(204);

      expect(await roleOf(db, org.id, publisher.userId)).toBeNull();
      expect(await auditRows(db, org.id, 'member.left')).toEqual([
        expect.objectContaining({ actor_id: publisher.userId, target_id: publisher.userId }),
      ]);
      const next = await send(t, { method: 'get', path: `/organizations/${org.id}`, headers: publisher.auth });
      expect({ status: next.status, body: next.body }).toEqual({ status: 403, body: NOT_A_MEMBER });
    });

    it('refuses the last owner (409)', async () => {
      const org = await newOrg(t);
      await join(t, org, 'admin');
      const response = await send(t, { method: 'post', path: `/organizations/${org.id}/leave`, headers: org.owner.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 409, body: LAST_OWNER });
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('owner');
    });

    it('lets an owner leave while another owner remains', async () => {
      const org = await newOrg(t);
      const coOwner = await join(t, org, 'owner', 'co-owner');
      await send(t, { method: 'post', path: `/organizations/${org.id}/leave`, headers: org.owner.auth }).expect(204);
      expect(await db.query('SELECT user_id, role FROM organization_members WHERE organization_id = $1', [org.id])).toEqual([
        { user_id: coOwner.userId, role: 'owner' },
      ]);
    });
  });

  describe('POST /organizations/:id/transfer-ownership', () => {
    it('makes the target owner and the caller admin, and records it', async () => {
      const org = await newOrg(t);
      const editor = await join(t, org, 'editor');
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/transfer-ownership`,
        headers: org.owner.auth,
        body: { userId: editor.userId },
      });

      expect({ status: response.status, data: response.body.data }).toEqual({
        status: 200,
        data: expect.objectContaining({ userId: editor.userId, email: editor.email, role: 'owner' }),
      });
      expect([await roleOf(db, org.id, editor.userId), await roleOf(db, org.id, org.owner.userId)]).toEqual(['owner', 'admin']);
      expect(await auditRows(db, org.id, 'ownership.transferred')).toEqual([
        expect.objectContaining({
          actor_id: org.owner.userId,
          target_id: editor.userId,
          metadata: { from: org.owner.userId, previousRole: 'editor' },
        }),
      ]);
    });

    it('leaves the old owner with admin rights only', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/transfer-ownership`,
        headers: org.owner.auth,
        body: { userId: admin.userId },
      }).expect(200);
      const response = await send(t, { method: 'delete', path: `/organizations/${org.id}`, headers: org.owner.auth });
      expect(response.body.error).toEqual(expect.objectContaining({ code: 'FORBIDDEN', details: { permission: 'organization:delete' } }));
    });

    it('refuses a transfer to oneself (403)', async () => {
      const org = await newOrg(t);
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/transfer-ownership`,
        headers: org.owner.auth,
        body: { userId: org.owner.userId },
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'You already own this organization', { rule: 'not_self' }),
      });
    });

    it('answers 404 for a user who is not a member, and changes nothing', async () => {
      const [org, stranger] = await Promise.all([newOrg(t), signUp(t.http, { email: uniqueEmail('stranger') })]);
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/transfer-ownership`,
        headers: org.owner.auth,
        body: { userId: stranger.userId },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Member not found') });
      expect(await roleOf(db, org.id, org.owner.userId)).toBe('owner');
    });

    it('refuses a userId that is not a UUID (400)', async () => {
      const org = await newOrg(t);
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/transfer-ownership`,
        headers: org.owner.auth,
        body: { userId: 'me' },
      });
      expectValidationFailed(response, ['userId']);
    });
  });
});
