import { DEFAULT_PLANS } from '@plinth/quota';
import {
  addMember,
  createKey,
  errorBody,
  expectStatus,
  type Headers,
  invite,
  sqlNumber,
  uniqueEmail,
  V1,
  waitUntil,
} from '@plinth/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportSources } from '../src/modules/organizations/export/export-sources';
import { ImportSlots } from '../src/modules/organizations/import/import-slots';
import { ImportTargets } from '../src/modules/organizations/import/import-targets';
import {
  ContentApp,
  createPost,
  createSite,
  joinAs,
  newOwner,
  png,
  startContentApp,
  storedFiles,
  uploadMedia,
  usage,
} from './content-fixtures';
import { type Session, signUp } from './harness';

type ExportLine = Record<string, unknown> & { type: string };

interface ImportResult {
  organization: { id: string; name: string; slug: string; planTier: string; role: string; logoUrl: string | null };
  counts: Record<string, number>;
  notImported: Record<string, number>;
  membersToInvite: Array<{ email: string; role: string }>;
}

const NDJSON = 'application/x-ndjson';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NOT_IMPORTED = ['member', 'invite', 'api_key', 'audit_log', 'webhook_endpoint'];
const at = (day: number) => new Date(Date.UTC(2025, 0, day)).toISOString();

