import { uniqueEmail } from '@plinth/testing';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { Session, signUp, startTestApp, TestApp } from './harness';

describe('GET /audit-logs/export', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' })));
  afterAll(() => t.close());

  const setPlan = (organizationId: string, tier: string) =>
    t.app.get(DataSource).query('UPDATE organizations SET plan_tier = $2 WHERE id = $1', [organizationId, tier]);

  async function download(owner: Session, query: string) {
    return t.http
      .get(`/api/v1/audit-logs/export?${query}`)
      .set(owner.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
  }

  async function proOrgWithHistory(): Promise<Session> {
    const owner = await signUp(t.http);
    await setPlan(owner.organizationId, 'pro');
    for (let i = 0; i < 3; i++) {
      await t.http
        .post(`/api/v1/organizations/${owner.organizationId}/invites`)
        .set(owner.auth)
        .send({ email: uniqueEmail(), role: 'viewer' })
        .expect(201);
    }
    return owner;
  }

  it('streams NDJSON, newest first, with the list’s filters', async () => {
    const owner = await proOrgWithHistory();
    const response = await download(owner, 'format=ndjson');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const entries = (response.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.map((e) => e.action)).toEqual(['invite.created', 'invite.created', 'invite.created', 'organization.created']);
    const filtered = await download(owner, 'format=ndjson&action=organization.created');
    expect((filtered.body as string).trim().split('\n')).toHaveLength(1);
  });

  it('streams CSV with a header row and JSON metadata', async () => {
    const owner = await proOrgWithHistory();
    const response = await download(owner, 'format=csv');
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = parse(response.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ action: 'invite.created', actorType: 'user', actorId: owner.userId, actorEmail: owner.email });
    expect(JSON.parse(rows[0].metadata)).toMatchObject({ role: 'viewer' });
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const owner = await proOrgWithHistory();
    // The user agent is the caller's to choose, and the export writes it as it came.
    const agents = ['=HYPERLINK("http://evil.test")', '+1+1', '-2', '@SUM(A1)'];
    for (const agent of agents) {
      await t.http.post('/api/v1/sites').set(owner.auth).set('User-Agent', agent).send({ name: 'Formula' }).expect(201);
    }
    const response = await download(owner, 'format=csv&action=site.created');
    const rows = parse(response.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.userAgent).sort()).toEqual(agents.map((agent) => `'${agent}`).sort());
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is a Pro feature: Free gets 402 PLAN_FEATURE_UNAVAILABLE', async () => {
    const owner = await signUp(t.http);
    const refused = await t.http.get('/api/v1/audit-logs/export?format=csv').set(owner.auth).expect(402);
    expect(refused.body.error).toEqual({
      code: 'PLAN_FEATURE_UNAVAILABLE',
      message: 'Your plan does not include the feature auditExport; it starts with the pro plan',
      details: {
        feature: 'auditExport',
        requiredTier: 'pro',
        upgradeUrl: expect.stringMatching(/^http:\/\/localhost:3000\/o\/[a-z0-9-]+\/billing$/),
      },
    });
  });

  it('needs audit:read and a valid format', async () => {
    const owner = await proOrgWithHistory();
    await t.http.get('/api/v1/audit-logs/export?format=xml').set(owner.auth).expect(400);
    await t.http.get('/api/v1/audit-logs/export').set(owner.auth).expect(400);
    const key = await t.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'ro', role: 'viewer' }).expect(201);
    const refused = await t.http.get('/api/v1/audit-logs/export?format=csv').set('X-API-Key', key.body.data.key).expect(403);
    expect(refused.body.error.details).toEqual({ permission: 'audit:read' });
  });

  it('contains only the caller’s organization', async () => {
    const [mine, theirs] = [await proOrgWithHistory(), await proOrgWithHistory()];
    const text = (await download(mine, 'format=ndjson')).body as string;
    expect(text).not.toContain(theirs.organizationId);
    expect(text).not.toContain(theirs.email);
  });
});
