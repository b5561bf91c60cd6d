import { errorBody, expectStatus, V1 } from '@plinth/testing';
import type { Session } from './harness';
import {
  ContentApp,
  createSite,
  joinAs,
  newOwner,
  png,
  postMedia,
  startContentApp,
  storedFiles,
  uploadMedia,
  usage,
} from './content-fixtures';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><script>fetch("/api/v1/auth/me")</script>'.padEnd(200, ' '));

describe('media bytes: served as stored, sniffed on upload', () => {
  let t: ContentApp;
  let owner: Session;
  let siteId: string;

  beforeAll(async () => {
    t = await startContentApp();
    owner = await newOwner(t, 'pro');
    siteId = (await createSite(t, owner.auth)).id;
  });
  afterAll(() => t.close());

  const contentOf = (mediaId: string, site = siteId) => t.http.get(`${V1}/sites/${site}/media/${mediaId}/content`);

  it('serves the bytes with the stored type, their length, inline with the filename, nosniff and a sandboxing CSP', async () => {
    const file = png(3000);
    const { id } = await uploadMedia(t, owner.auth, siteId, { ...file, filename: 'Café cover (1).png' });
    const response = expectStatus(await contentOf(id).set(owner.auth), 200);
    expect(Buffer.compare(response.body as Buffer, file.bytes)).toBe(0);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': '3000',
      'content-disposition': `inline; filename="Caf_ cover (1).png"; filename*=UTF-8''Caf%C3%A9%20cover%20%281%29.png`,
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none';.*; sandbox$/);
  });

  it('serves a PDF as application/pdf', async () => {
    const { id } = await uploadMedia(t, owner.auth, siteId, { bytes: PDF, filename: 'terms.pdf', contentType: 'application/pdf' });
    const response = expectStatus(await contentOf(id).set(owner.auth), 200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect((response.body as Buffer).toString()).toBe(PDF.toString());
  });

  it('lets a viewer read the bytes; a file that is not in the site is 404', async () => {
    const viewer = await joinAs(t, owner, 'viewer');
    const { id } = await uploadMedia(t, owner.auth, siteId);
    expectStatus(await contentOf(id).set(viewer), 200);
    const otherSite = (await createSite(t, owner.auth, { name: 'Other' })).id;
    const response = await contentOf(id, otherSite).set(owner.auth);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 404,
      body: errorBody('NOT_FOUND', 'Media not found'),
    });
  });

  it.each([
    ['HTML named a.png', HTML, 'a.png', 'image/png', null],
    ['a PNG declared as a PDF', png(500).bytes, 'a.pdf', 'application/pdf', 'image/png'],
    ['a PDF declared as a JPEG', PDF, 'a.jpg', 'image/jpeg', 'application/pdf'],
    ['three bytes of a PNG', png(3).bytes, 'a.png', 'image/png', null],
  ])('refuses %s with 415, storing nothing and counting nothing', async (_what, bytes, filename, contentType, detectedType) => {
    const [bytesBefore, filesBefore] = [await usage(t, owner.organizationId, 'storage_bytes'), await storedFiles(t)];
    const response = await postMedia(t, owner.auth, siteId, { bytes, filename, contentType });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 415,
      body: errorBody('UNSUPPORTED_MEDIA_TYPE', `The file’s bytes are not ${contentType}`, { contentType, detectedType }),
    });
    expect(await usage(t, owner.organizationId, 'storage_bytes')).toBe(bytesBefore);
    expect(await storedFiles(t)).toEqual(filesBefore);
  });
});