describe('POST /organizations/import', () => {
  let t: ContentApp;
  beforeAll(async () => (t = await startContentApp()));
  afterAll(() => t.close());

  async function exportText(organizationId: string, auth: Headers): Promise<string> {
    const response = await t.http
      .get(`${V1}/organizations/${organizationId}/export`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    return response.body as string;
  }

  const linesOf = (text: string): ExportLine[] =>
    text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  const ndjson = (lines: object[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');
  const importAs = (auth: Headers, body: string) =>
    t.http.post(`${V1}/organizations/import`).set(auth).set('Content-Type', NDJSON).send(body);
  const organizationCount = () => sqlNumber(t.db, 'SELECT count(*) FROM organizations');

  /** A hand-written export: the header, an organization, one site, then `records` (site ids: SITE). */
  const SITE = randomUUID();
  function handWritten(records: object[], site: object = {}): string {
    return ndjson([
      { type: 'plinth-export', version: 1, exportedAt: at(31) },
      { type: 'organization', id: randomUUID(), name: 'Hand made', slug: 'hand-made', logoUrl: null, planTier: 'pro', createdAt: at(1) },
      { type: 'site', id: SITE, name: 'Blog', domain: null, createdAt: at(2), updatedAt: at(3), ...site },
      ...records,
    ]);
  }
  const post = (extra: object = {}) => ({
    type: 'post',
    id: randomUUID(),
    siteId: SITE,
    title: 'Hello',
    body: 'World',
    status: 'draft',
    publishedAt: null,
    createdAt: at(4),
    updatedAt: at(5),
    ...extra,
  });

  describe('round trip', () => {
    let owner: Session;
    let importer: Session;
    let exported: ExportLine[];
    let response: { status: number; body: { data: ImportResult } };
    const cover = png(300_000);

    beforeAll(async () => {
      owner = await newOwner(t, 'pro');
      await t.http
        .patch(`${V1}/organizations/${owner.organizationId}`)
        .set(owner.auth)
        .send({ logoUrl: 'https://cdn.example.com/logo.png' });
      const site = await createSite(t, owner.auth, { name: 'Company blog' });
      await createPost(t, owner.auth, site.id, { title: 'Draft', body: 'Not yet' });
      await createPost(t, owner.auth, site.id, { title: 'Émoji 🎉 "quoted" \\ back', body: 'Line one\nLine two\t{}[]' });
      const published = await createPost(t, owner.auth, site.id, { title: 'Out', body: 'Read me' });
      expectStatus(await t.http.post(`${V1}/sites/${site.id}/posts/${published.id}/publish`).set(owner.auth), 200);
      await uploadMedia(t, owner.auth, site.id, cover);
      await uploadMedia(t, owner.auth, site.id, { bytes: PDF, filename: 'Terms & conditions.pdf', contentType: 'application/pdf' });
      await joinAs(t, owner, 'viewer');
      // The importer is a member of the old organization: the one who moves it.
      importer = await signUp(t.http, { email: uniqueEmail('mover') });
      await addMember(t, owner.auth, owner.organizationId, importer, 'editor');
      await invite(t, owner.auth, owner.organizationId, 'pending@example.com', 'publisher');
      await createKey(t, owner.auth, 'viewer');
      const endpoint = { url: 'https://hooks.example.com/plinth', events: ['site.created'] };
      expectStatus(await t.http.post(`${V1}/webhook-endpoints`).set(owner.auth).send(endpoint), 201);

      const text = await exportText(owner.organizationId, owner.auth);
      exported = linesOf(text);
      response = await importAs(importer.auth, text);
    });

    it('creates a Free organization owned by the caller, counting what it recreated and what it did not', () => {
      expect(response.status).toBe(201);
      const { organization, counts, notImported } = response.body.data;
      expect(organization).toMatchObject({
        name: exported[1].name,
        planTier: 'free',
        role: 'owner',
        logoUrl: 'https://cdn.example.com/logo.png',
      });
      expect(organization.id).not.toBe(owner.organizationId);
      expect(counts).toEqual({ organization: 1, site: 1, post: 3, media: 2 });
      const read = (type: string) => exported.filter((line) => line.type === type).length;
      expect(notImported).toEqual(Object.fromEntries(NOT_IMPORTED.map((type) => [type, read(type)])));
      expect(notImported).toMatchObject({ member: 3, invite: 3, api_key: 1, webhook_endpoint: 1 });
    });

    it('lists the other members and the pending invitee to invite, an owner as admin, the caller left out', () => {
      const viewer = exported.find((line) => line.type === 'member' && line.role === 'viewer');
      expect(response.body.data.membersToInvite).toEqual(
        expect.arrayContaining([
          { email: owner.email, role: 'admin' },
          { email: viewer?.email, role: 'viewer' },
          { email: 'pending@example.com', role: 'publisher' },
        ]),
      );
      expect(response.body.data.membersToInvite).toHaveLength(3);
    });

    it('exports again what it imported, equal but for ids, the slug, the plan and the people', async () => {
      const organizationId = response.body.data.organization.id;
      const again = linesOf(await exportText(organizationId, importer.auth));
      expect(comparable(again)).toEqual(comparable(exported));
      expect(again[0]).toMatchObject({ type: 'plinth-export', version: 1 });
      expect(again.filter((line) => line.type === 'member')).toEqual([expect.objectContaining({ email: importer.email, role: 'owner' })]);
      expect(again.filter((line) => ['invite', 'api_key', 'webhook_endpoint'].includes(line.type))).toEqual([]);
      // The new organization's history starts with its import (a quota warning may follow: one site is all Free has).
      const history = again.filter((line) => line.type === 'audit_log' && line.action !== 'quota.warning').map((line) => line.action);
      expect(history.sort()).toEqual(['organization.exported', 'organization.imported']);
    });

    it('stores the files again, serves their bytes, and counts sites, posts and storage', async () => {
      const organizationId = response.body.data.organization.id;
      const auth = { ...importer.auth, 'X-Organization-Id': organizationId };
      const site = expectStatus(await t.http.get(`${V1}/sites`).set(auth), 200).body.data[0];
      const media = expectStatus(await t.http.get(`${V1}/sites/${site.id}/media`).set(auth), 200).body.data as Array<{
        id: string;
        filename: string;
      }>;
      const cover2 = media.find((m) => m.filename === 'cover.png');
      const bytes = expectStatus(await t.http.get(`${V1}/sites/${site.id}/media/${cover2?.id}/content`).set(auth), 200).body as Buffer;
      expect(Buffer.compare(bytes, cover.bytes)).toBe(0);
      expect(await usage(t, organizationId, 'sites')).toBe(1);
      expect(await usage(t, organizationId, 'posts', site.id)).toBe(3);
      expect(await usage(t, organizationId, 'storage_bytes')).toBe(cover.bytes.length + PDF.length);
      const verified = expectStatus(await t.http.get(`${V1}/audit-logs/verify`).set(auth), 200).body.data;
      expect(verified).toMatchObject({ valid: true });
    });

    it('writes the version header first and each file’s bytes after its record, never a secret', () => {
      expect(exported[0]).toEqual({ type: 'plinth-export', version: 1, exportedAt: expect.any(String) });
      expect(exported[1].type).toBe('organization');
      const media = exported.filter((line) => line.type === 'media');
      for (const record of media) {
        const index = exported.indexOf(record);
        expect(exported[index + 1]).toMatchObject({ type: 'media_content', mediaId: record.id, offset: 0 });
      }
      const parts = exported.filter(
        (line) => line.type === 'media_content' && line.mediaId === media.find((m) => m.filename === 'cover.png')?.id,
      );
      expect(parts.length).toBeGreaterThan(1);
      expect(Buffer.compare(Buffer.concat(parts.map((part) => Buffer.from(part.data as string, 'base64'))), cover.bytes)).toBe(0);
      expect(exported.some((line) => 'storageKey' in line || 'keyHash' in line || 'tokenHash' in line)).toBe(false);
    });
  });

  it('has a reader for every type the export writes (the organization record is the import’s own)', () => {
    const written = t.app
      .get(ExportSources)
      .all()
      .map((source) => source.type);
    expect(written[0]).toBe('organization');
    expect(t.app.get(ImportTargets).types()).toEqual(expect.arrayContaining([...written.slice(1), 'media_content']));
  });

  describe('a malformed line', () => {
    it('is 400 naming its number, and nothing is kept, stored files included', async () => {
      const owner = await newOwner(t, 'pro');
      const site = await createSite(t, owner.auth);
      await createPost(t, owner.auth, site.id);
      await uploadMedia(t, owner.auth, site.id, png(2_000));
      const lines = (await exportText(owner.organizationId, owner.auth)).trimEnd().split('\n');
      const importer = await signUp(t.http);
      // The last line (its files are stored by then) and one in the middle, in turn.
      for (const broken of [lines.length, 3]) {
        const [before, files] = [await organizationCount(), await storedFiles(t)];
        const body = lines.map((line, i) => (i + 1 === broken ? line.slice(0, -2) : line)).join('\n');
        const response = await importAs(importer.auth, body);
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'line', line: broken, problems: ['the line is not JSON'] }],
        });
        expect(response.body.error.message).toContain(`Line ${broken} `);
        expect(await organizationCount()).toBe(before);
        expect(await storedFiles(t)).toEqual(files);
      }
    });

    it.each([
      ['a field out of range', post({ title: '' }), 'title', 'title must have 1 to 200 characters'],
      ['an unknown field', post({ slug: 'x' }), 'slug', 'slug is not a field of a post record'],
      ['a site named nowhere', post({ siteId: randomUUID() }), 'siteId', 'siteId must name a site on an earlier line'],
      [
        'a published post with no date',
        post({ status: 'published' }),
        'publishedAt',
        'publishedAt must be set when, and only when, status is published',
      ],
      ['a NUL in text', post({ body: 'a\u0000b' }), 'body', 'body must not contain NUL bytes'],
      ['an unknown type', { type: 'gadget', id: randomUUID() }, 'type', '"gadget" is not a record type of export version 1'],
    ])('names the line of %s', async (_case, record, field, problem) => {
      const importer = await signUp(t.http);
      const before = await organizationCount();
      const response = await importAs(importer.auth, handWritten([post(), record]));
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ field, line: 5, problems: [problem] }]);
      expect(await organizationCount()).toBe(before);
    });

    it('names a media record whose bytes are not its type, or are cut short', async () => {
      const importer = await signUp(t.http);
      const media = {
        type: 'media',
        id: randomUUID(),
        siteId: SITE,
        filename: 'a.png',
        contentType: 'image/png',
        sizeBytes: 64,
        createdAt: at(6),
      };
      const html = Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(64, ' '));
      const content = (bytes: Buffer) => ({ type: 'media_content', mediaId: media.id, offset: 0, data: bytes.toString('base64') });
      const files = await storedFiles(t);

      const notPng = await importAs(importer.auth, handWritten([media, content(html)]));
      expect(notPng.body.error.details).toEqual([{ field: 'contentType', line: 4, problems: ["the file's bytes are not image/png"] }]);
      const short = await importAs(importer.auth, handWritten([media, content(png(32).bytes), post()]));
      expect(short.body.error.details).toEqual([
        { field: 'sizeBytes', line: 4, problems: ["the file's bytes (media_content records) end after 32 of its 64 bytes"] },
      ]);
      expect(await storedFiles(t)).toEqual(files);
    });

    it('is answered at once, the rest of a long body read and dropped', async () => {
      const importer = await signUp(t.http);
      const filler = Array.from({ length: 2_000 }, () => post({ body: 'x'.repeat(2_000) }));
      const response = await importAs(importer.auth, handWritten([{ type: 'gadget' }, ...filler]));
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { field: 'type', line: 4, problems: ['"gadget" is not a record type of export version 1'] },
      ]);
    });

    it('refuses a body that is not an export of a version it reads, on line 1', async () => {
      const importer = await signUp(t.http);
      const newer = await importAs(importer.auth, ndjson([{ type: 'plinth-export', version: 2, exportedAt: at(1) }]));
      expect(newer.body.error.details).toEqual([
        { field: 'version', line: 1, problems: ['this deployment reads exports of version 1, not 2'] },
      ]);
      const headless = await importAs(importer.auth, ndjson([post()]));
      expect(headless.body.error.details).toEqual([
        { field: 'type', line: 1, problems: ['the first line must be the export\'s header, of type "plinth-export"'] },
      ]);
    });
  });

  describe('data that does not fit the Free plan', () => {
    it('is 402 QUOTA_EXCEEDED and nothing is kept', async () => {
      const importer = await signUp(t.http);
      const before = await organizationCount();
      const response = await importAs(importer.auth, handWritten(Array.from({ length: 21 }, () => post())));
      expect(response.status).toBe(402);
      expect(response.body.error).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        details: { dimension: 'posts', limit: 20, planTier: 'free', upgradeUrl: expect.stringMatching(/\/pricing$/) },
      });
      expect(await organizationCount()).toBe(before);
    });

    it('is 402 for a second site, and for a custom domain (PLAN_FEATURE_UNAVAILABLE)', async () => {
      const importer = await signUp(t.http);
      const before = await organizationCount();
      const twoSites = await importAs(
        importer.auth,
        handWritten([{ type: 'site', id: randomUUID(), name: 'Two', domain: null, createdAt: at(1), updatedAt: at(1) }]),
      );
      expect(twoSites.status).toBe(402);
      expect(twoSites.body.error.details).toMatchObject({ dimension: 'sites', limit: 1 });
      const domain = await importAs(importer.auth, handWritten([], { domain: 'blog.example.com' }));
      expect(domain.status).toBe(402);
      expect(domain.body.error).toMatchObject({ code: 'PLAN_FEATURE_UNAVAILABLE', details: { feature: 'customDomains' } });
      expect(await organizationCount()).toBe(before);
    });
  });

  describe('who may, and how', () => {
    it('takes NDJSON only (415), and NDJSON nowhere else', async () => {
      const user = await signUp(t.http);
      const json = await t.http.post(`${V1}/organizations/import`).set(user.auth).send({ type: 'plinth-export' });
      expect(json.status).toBe(415);
      expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const text = await t.http.post(`${V1}/organizations/import`).set(user.auth).set('Content-Type', 'text/plain').send('hello');
      expect(text.status).toBe(415);
      const elsewhere = await t.http.post(`${V1}/organizations`).set(user.auth).set('Content-Type', NDJSON).send('{"name":"x"}\n');
      expect(elsewhere.status).toBe(415);
    });

    it('runs one import per user at a time: a second meanwhile is 429', async () => {
      const user = await signUp(t.http);
      const first = t.http.post(`${V1}/organizations/import`).set(user.auth).set('Content-Type', NDJSON);
      first.write(handWritten([])); // the body stays open until the request ends
      const slots = t.app.get(ImportSlots) as unknown as { running: Set<string> };
      await waitUntil('the first import runs', async () => slots.running.has(user.userId));
      const second = await importAs(user.auth, handWritten([]));
      expect(second.status).toBe(429);
      expect(second.headers['retry-after']).toBe('10');
      expect((await first).status).toBe(201);
    });

    it('is 401 without a session', async () => {
      const response = await t.http.post(`${V1}/organizations/import`).set('Content-Type', NDJSON).send(handWritten([]));
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('is 403 for an API key: signed-in users only', async () => {
      const owner = await newOwner(t, 'pro');
      const key = await createKey(t, owner.auth, 'admin');
      const before = await organizationCount();
      const response = await importAs(key.auth, handWritten([]));
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'This endpoint is for signed-in users, not API keys', { rule: 'route_policy' }),
      });
      expect(await organizationCount()).toBe(before);
    });
  });
});

