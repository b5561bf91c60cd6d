import { uniqueEmail } from '@plinth/testing';
import { signUp, startTestApp, TestApp } from './harness';

interface ExportLine {
  type: string;
  id: string;
  [field: string]: unknown;
}

describe('GET /organizations/:id/export', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' })));
  afterAll(() => t.close());

  async function exportOf(organizationId: string, auth: Record<string, string>): Promise<ExportLine[]> {
    const response = await t.http
      .get(`/api/v1/organizations/${organizationId}/export`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    return (response.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  }

  it('streams every record of the organization, typed, and nothing of another', async () => {
    const owner = await signUp(t.http);
    const other = await signUp(t.http);
    await t.http
      .post(`/api/v1/organizations/${owner.organizationId}/invites`)
      .set(owner.auth)
      .send({ email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    await t.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'ci', role: 'viewer' }).expect(201);
    const site = await t.http.post('/api/v1/sites').set(owner.auth).send({ name: 'Blog' }).expect(201);
    await t.http.post(`/api/v1/sites/${site.body.data.id}/posts`).set(owner.auth).send({ title: 'Hi', body: 'There' }).expect(201);
    await t.http.post('/api/v1/sites').set(other.auth).send({ name: 'Not theirs' }).expect(201);

    const lines = await exportOf(owner.organizationId, owner.auth);
    const types = new Set(lines.map((line) => line.type));
    expect([...types].sort()).toEqual(['api_key', 'audit_log', 'invite', 'member', 'organization', 'plinth-export', 'post', 'site']);
    expect(lines[0]).toEqual({ type: 'plinth-export', version: 1, exportedAt: expect.any(String) });
    expect(lines[1].type).toBe('organization');
    expect(lines.find((l) => l.type === 'organization')?.id).toBe(owner.organizationId);
    expect(lines.filter((l) => l.type === 'site').map((l) => l.name)).toEqual(['Blog']);
    expect(lines.find((l) => l.type === 'member')).toMatchObject({ userId: owner.userId, email: owner.email, role: 'owner' });
  });

  it('never writes a secret', async () => {
    const owner = await signUp(t.http);
    const key = await t.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'ci', role: 'viewer' }).expect(201);
    const invite = await t.http
      .post(`/api/v1/organizations/${owner.organizationId}/invites`)
      .set(owner.auth)
      .send({ email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    const text = JSON.stringify(await exportOf(owner.organizationId, owner.auth));
    expect(text).not.toContain(key.body.data.key);
    expect(text).not.toContain(invite.body.data.inviteToken);
    expect(text).not.toMatch(/hash|password/i);
  });

  it('is audited', async () => {
    const owner = await signUp(t.http);
    await exportOf(owner.organizationId, owner.auth);
    const audit = await t.http.get('/api/v1/audit-logs?action=organization.exported').set(owner.auth).expect(200);
    expect(audit.body.data).toHaveLength(1);
  });

  it('is for the owner, and names no other organization', async () => {
    const owner = await signUp(t.http);
    const stranger = await signUp(t.http);
    const refused = await t.http.get(`/api/v1/organizations/${owner.organizationId}/export`).set(stranger.auth).expect(403);
    expect(refused.body.error.code).toBe('NOT_A_MEMBER');
  });
});
