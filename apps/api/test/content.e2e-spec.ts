import { can, Permission, Role, ROLES } from '@plinth/tenancy';
import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import type { Session } from './harness';
import { errorBody, expectStatus, expectValidationFailed, Headers, sqlNumber, V1 } from '@plinth/testing';
import {
  ContentApp,
  createPost,
  createSite,
  joinAs,
  newOwner,
  png,
  postMedia,
  postPost,
  setPlan,
  startContentApp,
  storageKeysOf,
  storedFiles,
  uploadMedia,
  usage,
} from './content-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MEDIA_MAX_BYTES = 64 * 1024;
const LONG_NAME = 'the filename must have 1 to 255 characters';

/** A valid-looking hostname of `length` characters: three 63-letter labels, then the rest. */
function hostnameOf(length: number): string {
  return `${'a'.repeat(63)}.`.repeat(3) + 'b'.repeat(length - 192);
}

describe('content: sites, posts, media', () => {
  let t: ContentApp;

  beforeAll(async () => {
    t = await startContentApp({ MEDIA_MAX_BYTES: String(MEDIA_MAX_BYTES) });
  });
  afterAll(() => t.close());

  /** The content entries of the organization's audit log, oldest first. */
  async function auditActions(organizationId: string): Promise<Array<{ action: string; target_id: string }>> {
    return t.db.query(
      `SELECT action, target_id, metadata FROM audit_logs
        WHERE organization_id = $1 AND split_part(action, '.', 1) IN ('site', 'post', 'media') ORDER BY created_at, id`,
      [organizationId],
    );
  }

  describe('sites', () => {
    let owner: Session;

    beforeAll(async () => {
      owner = await newOwner(t, 'pro');
    });

    it('creates, lists, reads, renames and deletes a site, auditing each change', async () => {
      const created = expectStatus(await t.http.post(`${V1}/sites`).set(owner.auth).send({ name: '  Engineering blog  ' }), 201).body;
      expect(created).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID),
          name: 'Engineering blog',
          domain: null,
          createdAt: expect.stringMatching(ISO_UTC),
          updatedAt: expect.stringMatching(ISO_UTC),
        },
      });
      const site = created.data;
      const list = expectStatus(await t.http.get(`${V1}/sites`).set(owner.auth), 200).body;
      expect(list).toEqual({ success: true, data: [site], pagination: { nextCursor: null, limit: 20 } });
      expect(expectStatus(await t.http.get(`${V1}/sites/${site.id}`).set(owner.auth), 200).body.data).toEqual(site);

      const renamed = expectStatus(await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ name: 'Docs' }), 200).body.data;
      expect(renamed).toEqual({ ...site, name: 'Docs', updatedAt: expect.stringMatching(ISO_UTC) });

      expectStatus(await t.http.delete(`${V1}/sites/${site.id}`).set(owner.auth), 204);
      expectStatus(await t.http.get(`${V1}/sites/${site.id}`).set(owner.auth), 404);
      expect(await auditActions(owner.organizationId)).toEqual([
        expect.objectContaining({ action: 'site.created', target_id: site.id }),
        expect.objectContaining({ action: 'site.updated', target_id: site.id, metadata: { changes: { name: 'Docs' } } }),
        expect.objectContaining({ action: 'site.deleted', target_id: site.id }),
      ]);
    });

    it('pages the list newest first', async () => {
      const other = await newOwner(t, 'pro');
      const sites = [];
      for (const name of ['one', 'two', 'three']) sites.push(await createSite(t, other.auth, { name }));
      const first = expectStatus(await t.http.get(`${V1}/sites?limit=2`).set(other.auth), 200).body;
      expect(first.data.map((s: { name: string }) => s.name)).toEqual(['three', 'two']);
      const second = expectStatus(await t.http.get(`${V1}/sites?limit=2&cursor=${first.pagination.nextCursor}`).set(other.auth), 200).body;
      expect(second.data.map((s: { id: string }) => s.id)).toEqual([sites[0].id]);
      expect(second.pagination).toEqual({ nextCursor: null, limit: 2 });
    });

    it.each([
      [{}, ['name']],
      [{ name: '   ' }, ['name']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ name: 42 }, ['name']],
      [{ name: 'Blog', domain: 'not a host' }, ['domain']],
      [{ name: 'Blog', domain: 'localhost' }, ['domain']],
      [{ name: 'Blog', domain: hostnameOf(254) }, ['domain']],
      [{ name: 'Blog', domain: `${'a'.repeat(64)}.com` }, ['domain']],
      [{ name: 'Blog', owner: 'me' }, ['owner']],
    ])('refuses %j', async (body, fields) => {
      expectValidationFailed(await t.http.post(`${V1}/sites`).set(owner.auth).send(body), fields);
    });

    it('accepts a 100-character name and a 253-character domain, lower-cased', async () => {
      const site = await createSite(t, owner.auth, { name: 'n'.repeat(100), domain: hostnameOf(253).toUpperCase() });
      expect(site).toMatchObject({ name: 'n'.repeat(100), domain: hostnameOf(253) });
    });

    it('refuses ids that are not UUIDs', async () => {
      const response = await t.http.get(`${V1}/sites/not-a-uuid`).set(owner.auth);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('custom domains', () => {
    it('needs a plan with custom domains to set one, and removes one on any plan', async () => {
      const owner = await newOwner(t, 'free');
      const unavailable = errorBody(
        'PLAN_FEATURE_UNAVAILABLE',
        'Your plan does not include the feature customDomains; it starts with the starter plan',
        {
          feature: 'customDomains',
          requiredTier: 'starter',
          upgradeUrl: expect.stringMatching(/^http:\/\/localhost:3000\/o\/[a-z0-9-]+\/billing$/),
        },
      );
      const refused = await t.http.post(`${V1}/sites`).set(owner.auth).send({ name: 'Blog', domain: 'blog.example.com' });
      expect({ status: refused.status, body: refused.body }).toEqual({ status: 402, body: unavailable });
      expect(await sqlNumber(t.db, 'SELECT count(*) FROM sites WHERE organization_id = $1', [owner.organizationId])).toBe(0);
      expect(await usage(t, owner.organizationId, 'sites')).toBe(0);

      const site = await createSite(t, owner.auth, { name: 'Blog' });
      const patch = await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ domain: 'blog.example.com' });
      expect({ status: patch.status, body: patch.body }).toEqual({ status: 402, body: unavailable });

      await setPlan(t, owner.organizationId, 'starter');
      const set = expectStatus(await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ domain: 'Blog.Example.COM' }), 200);
      expect(set.body.data.domain).toBe('blog.example.com');

      await setPlan(t, owner.organizationId, 'free');
      // After the downgrade the site keeps its domain; sending it back unchanged with a rename is fine.
      const renamed = await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ name: 'Journal', domain: 'blog.example.com' });
      expect(expectStatus(renamed, 200).body.data).toMatchObject({ name: 'Journal', domain: 'blog.example.com' });
      const moved = await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ domain: 'news.example.com' });
      expect({ status: moved.status, body: moved.body }).toEqual({ status: 402, body: unavailable });
      const cleared = expectStatus(await t.http.patch(`${V1}/sites/${site.id}`).set(owner.auth).send({ domain: null }), 200);
      expect(cleared.body.data).toMatchObject({ name: 'Journal', domain: null });
    });

    it('keeps a domain unique within the organization (409), not across organizations', async () => {
      const [owner, stranger] = await Promise.all([newOwner(t, 'pro'), newOwner(t, 'pro')]);
      const domain = `www.${randomUUID().slice(0, 8)}.example.com`;
      await createSite(t, owner.auth, { name: 'A', domain });
      const clash = await t.http.post(`${V1}/sites`).set(owner.auth).send({ name: 'B', domain });
      expect({ status: clash.status, body: clash.body }).toEqual({
        status: 409,
        body: errorBody('CONFLICT', 'Another site of this organization already uses this domain', { field: 'domain' }),
      });
      expect(await usage(t, owner.organizationId, 'sites')).toBe(1);
      await createSite(t, stranger.auth, { name: 'A', domain });
    });
  });

  describe('posts', () => {
    let owner: Session;
    let siteId: string;

    beforeAll(async () => {
      owner = await newOwner(t, 'pro');
      siteId = (await createSite(t, owner.auth)).id;
    });

    const posts = (path = '') => `${V1}/sites/${siteId}/posts${path}`;

    it('writes a draft, reads, edits and deletes it, freeing its count', async () => {
      const created = expectStatus(await postPost(t, owner.auth, siteId, { title: ' First ', body: '# Hi' }), 201).body.data;
      expect(created).toEqual({
        id: expect.stringMatching(UUID),
        siteId,
        title: 'First',
        body: '# Hi',
        status: 'draft',
        publishedAt: null,
        createdAt: expect.stringMatching(ISO_UTC),
        updatedAt: expect.stringMatching(ISO_UTC),
      });
      expect(await usage(t, owner.organizationId, 'posts', siteId)).toBe(1);
      expect(expectStatus(await t.http.get(posts(`/${created.id}`)).set(owner.auth), 200).body.data).toEqual(created);

      const edited = expectStatus(
        await t.http
          .patch(posts(`/${created.id}`))
          .set(owner.auth)
          .send({ body: 'changed' }),
        200,
      ).body.data;
      expect(edited).toEqual({ ...created, body: 'changed', updatedAt: expect.stringMatching(ISO_UTC) });

      expectStatus(await t.http.delete(posts(`/${created.id}`)).set(owner.auth), 204);
      expectStatus(await t.http.get(posts(`/${created.id}`)).set(owner.auth), 404);
      expectStatus(await t.http.delete(posts(`/${created.id}`)).set(owner.auth), 404);
      expect(await usage(t, owner.organizationId, 'posts', siteId)).toBe(0);
      const [deleted] = (await auditActions(owner.organizationId)).filter((entry) => entry.action === 'post.deleted');
      expect(deleted).toMatchObject({ target_id: created.id, metadata: { siteId, title: 'First' } });
    });

    it('publishes a draft once: publishing again and editing keep it published at the same time', async () => {
      const draft = await createPost(t, owner.auth, siteId);
      const published = expectStatus(await t.http.post(posts(`/${draft.id}/publish`)).set(owner.auth), 200).body.data;
      expect(published).toMatchObject({ id: draft.id, status: 'published', publishedAt: expect.stringMatching(ISO_UTC) });
      const again = expectStatus(await t.http.post(posts(`/${draft.id}/publish`)).set(owner.auth), 200).body.data;
      expect(again.publishedAt).toBe(published.publishedAt);
      const edited = expectStatus(
        await t.http
          .patch(posts(`/${draft.id}`))
          .set(owner.auth)
          .send({ title: 'Renamed' }),
        200,
      ).body.data;
      expect(edited).toMatchObject({ title: 'Renamed', status: 'published', publishedAt: published.publishedAt });
    });

    it('changes status only by publishing', async () => {
      const draft = await createPost(t, owner.auth, siteId);
      expectValidationFailed(
        await t.http
          .patch(posts(`/${draft.id}`))
          .set(owner.auth)
          .send({ status: 'published' }),
        ['status'],
      );
      expectValidationFailed(await postPost(t, owner.auth, siteId, { title: 'x', body: 'y', status: 'published' }), ['status']);
      expect(expectStatus(await t.http.get(posts(`/${draft.id}`)).set(owner.auth), 200).body.data.status).toBe('draft');
    });

    it('filters the list by status, newest first, without bodies', async () => {
      const site = await createSite(t, owner.auth, { name: 'Filtered' });
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await createPost(t, owner.auth, site.id)); // one by one: distinct creation times
      const [a, b, c] = made;
      expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts/${b.id}/publish`).set(owner.auth), 200);
      const ids = async (query: string) => {
        const body = expectStatus(await t.http.get(`${V1}/sites/${site.id}/posts${query}`).set(owner.auth), 200).body;
        body.data.forEach((post: object) => expect(post).not.toHaveProperty('body'));
        return body.data.map((post: { id: string }) => post.id);
      };
      expect(await ids('')).toEqual([c.id, b.id, a.id]);
      expect(await ids('?status=draft')).toEqual([c.id, a.id]);
      expect(await ids('?status=published')).toEqual([b.id]);
      expectValidationFailed(await t.http.get(`${V1}/sites/${site.id}/posts?status=archived`).set(owner.auth), ['status']);
      expectValidationFailed(await t.http.get(`${V1}/sites/${site.id}/posts?limit=101`).set(owner.auth), ['limit']);
    });

    it.each([
      [{ body: 'no title' }, ['title']],
      [{ title: '  ', body: '' }, ['title']],
      [{ title: 't'.repeat(201), body: '' }, ['title']],
      [{ title: 'no body' }, ['body']],
      [{ title: 't', body: 'b'.repeat(100_001) }, ['body']],
      [{ title: 't', body: 42 }, ['body']],
    ])('refuses the post %#', async (body, fields) => {
      expectValidationFailed(await postPost(t, owner.auth, siteId, body), fields);
    });

    it('accepts a 200-character title and a 100,000-character body', async () => {
      const post = await createPost(t, owner.auth, siteId, { title: 't'.repeat(200), body: 'b'.repeat(100_000) });
      const read = expectStatus(await t.http.get(posts(`/${post.id}`)).set(owner.auth), 200).body.data;
      expect([read.title.length, read.body.length]).toEqual([200, 100_000]);
      expectValidationFailed(
        await t.http
          .patch(posts(`/${post.id}`))
          .set(owner.auth)
          .send({ title: null }),
        ['title'],
      );
      expectValidationFailed(
        await t.http
          .patch(posts(`/${post.id}`))
          .set(owner.auth)
          .send({ body: 'b'.repeat(100_001) }),
        ['body'],
      );
    });

    it('finds a post only under its own site', async () => {
      const post = await createPost(t, owner.auth, siteId);
      const otherSite = await createSite(t, owner.auth, { name: 'Elsewhere' });
      const wrongSite = `${V1}/sites/${otherSite.id}/posts/${post.id}`;
      const requests = [
        t.http.get(wrongSite),
        t.http.patch(wrongSite).send({ title: 'x' }),
        t.http.delete(wrongSite),
        t.http.post(`${wrongSite}/publish`),
      ];
      for (const request of requests) {
        const response = await request.set(owner.auth);
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Post not found') });
      }
      const unchanged = expectStatus(await t.http.get(posts(`/${post.id}`)).set(owner.auth), 200).body.data;
      expect(unchanged).toMatchObject({ title: 'Hello', status: 'draft' });
    });

    it('answers 404 for posts of a site that does not exist', async () => {
      const missing = randomUUID();
      const requests = [
        t.http.get(`${V1}/sites/${missing}/posts`),
        t.http.post(`${V1}/sites/${missing}/posts`).send({ title: 't', body: 'b' }),
      ];
      for (const request of requests) {
        const response = await request.set(owner.auth);
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Site not found') });
      }
      expect(await usage(t, owner.organizationId, 'posts', missing)).toBe(0);
    });
  });

  describe('media', () => {
    let owner: Session;
    let siteId: string;

    beforeAll(async () => {
      owner = await newOwner(t, 'pro');
      siteId = (await createSite(t, owner.auth)).id;
    });

    it('stores an upload, counts its bytes, lists it, and deletes row, bytes and file', async () => {
      const before = await usage(t, owner.organizationId, 'storage_bytes');
      const uploaded = expectStatus(await postMedia(t, owner.auth, siteId, png(5000)), 201).body.data;
      expect(uploaded).toEqual({
        id: expect.stringMatching(UUID),
        siteId,
        filename: 'cover.png',
        contentType: 'image/png',
        sizeBytes: 5000,
        createdAt: expect.stringMatching(ISO_UTC),
      });
      expect(await usage(t, owner.organizationId, 'storage_bytes')).toBe(before + 5000);
      const [key] = await storageKeysOf(t, owner.organizationId);
      expect(key).toMatch(new RegExp(`^${owner.organizationId}/${siteId}/[0-9a-f-]{36}$`));
      expect(await storedFiles(t)).toContain(key);

      const list = expectStatus(await t.http.get(`${V1}/sites/${siteId}/media`).set(owner.auth), 200).body;
      expect(list).toEqual({ success: true, data: [uploaded], pagination: { nextCursor: null, limit: 20 } });

      expectStatus(await t.http.delete(`${V1}/sites/${siteId}/media/${uploaded.id}`).set(owner.auth), 204);
      expect(await usage(t, owner.organizationId, 'storage_bytes')).toBe(before);
      expect(await storedFiles(t)).not.toContain(key);
      expectStatus(await t.http.delete(`${V1}/sites/${siteId}/media/${uploaded.id}`).set(owner.auth), 404);
      const [deleted] = (await auditActions(owner.organizationId)).filter((entry) => entry.action === 'media.deleted');
      expect(deleted).toMatchObject({ target_id: uploaded.id, metadata: { siteId, filename: 'cover.png', sizeBytes: 5000 } });
    });

    it('accepts a file of exactly MEDIA_MAX_BYTES and answers 413 past it, leaving nothing behind', async () => {
      const filesBefore = await storedFiles(t);
      const exact = await uploadMedia(t, owner.auth, siteId, png(MEDIA_MAX_BYTES));
      expect(exact.sizeBytes).toBe(MEDIA_MAX_BYTES);
      const bytesBefore = await usage(t, owner.organizationId, 'storage_bytes');

      const response = await postMedia(t, owner.auth, siteId, png(MEDIA_MAX_BYTES + 1));
      expect({ status: response.status, body: response.body }).toEqual({
        status: 413,
        body: errorBody('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${MEDIA_MAX_BYTES} bytes`, {
          maxBytes: MEDIA_MAX_BYTES,
        }),
      });
      expect(await usage(t, owner.organizationId, 'storage_bytes')).toBe(bytesBefore);
      expect((await storedFiles(t)).length).toBe(filesBefore.length + 1);
    });

    it.each(['image/svg+xml', 'text/html', 'application/octet-stream'])('refuses %s with 415', async (contentType) => {
      const filesBefore = await storedFiles(t);
      const svg = { bytes: Buffer.from('<svg onload="alert(1)"/>'), filename: 'x.svg', contentType };
      const response = await postMedia(t, owner.auth, siteId, svg);
      expect({ status: response.status, code: response.body.error.code, details: response.body.error.details }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        details: { contentType, allowed: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'video/mp4'] },
      });
      expect(await storedFiles(t)).toEqual(filesBefore);
    });

    const NO_FILE = 'send one file in the multipart field "file"';
    const media = () => t.http.post(`${V1}/sites/${siteId}/media`).set(owner.auth);
    const pngPart = { filename: 'a.png', contentType: 'image/png' };

    it.each([
      ['no body at all', () => media(), NO_FILE],
      ['JSON instead of a file', () => media().send({ file: 'x' }), NO_FILE],
      ['only a text field', () => media().field('file', 'text'), NO_FILE],
      ['the file in another field', () => media().attach('upload', png().bytes, pngPart), NO_FILE],
      ['an extra field', () => media().field('alt', 'x').attach('file', png().bytes, pngPart), 'unexpected fields: alt'],
      ['a body without a boundary', () => media().set('Content-Type', 'multipart/form-data').send('x'), 'the multipart body is malformed'],
      ['an empty file', () => media().attach('file', Buffer.alloc(0), pngPart), 'the file is empty'],
      [
        'a 256-character filename',
        () => media().attach('file', png().bytes, { ...pngPart, filename: `${'f'.repeat(252)}.png` }),
        LONG_NAME,
      ],
    ])('answers 400 to %s', async (_what, send, problem) => {
      const filesBefore = await storedFiles(t);
      const response = await send();
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Invalid request: file', [{ field: 'file', problems: [problem] }]),
      });
      expect(await storedFiles(t)).toEqual(filesBefore);
    });

    it('answers 404 for an unknown site and keeps no file', async () => {
      const filesBefore = await storedFiles(t);
      const response = await postMedia(t, owner.auth, randomUUID());
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'Site not found') });
      expect(await storedFiles(t)).toEqual(filesBefore);
    });
  });

  describe('deleting a site', () => {
    it('deletes its posts, media and files and frees sites, its posts counter and its bytes', async () => {
      const owner = await newOwner(t, 'pro');
      const [doomed, kept] = [await createSite(t, owner.auth, { name: 'Doomed' }), await createSite(t, owner.auth, { name: 'Kept' })];
      for (let i = 0; i < 3; i++) await createPost(t, owner.auth, doomed.id);
      await createPost(t, owner.auth, kept.id);
      await uploadMedia(t, owner.auth, doomed.id, png(1000));
      await uploadMedia(t, owner.auth, doomed.id, png(2000));
      await uploadMedia(t, owner.auth, kept.id, png(300));
      const doomedKeys = (await storageKeysOf(t, owner.organizationId)).filter((key) => key.includes(doomed.id));
      expect(doomedKeys).toHaveLength(2);

      expectStatus(await t.http.delete(`${V1}/sites/${doomed.id}`).set(owner.auth), 204);

      const org = owner.organizationId;
      expect(await usage(t, org, 'sites')).toBe(1);
      expect(await usage(t, org, 'storage_bytes')).toBe(300);
      expect(await sqlNumber(t.db, `SELECT count(*) FROM quota_usage WHERE organization_id = $1 AND scope_id = $2`, [org, doomed.id])).toBe(
        0,
      );
      expect(await usage(t, org, 'posts', kept.id)).toBe(1);
      expect(await sqlNumber(t.db, 'SELECT count(*) FROM posts WHERE site_id = $1', [doomed.id])).toBe(0);
      expect(await sqlNumber(t.db, 'SELECT count(*) FROM media WHERE site_id = $1', [doomed.id])).toBe(0);
      const files = await storedFiles(t);
      for (const key of doomedKeys) expect(files).not.toContain(key);
      expect(files).toEqual(expect.arrayContaining(await storageKeysOf(t, org)));
    });
  });

  describe('deleting the organization', () => {
    it('removes its media files after its rows cascade away', async () => {
      const owner = await newOwner(t, 'pro');
      const other = await newOwner(t, 'pro');
      const site = await createSite(t, owner.auth);
      const otherSite = await createSite(t, other.auth);
      await uploadMedia(t, owner.auth, site.id, png(500));
      await uploadMedia(t, other.auth, otherSite.id, png(500));
      const [ownKeys, otherKeys] = [await storageKeysOf(t, owner.organizationId), await storageKeysOf(t, other.organizationId)];

      expectStatus(await t.http.delete(`${V1}/organizations/${owner.organizationId}`).set(owner.auth), 204);

      const files = await storedFiles(t);
      for (const key of ownKeys) expect(files).not.toContain(key);
      expect(files).toEqual(expect.arrayContaining(otherKeys));
    });
  });

  describe('roles: each gets exactly what the permission matrix says', () => {
    let owner: Session;
    let as: Record<Role, Headers>;
    let siteId: string;

    beforeAll(async () => {
      owner = await newOwner(t, 'enterprise');
      const others = await Promise.all((['admin', 'editor', 'publisher', 'viewer'] as const).map((role) => joinAs(t, owner, role)));
      as = { owner: owner.auth, admin: others[0], editor: others[1], publisher: others[2], viewer: others[3] };
      siteId = (await createSite(t, owner.auth)).id;
    }, 60_000);

    type Send = (headers: Headers) => Test;
    interface Prepared {
      send: Send;
      /** 1 while the target is as the owner made it, 0 once the call has done its work. */
      untouched?: () => Promise<number>;
    }
    interface Endpoint {
      route: string;
      permission: Permission;
      status: number;
      prepare: () => Promise<Prepared>;
    }

    const site = () => `${V1}/sites/${siteId}`;
    const postSite = (h: Headers, body: object) => t.http.post(`${V1}/sites`).set(h).send(body);
    const patchSite = (h: Headers, body: object) => t.http.patch(site()).set(h).send(body);
    const now = (send: Send) => async (): Promise<Prepared> => ({ send });
    /** The call made on a new post, site or file of the owner's, and how to tell it is still untouched. */
    const onFresh = (make: () => Promise<string>, send: (id: string) => Send, untouchedSql?: string) => async (): Promise<Prepared> => {
      const id = await make();
      return { send: send(id), untouched: untouchedSql ? () => sqlNumber(t.db, untouchedSql, [id]) : undefined };
    };
    const freshSite = async () => (await createSite(t, owner.auth, { name: 'Scratch' })).id;
    const freshPost = async () => (await createPost(t, owner.auth, siteId)).id;
    const freshMedia = async () => (await uploadMedia(t, owner.auth, siteId, png(100))).id;

    const ENDPOINTS: Endpoint[] = [
      { route: 'POST /sites', permission: 'sites:create', status: 201, prepare: now((h) => postSite(h, { name: 'New' })) },
      { route: 'GET /sites', permission: 'sites:read', status: 200, prepare: now((h) => t.http.get(`${V1}/sites`).set(h)) },
      { route: 'GET /sites/:id', permission: 'sites:read', status: 200, prepare: now((h) => t.http.get(site()).set(h)) },
      { route: 'PATCH /sites/:id', permission: 'settings:manage', status: 200, prepare: now((h) => patchSite(h, { name: 'Renamed' })) },
      {
        route: 'DELETE /sites/:id',
        permission: 'sites:delete',
        status: 204,
        prepare: onFresh(freshSite, (id) => (h) => t.http.delete(`${V1}/sites/${id}`).set(h), 'SELECT count(*) FROM sites WHERE id = $1'),
      },
      { route: 'POST /sites/:siteId/posts', permission: 'posts:create', status: 201, prepare: now((h) => postPost(t, h, siteId)) },
      {
        route: 'GET /sites/:siteId/posts',
        permission: 'posts:read',
        status: 200,
        prepare: now((h) => t.http.get(`${site()}/posts`).set(h)),
      },
      {
        route: 'GET /sites/:siteId/posts/:id',
        permission: 'posts:read',
        status: 200,
        prepare: onFresh(freshPost, (id) => (h) => t.http.get(`${site()}/posts/${id}`).set(h)),
      },
      {
        route: 'PATCH /sites/:siteId/posts/:id',
        permission: 'posts:edit',
        status: 200,
        prepare: onFresh(
          freshPost,
          (id) => (h) => t.http.patch(`${site()}/posts/${id}`).set(h).send({ title: 'Edited' }),
          `SELECT count(*) FROM posts WHERE id = $1 AND title = 'Hello'`,
        ),
      },
      {
        route: 'DELETE /sites/:siteId/posts/:id',
        permission: 'posts:edit',
        status: 204,
        prepare: onFresh(
          freshPost,
          (id) => (h) => t.http.delete(`${site()}/posts/${id}`).set(h),
          'SELECT count(*) FROM posts WHERE id = $1',
        ),
      },
      {
        route: 'POST /sites/:siteId/posts/:id/publish',
        permission: 'posts:publish',
        status: 200,
        prepare: onFresh(
          freshPost,
          (id) => (h) => t.http.post(`${site()}/posts/${id}/publish`).set(h),
          `SELECT count(*) FROM posts WHERE id = $1 AND status = 'draft'`,
        ),
      },
      {
        route: 'POST /sites/:siteId/media',
        permission: 'media:upload',
        status: 201,
        prepare: now((h) => postMedia(t, h, siteId, png(100))),
      },
      {
        route: 'GET /sites/:siteId/media',
        permission: 'posts:read',
        status: 200,
        prepare: now((h) => t.http.get(`${site()}/media`).set(h)),
      },
      {
        route: 'GET /sites/:siteId/media/:id/content',
        permission: 'posts:read',
        status: 200,
        prepare: onFresh(freshMedia, (id) => (h) => t.http.get(`${site()}/media/${id}/content`).set(h)),
      },
      {
        route: 'DELETE /sites/:siteId/media/:id',
        permission: 'posts:edit',
        status: 204,
        prepare: onFresh(
          freshMedia,
          (id) => (h) => t.http.delete(`${site()}/media/${id}`).set(h),
          'SELECT count(*) FROM media WHERE id = $1',
        ),
      },
    ];

    it('lists every content route with the permission the route declares', () => {
      const declared = Object.entries(buildOpenApiDocument(t.app).paths)
        .filter(([path]) => path.startsWith(`${V1}/sites`))
        .flatMap(([path, operations]) =>
          Object.entries(operations as Record<string, { 'x-permission': string }>).map(([method, operation]) => ({
            route: `${method.toUpperCase()} ${path.slice(V1.length).replace(/\{(\w+)\}/g, ':$1')}`,
            permission: operation['x-permission'],
          })),
        );
      const sortByRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
      expect(ENDPOINTS.map(({ route, permission }) => ({ route, permission })).sort(sortByRoute)).toEqual(declared.sort(sortByRoute));
    });

    const cases = ENDPOINTS.flatMap((endpoint) =>
      ROLES.map((role) => [endpoint.route, role, can(role, endpoint.permission), endpoint] as const),
    );

    it.each(cases)('%s as %s → allowed: %s', async (_route, role, allowed, endpoint) => {
      const { send, untouched } = await endpoint.prepare();
      const response = await send(as[role]);
      if (allowed) {
        expectStatus(response, endpoint.status);
      } else {
        expect({ status: response.status, body: response.body }).toEqual({
          status: 403,
          body: errorBody('FORBIDDEN', `Your role lacks the permission ${endpoint.permission}`, { permission: endpoint.permission }),
        });
      }
      if (untouched) expect(await untouched()).toBe(allowed ? 0 : 1);
    });
  });

  describe('another organization’s ids', () => {
    let mine: Session;
    let theirs: Session;
    let their: { siteId: string; postId: string; mediaId: string };
    let mySiteId: string;

    beforeAll(async () => {
      [mine, theirs] = await Promise.all([newOwner(t, 'pro'), newOwner(t, 'pro')]);
      const site = await createSite(t, theirs.auth, { name: 'Theirs' });
      const [post, file] = [await createPost(t, theirs.auth, site.id), await uploadMedia(t, theirs.auth, site.id)];
      their = { siteId: site.id, postId: post.id, mediaId: file.id };
      mySiteId = (await createSite(t, mine.auth, { name: 'Mine' })).id;
    });

    /** Everything they own, as the database (not RLS) sees it. */
    async function theirState() {
      const query = (sql: string) => t.db.query(sql, [theirs.organizationId]);
      return {
        sites: await query('SELECT id, name, domain, updated_at FROM sites WHERE organization_id = $1 ORDER BY id'),
        posts: await query(
          'SELECT id, site_id, title, body, status, published_at, updated_at FROM posts WHERE organization_id = $1 ORDER BY id',
        ),
        media: await query('SELECT id, site_id, size_bytes, storage_key FROM media WHERE organization_id = $1 ORDER BY id'),
        usage: await query('SELECT dimension, scope_id, current FROM quota_usage WHERE organization_id = $1 ORDER BY dimension, scope_id'),
        files: await storedFiles(t).then((files) => files.filter((file) => file.startsWith(theirs.organizationId))),
      };
    }

    const notFound = (resource: string) => ({ status: 404, body: errorBody('NOT_FOUND', `${resource} not found`) });

    it.each([
      ['GET their site', () => t.http.get(`${V1}/sites/${their.siteId}`), 'Site'],
      ['PATCH their site', () => t.http.patch(`${V1}/sites/${their.siteId}`).send({ name: 'Mine now' }), 'Site'],
      ['DELETE their site', () => t.http.delete(`${V1}/sites/${their.siteId}`), 'Site'],
      ['list their posts', () => t.http.get(`${V1}/sites/${their.siteId}/posts`), 'Site'],
      ['post to their site', () => t.http.post(`${V1}/sites/${their.siteId}/posts`).send({ title: 't', body: 'b' }), 'Site'],
      ['GET their post', () => t.http.get(`${V1}/sites/${their.siteId}/posts/${their.postId}`), 'Post'],
      ['GET their post under my site', () => t.http.get(`${V1}/sites/${mySiteId}/posts/${their.postId}`), 'Post'],
      ['PATCH their post', () => t.http.patch(`${V1}/sites/${their.siteId}/posts/${their.postId}`).send({ title: 'x' }), 'Post'],
      ['PATCH their post under my site', () => t.http.patch(`${V1}/sites/${mySiteId}/posts/${their.postId}`).send({ title: 'x' }), 'Post'],
      ['publish their post', () => t.http.post(`${V1}/sites/${their.siteId}/posts/${their.postId}/publish`), 'Post'],
      ['DELETE their post under my site', () => t.http.delete(`${V1}/sites/${mySiteId}/posts/${their.postId}`), 'Post'],
      ['list their media', () => t.http.get(`${V1}/sites/${their.siteId}/media`), 'Site'],
      ['upload to their site', () => t.http.post(`${V1}/sites/${their.siteId}/media`).attach('file', png().bytes, 'a.png'), 'Site'],
      ['DELETE their post', () => t.http.delete(`${V1}/sites/${their.siteId}/posts/${their.postId}`), 'Post'],
      ['publish their post under my site', () => t.http.post(`${V1}/sites/${mySiteId}/posts/${their.postId}/publish`), 'Post'],
      ['GET their media’s bytes', () => t.http.get(`${V1}/sites/${their.siteId}/media/${their.mediaId}/content`), 'Media'],
      ['GET their media’s bytes under my site', () => t.http.get(`${V1}/sites/${mySiteId}/media/${their.mediaId}/content`), 'Media'],
      ['DELETE their media', () => t.http.delete(`${V1}/sites/${their.siteId}/media/${their.mediaId}`), 'Media'],
      ['DELETE their media under my site', () => t.http.delete(`${V1}/sites/${mySiteId}/media/${their.mediaId}`), 'Media'],
    ])('%s → 404, and nothing of theirs changes', async (_what, request, resource) => {
      const before = await theirState();
      const response = await request().set(mine.auth);
      expect({ status: response.status, body: response.body }).toEqual(notFound(resource));
      expect(await theirState()).toEqual(before);
    });

    it('never lists their sites', async () => {
      const list = expectStatus(await t.http.get(`${V1}/sites`).set(mine.auth), 200).body.data;
      expect(list.map((site: { id: string }) => site.id)).toEqual([mySiteId]);
    });
  });
});
