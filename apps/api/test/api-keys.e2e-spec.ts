import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyUsage } from '../src/modules/api-keys/api-key-usage';
import type { TestApp } from './harness';
import { createKey, errorBody, expectValidationFailed, Headers, ISO_UTC, Key, newOrg, Org, send, UUID } from '@plinth/testing';
import { auditRows, startTenancyApp } from './tenancy-fixtures';

const KEY_FORMAT = /^plk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
const INVALID_KEY = errorBody('UNAUTHENTICATED', 'Invalid API key');

describe('API keys', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTenancyApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const listKeys = (org: Org) => send(t, { method: 'get', path: '/api-keys', headers: org.owner.auth });
  /** Any tenant request; a viewer key may make it. */
  const useKey = (org: Org, headers: Headers) => send(t, { method: 'get', path: `/organizations/${org.id}/members`, headers });
  const lastUsedInDb = async (key: Key) => (await db.query('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]))[0].last_used_at;

  describe('POST /api-keys', () => {
    it('answers with the key, once, beside its public prefix', async () => {
      const org = await newOrg(t);
      const response = await send(t, {
        method: 'post',
        path: '/api-keys',
        headers: org.owner.auth,
        body: { name: '  CI deploys ', role: 'editor' },
      });

      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: {
          success: true,
          data: {
            id: expect.stringMatching(UUID),
            name: 'CI deploys',
            prefix: expect.stringMatching(/^plk_[0-9a-f]{12}$/),
            role: 'editor',
            key: expect.stringMatching(KEY_FORMAT),
            createdAt: expect.stringMatching(ISO_UTC),
            expiresAt: null,
            lastUsedAt: null,
          },
        },
      });
      const { key, prefix } = response.body.data;
      expect(key.startsWith(`${prefix}_`)).toBe(true);
    });

    it('stores only the SHA-256 of the key: no column holds the key or its secret part', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'viewer');
      const secret = key.key.slice(key.prefix.length + 1);

      const [row] = await db.query('SELECT * FROM api_keys WHERE id = $1', [key.id]);

      expect(row.key_hash).toBe(createHash('sha256').update(key.key).digest('hex'));
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(key.key);
      expect(stored).not.toContain(secret);
    });

    it('is audited without the key', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'publisher', { name: 'Publisher bot' });
      const rows = await auditRows(db, org.id, 'api_key.created');
      expect(rows).toEqual([
        expect.objectContaining({
          actor_id: org.owner.userId,
          target_type: 'api_key',
          target_id: key.id,
          metadata: { name: 'Publisher bot', role: 'publisher', prefix: key.prefix },
        }),
      ]);
      expect(JSON.stringify(rows)).not.toContain(key.key.slice(key.prefix.length + 1));
    });

    it('takes an expiry in the future', async () => {
      const org = await newOrg(t);
      const expiresAt = new Date(Date.now() + 3600_000).toISOString();
      const response = await send(t, {
        method: 'post',
        path: '/api-keys',
        headers: org.owner.auth,
        body: { name: 'Short-lived', role: 'viewer', expiresAt },
      });
      expect({ status: response.status, expiresAt: response.body.data.expiresAt }).toEqual({ status: 201, expiresAt });
    });

    it.each([
      ['role owner (a key is never owner)', { name: 'Root', role: 'owner' }, ['role']],
      ['an unknown role', { name: 'Odd', role: 'superuser' }, ['role']],
      ['an expiry in the past', { name: 'Stale', role: 'viewer', expiresAt: new Date(Date.now() - 60_000).toISOString() }, ['expiresAt']],
      ['an expiry that is not a date', { name: 'Never', role: 'viewer', expiresAt: 'someday' }, ['expiresAt']],
      ['a blank name', { name: '   ', role: 'viewer' }, ['name']],
      ['an unknown field', { name: 'Keyed', role: 'viewer', key: 'plk_mine' }, ['key']],
    ])('refuses %s (400)', async (_what, body, fields) => {
      const org = await newOrg(t);
      expectValidationFailed(await send(t, { method: 'post', path: '/api-keys', headers: org.owner.auth, body }), fields);
      expect(Number((await db.query('SELECT count(*) FROM api_keys WHERE organization_id = $1', [org.id]))[0].count)).toBe(0);
    });
  });

  describe('GET /api-keys', () => {
    it('lists active keys newest first, never with the key', async () => {
      const org = await newOrg(t);
      const older = await createKey(t, org.owner.auth, 'viewer');
      const newer = await createKey(t, org.owner.auth, 'admin');

      const response = await listKeys(org).expect(200);

      expect(response.body.data).toEqual([
        {
          id: newer.id,
          name: 'admin key',
          prefix: newer.prefix,
          role: 'admin',
          createdAt: expect.stringMatching(ISO_UTC),
          expiresAt: null,
          lastUsedAt: null,
        },
        {
          id: older.id,
          name: 'viewer key',
          prefix: older.prefix,
          role: 'viewer',
          createdAt: expect.stringMatching(ISO_UTC),
          expiresAt: null,
          lastUsedAt: null,
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain(newer.key.slice(newer.prefix.length + 1));
    });

    it('shows lastUsedAt after the batched usage write, and not one write per request', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'viewer');
      const before = Date.now();

      for (let i = 0; i < 3; i += 1) await useKey(org, key.auth).expect(200);
      expect(await lastUsedInDb(key)).toBeNull();

      await t.app.get(ApiKeyUsage).flush();

      const lastUsedAt = (await listKeys(org).expect(200)).body.data[0].lastUsedAt;
      expect(lastUsedAt).toMatch(ISO_UTC);
      expect(Date.parse(lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(lastUsedAt)).toBeLessThanOrEqual(Date.now());
    });

    it('writes the usage of many keys in one flush', async () => {
      const org = await newOrg(t);
      const keys = [await createKey(t, org.owner.auth, 'viewer'), await createKey(t, org.owner.auth, 'editor')];
      for (const key of keys) await useKey(org, key.auth).expect(200);

      await t.app.get(ApiKeyUsage).flush();

      expect(await Promise.all(keys.map(lastUsedInDb))).toEqual([expect.any(Date), expect.any(Date)]);
    });
  });

  describe('authenticating with a key', () => {
    let org: Org;
    let key: Key;
    beforeAll(async () => {
      org = await newOrg(t);
      key = await createKey(t, org.owner.auth, 'viewer');
    });

    it.each([
      ['X-API-Key', (k: Key) => ({ 'X-API-Key': k.key })],
      ['Authorization: Bearer', (k: Key) => ({ Authorization: `Bearer ${k.key}` })],
    ])('works with %s', async (_form, headers) => {
      const response = await useKey(org, headers(key));
      expect({ status: response.status, success: response.body.success }).toEqual({ status: 200, success: true });
    });

    it.each([
      ['a string that is not a key', () => 'not-a-key'],
      ['a prefix with no secret', () => key.prefix],
      ['the right prefix with a wrong secret', () => `${key.prefix}_${'A'.repeat(43)}`],
      ['a well-formed key nobody issued', () => `plk_000000000000_${'B'.repeat(43)}`],
      ['the key with one character changed', () => `${key.key.slice(0, -1)}${key.key.endsWith('x') ? 'y' : 'x'}`],
    ])('refuses %s (401)', async (_what, presented) => {
      const response = await useKey(org, { 'X-API-Key': presented() });
      expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: INVALID_KEY });
    });

    it('refuses a wrong key in the Bearer form too (401)', async () => {
      const response = await useKey(org, { Authorization: `Bearer ${key.prefix}_${'C'.repeat(43)}` });
      expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: INVALID_KEY });
    });

    it('refuses an expired key (401)', async () => {
      const expiring = await createKey(t, org.owner.auth, 'viewer', { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      await useKey(org, expiring.auth).expect(200);
      await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
      const response = await useKey(org, expiring.auth);
      expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: INVALID_KEY });
    });

    it('is refused on routes for signed-in users only (403)', async () => {
      const response = await send(t, { method: 'get', path: '/auth/me', headers: key.auth });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'This endpoint is for signed-in users, not API keys', { rule: 'route_policy' }),
      });
    });
  });

  describe('DELETE /api-keys/:id', () => {
    it('revokes the key: its very next request is 401, and it leaves the list', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'admin');
      await send(t, { method: 'get', path: '/sites', headers: key.auth }).expect(200);

      await send(t, { method: 'delete', path: `/api-keys/${key.id}`, headers: org.owner.auth }).expect(204);

      const response = await send(t, { method: 'get', path: '/sites', headers: key.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: INVALID_KEY });
      expect((await listKeys(org).expect(200)).body.data).toEqual([]);
    });

    it('leaves revoking to a signed-in person: a key cannot revoke itself (403)', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'admin');
      expect((await send(t, { method: 'delete', path: `/api-keys/${key.id}`, headers: key.auth })).status).toBe(403);
      await send(t, { method: 'get', path: '/sites', headers: key.auth }).expect(200);
    });

    it('is audited', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'viewer');
      await send(t, { method: 'delete', path: `/api-keys/${key.id}`, headers: org.owner.auth }).expect(204);
      expect(await auditRows(db, org.id, 'api_key.revoked')).toEqual([
        expect.objectContaining({ actor_id: org.owner.userId, target_type: 'api_key', target_id: key.id }),
      ]);
    });

    it('answers 404 for a key already revoked', async () => {
      const org = await newOrg(t);
      const key = await createKey(t, org.owner.auth, 'viewer');
      await send(t, { method: 'delete', path: `/api-keys/${key.id}`, headers: org.owner.auth }).expect(204);
      const response = await send(t, { method: 'delete', path: `/api-keys/${key.id}`, headers: org.owner.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'API key not found') });
    });

    it('refuses an id that is not a UUID (400)', async () => {
      const org = await newOrg(t);
      const response = await send(t, { method: 'delete', path: '/api-keys/plk_abc', headers: org.owner.auth });
      expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });
});