describe('POST /organizations/import, storage past the plan', () => {
  const STORAGE_LIMIT = 3_000;
  let t: ContentApp;
  let plansDir: string;

  // A catalog whose Free plan holds 3,000 bytes: an import's organization is new, so no override can be set for it beforehand.
  beforeAll(async () => {
    plansDir = await mkdtemp(join(tmpdir(), 'plinth-plans-'));
    const plans = DEFAULT_PLANS.map((plan) =>
      plan.tier === 'free' ? { ...plan, limits: { ...plan.limits, storage_bytes: STORAGE_LIMIT } } : plan,
    );
    await writeFile(join(plansDir, 'plans.json'), JSON.stringify(plans));
    t = await startContentApp({ PLANS_FILE: join(plansDir, 'plans.json') });
  });
  afterAll(async () => {
    await t.close();
    await rm(plansDir, { recursive: true, force: true });
  });

  it('is 402 QUOTA_EXCEEDED before the bytes past the limit are stored, and the files stored before it are removed', async () => {
    const importer = await signUp(t.http);
    const [before, files] = [await sqlNumber(t.db, 'SELECT count(*) FROM organizations'), await storedFiles(t)];
    const site = randomUUID();
    const file = png(2_000).bytes;
    const media = () => {
      const id = randomUUID();
      return [
        { type: 'media', id, siteId: site, filename: 'a.png', contentType: 'image/png', sizeBytes: file.length, createdAt: at(6) },
        { type: 'media_content', mediaId: id, offset: 0, data: file.toString('base64') },
      ];
    };
    const body = [
      { type: 'plinth-export', version: 1, exportedAt: at(31) },
      { type: 'organization', id: randomUUID(), name: 'Heavy', slug: 'heavy', logoUrl: null, planTier: 'pro', createdAt: at(1) },
      { type: 'site', id: site, name: 'Photos', domain: null, createdAt: at(2), updatedAt: at(2) },
      ...media(),
      ...media(),
    ];
    const response = await t.http
      .post(`${V1}/organizations/import`)
      .set(importer.auth)
      .set('Content-Type', NDJSON)
      .send(body.map((line) => JSON.stringify(line)).join('\n'));
    expect(response.status).toBe(402);
    expect(response.body.error.details).toMatchObject({ dimension: 'storage_bytes', current: file.length, limit: STORAGE_LIMIT });
    expect(await sqlNumber(t.db, 'SELECT count(*) FROM organizations')).toBe(before);
    expect(await storedFiles(t)).toEqual(files);
  });
});

/** An export without what an import changes by design: ids (references become names), the slug, the plan, people, credentials, history. */
function comparable(lines: ExportLine[]) {
  const sites = new Map(lines.filter((l) => l.type === 'site').map((l) => [l.id, l.name]));
  const bytes = new Map<unknown, string>();
  for (const line of lines.filter((l) => l.type === 'media_content')) bytes.set(line.mediaId, (bytes.get(line.mediaId) ?? '') + line.data);
  const sorted = (type: string, shape: (line: ExportLine) => object) =>
    lines
      .filter((l) => l.type === type)
      .map(shape)
      .map((item) => JSON.stringify(item))
      .sort();
  return {
    organization: sorted('organization', ({ name, logoUrl }) => ({ name, logoUrl })),
    site: sorted('site', ({ id: _id, ...site }) => site),
    post: sorted('post', ({ id: _id, siteId, ...post }) => ({ ...post, site: sites.get(siteId) })),
    media: sorted('media', ({ id, siteId, ...media }) => ({ ...media, site: sites.get(siteId), bytes: bytes.get(id) })),
  };
}
