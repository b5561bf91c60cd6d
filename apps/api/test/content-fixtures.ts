import type { PlanTier, Role } from '@plinth/tenancy';
import { addMember, expectStatus, type Headers, sqlNumber, uniqueEmail, V1 } from '@plinth/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Session, signUp, startTestApp, TestApp } from './harness';

/**
 * Organizations, members and content for the content suites, made through
 * the public API; plans and overrides are set in SQL, as billing and the
 * platform admin would.
 */

export interface ContentApp extends TestApp {
  db: DataSource;
  /** Where this app stores media (DATA_DIR/media). */
  mediaDir: string;
}

/** The real app with its own DATA_DIR; many signups from one IP, so the per-IP auth brake is lifted. */
export async function startContentApp(env: Record<string, string> = {}): Promise<ContentApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plinth-content-'));
  const t = await startTestApp({ DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_IP: '100000', ...env });
  return {
    ...t,
    db: t.app.get(DataSource),
    mediaDir: join(dataDir, 'media'),
    close: async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new user owning a new organization on `plan`. */
export async function newOwner(t: ContentApp, plan: PlanTier = 'free'): Promise<Session> {
  const owner = await signUp(t.http, { email: uniqueEmail('owner') });
  await setPlan(t, owner.organizationId, plan);
  return owner;
}

export async function setPlan(t: ContentApp, organizationId: string, plan: PlanTier): Promise<void> {
  await t.db.query('UPDATE organizations SET plan_tier = $2 WHERE id = $1', [organizationId, plan]);
}

/** A new user who joins the owner's organization with `role`; their requests name it in X-Organization-Id. */
export async function joinAs(t: ContentApp, owner: Session, role: Role): Promise<Headers> {
  const user = await signUp(t.http, { email: uniqueEmail(role) });
  await addMember(t, owner.auth, owner.organizationId, user, role);
  return { ...user.auth, 'X-Organization-Id': owner.organizationId };
}

export interface CreatedSite {
  id: string;
  name: string;
  domain: string | null;
}

export async function createSite(t: ContentApp, auth: Headers, body: object = { name: 'Blog' }): Promise<CreatedSite> {
  return expectStatus(await t.http.post(`${V1}/sites`).set(auth).send(body), 201).body.data;
}

export async function createPost(t: ContentApp, auth: Headers, siteId: string, body: object = { title: 'Hello', body: 'World' }) {
  return expectStatus(await postPost(t, auth, siteId, body), 201).body.data as { id: string; status: string; title: string };
}

export function postPost(t: ContentApp, auth: Headers, siteId: string, body: object = { title: 'Hello', body: 'World' }) {
  return t.http.post(`${V1}/sites/${siteId}/posts`).set(auth).send(body);
}

export interface FileToSend {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
}

/** PNG's signature padded to `size` bytes: what the type allow-list accepts. */
export function png(size = 1024): FileToSend {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return { bytes, filename: 'cover.png', contentType: 'image/png' };
}

export function postMedia(t: ContentApp, auth: Headers, siteId: string, file: FileToSend = png()) {
  return t.http
    .post(`${V1}/sites/${siteId}/media`)
    .set(auth)
    .attach('file', file.bytes, { filename: file.filename ?? 'file.bin', contentType: file.contentType ?? 'image/png' });
}

export async function uploadMedia(t: ContentApp, auth: Headers, siteId: string, file: FileToSend = png()) {
  return expectStatus(await postMedia(t, auth, siteId, file), 201).body.data as { id: string; sizeBytes: number };
}

/** The stored counter of one dimension (0 when there is no row). */
export function usage(t: ContentApp, organizationId: string, dimension: string, scopeId = '00000000-0000-0000-0000-000000000000') {
  return sqlNumber(
    t.db,
    'SELECT COALESCE((SELECT current FROM quota_usage WHERE organization_id = $1 AND dimension = $2 AND scope_id = $3), 0)',
    [organizationId, dimension, scopeId],
  );
}

/** Every file under the media directory (staging included), relative to it. */
export async function storedFiles(t: ContentApp): Promise<string[]> {
  const entries = await readdir(t.mediaDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(t.mediaDir.length + 1));
}

export async function storageKeysOf(t: ContentApp, organizationId: string): Promise<string[]> {
  const rows = await t.db.query('SELECT storage_key FROM media WHERE organization_id = $1 ORDER BY storage_key', [organizationId]);
  return rows.map((row: { storage_key: string }) => row.storage_key);
}
