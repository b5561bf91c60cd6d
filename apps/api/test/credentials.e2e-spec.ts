import {
  changeRole,
  createKey,
  invite,
  join,
  newOrg,
  send,
  signUp,
  sleep,
  sqlNumber,
  createScratchDatabase,
  tokenFromMail,
  Inbox,
  uniqueEmail,
  V1,
} from '@plinth/testing';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './harness';

/** Sessions and credentials end when a user expects them to, and API keys cannot manage people. */
describe('credentials and sessions', () => {
  let t: TestApp;
  let db: DataSource;
  const inbox = new Inbox();

  beforeAll(async () => {
    t = await startTestApp({
      AUTH_RATE_LIMIT_PER_IP: '100000',
      TRUST_PROXY: 'true',
      PLATFORM_ADMIN_EMAILS: 'root@plinth.test,unverified-root@plinth.test',
    });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const status = async (request: () => PromiseLike<{ status: number }>) => (await request()).status;

  describe('a session that ends takes its access tokens with it', () => {
    it.each([
      ['logout', (s: { refreshToken: string }) => t.http.post(`${V1}/auth/logout`).send({ refreshToken: s.refreshToken }).expect(204)],
      [
        'refresh-token reuse',
        async (s: { refreshToken: string }) => {
          await t.http.post(`${V1}/auth/refresh`).send({ refreshToken: s.refreshToken }).expect(200);
          await t.http.post(`${V1}/auth/refresh`).send({ refreshToken: s.refreshToken }).expect(401);
        },
      ],
    ])('after %s, on tenant routes and signed-in routes alike', async (_case, end) => {
      const session = await signUp(t.http);
      await t.http.get(`${V1}/sites`).set(session.auth).expect(200);
      await end(session);
      expect(await status(() => t.http.get(`${V1}/sites`).set(session.auth))).toBe(401);
      expect(await status(() => t.http.get(`${V1}/auth/me`).set(session.auth))).toBe(401);
    });

    it('after a password reset, every session of the user', async () => {
      const session = await signUp(t.http);
      const other = await t.http.post(`${V1}/auth/login`).send({ email: session.email, password: 'correct-horse-42' }).expect(200);
      await t.http.post(`${V1}/auth/password-reset`).send({ email: session.email }).expect(202);
      const token = tokenFromMail((await inbox.waitFor(session.email, /Reset your password/)).text);
      await t.http.post(`${V1}/auth/password-reset/confirm`).send({ token, password: 'another-horse-43' }).expect(204);
      expect(await status(() => t.http.get(`${V1}/sites`).set(session.auth))).toBe(401);
      expect(await status(() => t.http.get(`${V1}/auth/me`).set({ Authorization: `Bearer ${other.body.data.accessToken}` }))).toBe(401);
    });
  });

  it('kills every other unused reset token when one is confirmed', async () => {
    const session = await signUp(t.http);
    await t.http.post(`${V1}/auth/password-reset`).send({ email: session.email }).expect(202);
    await t.http.post(`${V1}/auth/password-reset`).send({ email: session.email }).expect(202);
    await waitForMails(session.email, /Reset your password/, 2);
    const [first, second] = (await inbox.mailTo(session.email))
      .filter((m) => /Reset your password/.test(m.subject))
      .map((m) => tokenFromMail(m.text));
    await t.http.post(`${V1}/auth/password-reset/confirm`).send({ token: first, password: 'another-horse-43' }).expect(204);
    expect(await status(() => t.http.post(`${V1}/auth/password-reset/confirm`).send({ token: second, password: 'third-horse-44' }))).toBe(
      400,
    );
  });

  it('keeps the links of queued mails sealed: no token in the job table, and the mail still works', async () => {
    const session = await signUp(t.http);
    const jobs: Array<{ data: string }> = await db.query(
      `SELECT data::text AS data FROM pgboss.job WHERE name = 'mail.send' AND data->>'to' = $1 AND data->>'template' = 'verifyEmail'`,
      [session.email],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).not.toMatch(/token=|verify-email/);
    const token = tokenFromMail((await inbox.waitFor(session.email, /Confirm your email/)).text);
    await t.http.post(`${V1}/auth/verify-email`).send({ token }).expect(200);
  });

  describe('removing a member', () => {
    it('revokes the API keys they created and the invites they sent, and says so in the audit log', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const key = await createKey(t, admin.auth, 'viewer');
      const sent = await invite(t, admin.auth, org.id);
      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${admin.userId}`, headers: org.owner.auth }).expect(204);
      expect(await status(() => t.http.get(`${V1}/sites`).set('X-API-Key', key.key))).toBe(401);
      expect(await status(() => t.http.get(`${V1}/organizations/invites/${sent.inviteToken}`))).toBe(404);
      const [entry] = await db.query(`SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'member.removed'`, [org.id]);
      expect(entry.metadata).toMatchObject({ revokedApiKeys: 1, revokedInvites: 1, keepApiKeys: false });
    });

    it('keeps their API keys with keepApiKeys=true (audited)', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const key = await createKey(t, admin.auth, 'viewer');
      await t.http.delete(`${V1}/organizations/${org.id}/members/${admin.userId}?keepApiKeys=true`).set(org.owner.auth).expect(204);
      await t.http.get(`${V1}/sites`).set('X-API-Key', key.key).expect(200);
      const [entry] = await db.query(`SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'member.removed'`, [org.id]);
      expect(entry.metadata).toMatchObject({ revokedApiKeys: 0, keepApiKeys: true });
    });

    it('revokes the keys of a member demoted below apikeys:manage', async () => {
      const org = await newOrg(t);
      const admin = await join(t, org, 'admin');
      const key = await createKey(t, admin.auth, 'viewer');
      await changeRole(t, org.owner.auth, org.id, admin.userId, 'editor');
      expect(await status(() => t.http.get(`${V1}/sites`).set('X-API-Key', key.key))).toBe(401);
    });
  });

  it.each([
    ['create an API key', 'post', '/api-keys', { name: 'k', role: 'viewer' }],
    ['list API keys', 'get', '/api-keys', undefined],
    ['invite', 'post', '/organizations/:org/invites', { email: 'x@example.test', role: 'viewer' }],
    ['change a role', 'patch', '/organizations/:org/members/:member', { role: 'viewer' }],
    ['remove a member', 'delete', '/organizations/:org/members/:member', undefined],
  ] as const)('refuses an admin API key the right to %s (403)', async (_case, method, path, body) => {
    const org = await newOrg(t);
    const member = await join(t, org, 'editor');
    const key = await createKey(t, org.owner.auth, 'admin');
    const url = `${V1}${path.replace(':org', org.id).replace(':member', member.userId)}`;
    const response = await t.http[method](url).set('X-API-Key', key.key).send(body);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('gives platform admin rights to a listed address only once it is verified', async () => {
    const unverified = await signUp(t.http, { email: 'unverified-root@plinth.test' });
    expect(await status(() => t.http.get(`${V1}/admin/organizations`).set(unverified.auth))).toBe(403);
    expect((await t.http.get(`${V1}/auth/me`).set(unverified.auth)).body.data.user.isPlatformAdmin).toBe(false);
    await db.query(`UPDATE users SET email_verified_at = now() WHERE id = $1`, [unverified.userId]);
    await t.http.get(`${V1}/admin/organizations`).set(unverified.auth).expect(200);
  });

  describe('invites', () => {
    it('resends an invite at most once a minute (429)', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      const resend = () => t.http.post(`${V1}/organizations/${org.id}/invites/${sent.id}/resend`).set(org.owner.auth);
      const first = await resend();
      expect(first.status).toBe(429);
      expect(Number(first.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('resends an invite at most 5 times a day (429)', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      const resend = () => t.http.post(`${V1}/organizations/${org.id}/invites/${sent.id}/resend`).set(org.owner.auth);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        await db.query(`UPDATE invites SET last_sent_at = now() - interval '2 minutes' WHERE id = $1`, [sent.id]);
        statuses.push((await resend()).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it('caps the invites an organization sends per hour', async () => {
      const org = await newOrg(t);
      await db.query(
        `INSERT INTO invites (organization_id, email, role, token_hash, expires_at, revoked_at)
         SELECT $1::uuid, 'cap-' || g || '@example.test', 'viewer', 'cap-' || g || '-' || $1::text, now() + interval '7 days', now()
           FROM generate_series(1, 50) AS g`,
        [org.id],
      );
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/invites`,
        headers: org.owner.auth,
        body: { email: uniqueEmail(), role: 'viewer' },
      });
      expect(response.status).toBe(429);
    });

    it('names the organization and the inviter as plain, short text in the mail', async () => {
      const owner = await signUp(t.http, {
        name: `<b>Mallory</b>\r\nBcc: victim@example.test ${'x'.repeat(40)}`,
        organizationName: `<script>alert(1)</script> ${'y'.repeat(70)}`,
      });
      const email = uniqueEmail('invitee');
      await invite(t, owner.auth, owner.organizationId, email);
      const mail = await inbox.waitFor(email, /invited you/);
      expect(mail.subject.length).toBeLessThan(250);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>Mallory');
    });
  });

  describe('login limits', () => {
    it('locks out only the (address, IP) that keeps failing, and slows other IPs rather than refusing them', async () => {
      const victim = await signUp(t.http);
      const fail = (ip: string) =>
        t.http.post(`${V1}/auth/login`).set('X-Forwarded-For', ip).send({ email: victim.email, password: 'wrong-password-1' });
      const attacker = '203.0.113.7';
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fail(attacker)).status);
      expect(statuses.slice(-1)).toEqual([429]);
      // The owner, from elsewhere, still signs in.
      await t.http
        .post(`${V1}/auth/login`)
        .set('X-Forwarded-For', '198.51.100.1')
        .send({ email: victim.email, password: 'correct-horse-42' })
        .expect(200);
    });
  });

  describe('organizations', () => {
    it('never derives a slug that looks like a UUID, from a name that does', async () => {
      const owner = await signUp(t.http);
      await t.http
        .post(`${V1}/organizations`)
        .set(owner.auth)
        .send({ name: 'Tricky', slug: '123e4567-e89b-42d3-a456-426614174000' })
        .expect(400);
      const created = await t.http
        .post(`${V1}/organizations`)
        .set(owner.auth)
        .send({ name: '123e4567-e89b-42d3-a456-426614174000' })
        .expect(201);
      expect(created.body.data.slug).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    });

    it('lets a user own at most 3 Free organizations', async () => {
      const owner = await signUp(t.http);
      await t.http.post(`${V1}/organizations`).set(owner.auth).send({ name: 'Second' }).expect(201);
      await t.http.post(`${V1}/organizations`).set(owner.auth).send({ name: 'Third' }).expect(201);
      const fourth = await t.http.post(`${V1}/organizations`).set(owner.auth).send({ name: 'Fourth' });
      expect({ status: fourth.status, code: fourth.body.error?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    });
  });

  // Last: it starts a second app, whose login strategy then serves this process (see harness).
  it('does the same for a reset request of an unknown address as of a known one: queue a job, after which the work happens', async () => {
    // Its own database and no workers: what the request itself did stays visible.
    const scratch = await createScratchDatabase(db, t.config.DATABASE_URL);
    const quiet = await startTestApp({ DATABASE_URL: scratch.url, JOBS_ENABLED: 'false' });
    try {
      const known = await signUp(quiet.http);
      const scratchDb = quiet.app.get(DataSource);
      const tokensBefore = await sqlNumber(scratchDb, 'SELECT count(*) FROM user_tokens');
      await quiet.http.post(`${V1}/auth/password-reset`).send({ email: known.email }).expect(202);
      await quiet.http
        .post(`${V1}/auth/password-reset`)
        .send({ email: uniqueEmail('nobody') })
        .expect(202);
      expect(await sqlNumber(scratchDb, 'SELECT count(*) FROM user_tokens')).toBe(tokensBefore);
      expect(await sqlNumber(scratchDb, `SELECT count(*) FROM pgboss.job WHERE name = 'auth.password-reset'`)).toBe(2);
    } finally {
      await quiet.close();
      await scratch.drop();
    }
  });

  async function waitForMails(email: string, subject: RegExp, count: number) {
    for (let i = 0; i < 100; i++) {
      if ((await inbox.mailTo(email)).filter((m) => subject.test(m.subject)).length >= count) return;
      await sleep(100);
    }
    throw new Error(`fewer than ${count} mails to ${email}`);
  }
});
