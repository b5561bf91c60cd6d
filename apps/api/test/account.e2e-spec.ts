import {
  addMember,
  errorBody,
  expectStatus,
  expectValidationFailed,
  type Headers,
  Inbox,
  waitUntil,
  jwtClaims,
  mailJobsTo,
  tokenFromMail,
  uniqueEmail,
  V1,
  VALID_PASSWORD,
} from '@plinth/testing';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sandboxEventsSent, subscribe } from './billing-fixtures';
import { Session, signUp, startTestApp, TestApp } from './harness';

const inbox = new Inbox();
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NEW_PASSWORD = 'another-horse-77';
const PASSWORD_PROBLEM = 'newPassword must be 10 to 128 characters, with at least one letter and one digit';

const WRONG_PASSWORD = (field: string) => errorBody('FORBIDDEN', 'Current password is wrong', { field });
const SESSION_ENDED = errorBody('UNAUTHENTICATED', 'This session has ended; sign in again');
const ACCOUNT_GONE = errorBody('UNAUTHENTICATED', 'The account no longer exists');
const INVALID_REFRESH = errorBody('UNAUTHENTICATED', 'Refresh token is invalid, expired or revoked');
const INVALID_CREDENTIALS = errorBody('UNAUTHENTICATED', 'Invalid email or password');
const INVALID_LINK = errorBody('VALIDATION_FAILED', 'The link is invalid, expired or already used', [
  { field: 'token', problems: ['invalid, expired or already used'] },
]);

describe('account settings', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000', INVITES_PER_HOUR: '100000' });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const auth = (path: string) => `${V1}/auth/${path}`;
  const me = (headers: Headers) => t.http.get(auth('me')).set(headers);
  const login = (email: string, password = VALID_PASSWORD, userAgent = 'Test laptop/1.0') =>
    t.http.post(auth('login')).set('User-Agent', userAgent).send({ email, password });
  const refresh = (refreshToken: string, userAgent = 'Test laptop/1.0') =>
    t.http.post(auth('refresh')).set('User-Agent', userAgent).send({ refreshToken });
  const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

  /** A second device of the same account: a session of its own. */
  async function otherDevice(session: Session, userAgent = 'Test phone/2.0') {
    const { accessToken, refreshToken } = expectStatus(await login(session.email, VALID_PASSWORD, userAgent), 200).body.data;
    return { accessToken, refreshToken, auth: bearer(accessToken), familyId: jwtClaims(accessToken).fam as string };
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return row.n;
  }

  describe('PATCH /auth/me', () => {
    it('renames the caller, trimmed, and answers with the user', async () => {
      const session = await signUp(t.http, { name: 'Old Name' });
      const response = expectStatus(await t.http.patch(auth('me')).set(session.auth).send({ name: '  Ada Lovelace ' }), 200);

      expect(response.body).toEqual({
        success: true,
        data: {
          user: {
            id: session.userId,
            email: session.email,
            name: 'Ada Lovelace',
            emailVerified: false,
            isPlatformAdmin: false,
            createdAt: expect.stringMatching(ISO_UTC),
          },
        },
      });
      expect((await me(session.auth).expect(200)).body.data.user.name).toBe('Ada Lovelace');
    });

    it.each([
      ['no name', {}, ['name']],
      ['an empty name', { name: '   ' }, ['name']],
      ['a name too long', { name: 'x'.repeat(101) }, ['name']],
      ['a name that is not a string', { name: 42 }, ['name']],
      ['an unknown field', { name: 'Fine', email: 'mine@example.test' }, ['email']],
    ])('refuses %s with 400', async (_what, body, fields) => {
      const session = await signUp(t.http);
      expectValidationFailed(await t.http.patch(auth('me')).set(session.auth).send(body), fields);
    });

    it('needs a signed-in user (401)', async () => {
      const response = await t.http.patch(auth('me')).send({ name: 'Nobody' });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /auth/verify-email/resend', () => {
    const resend = (headers: Headers) => t.http.post(auth('verify-email/resend')).set(headers);
    const verify = (token: string) => t.http.post(auth('verify-email')).send({ token });

    it('sends a new link once a minute, which works where the earlier one no longer does', async () => {
      const session = await signUp(t.http);
      const first = tokenFromMail((await inbox.waitFor(session.email, /^Confirm your email address$/)).text);
      const tooSoon = await resend(session.auth);
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.body.error.code).toBe('RATE_LIMITED');
      expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);

      await db.query(`UPDATE user_tokens SET created_at = created_at - interval '61 seconds' WHERE user_id = $1`, [session.userId]);
      expectStatus(await resend(session.auth), 202);
      const mails = async () => (await inbox.mailTo(session.email)).filter((m) => /^Confirm your email address$/.test(m.subject));
      await waitUntil('the second link arrives', async () => (await mails()).length === 2);
      const second = (await mails()).map((m) => tokenFromMail(m.text)).find((token) => token !== first) as string;

      expect({ status: (await verify(first)).status, body: (await verify(first)).body }).toEqual({ status: 400, body: INVALID_LINK });
      expectStatus(await verify(second), 200);
      expect(expectStatus(await me(session.auth), 200).body.data.user.emailVerified).toBe(true);
    });

    it('sends nothing once the address is confirmed, and needs a signed-in person', async () => {
      const session = await signUp(t.http);
      await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [session.userId]);
      await db.query(`UPDATE user_tokens SET created_at = created_at - interval '61 seconds' WHERE user_id = $1`, [session.userId]);
      expectStatus(await resend(session.auth), 202);
      expect(
        await count(`pgboss.job WHERE name = 'mail.send' AND data->>'to' = $1 AND data->>'template' = 'verifyEmail'`, [session.email]),
      ).toBe(1);
      expect((await t.http.post(auth('verify-email/resend'))).status).toBe(401);
    });
  });

  describe('POST /auth/password', () => {
    const changePassword = (headers: Headers, body: object) => t.http.post(auth('password')).set(headers).send(body);

    it('sets the new password: the old one no longer signs in, the new one does', async () => {
      const session = await signUp(t.http);
      const response = await changePassword(session.auth, { currentPassword: VALID_PASSWORD, newPassword: NEW_PASSWORD });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expect((await login(session.email, VALID_PASSWORD)).body).toEqual(INVALID_CREDENTIALS);
      await login(session.email, NEW_PASSWORD).expect(200);
      const [{ password_hash: hash }] = await db.query('SELECT password_hash FROM users WHERE id = $1', [session.userId]);
      expect(hash).toMatch(/^\$argon2id\$/);
    });

    it('signs every other session out at once, and keeps the caller’s', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);
      await me(phone.auth).expect(200);

      await changePassword(session.auth, { currentPassword: VALID_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

      // The other device's access token is refused on the very next request, signed-in-only and tenant routes alike.
      expect((await me(phone.auth)).body).toEqual(SESSION_ENDED);
      const tenantRoute = await t.http.get(`${V1}/organizations/${session.organizationId}`).set(phone.auth);
      expect({ status: tenantRoute.status, body: tenantRoute.body }).toEqual({ status: 401, body: SESSION_ENDED });
      expect((await refresh(phone.refreshToken)).body).toEqual(INVALID_REFRESH);

      await me(session.auth).expect(200);
      await t.http.get(`${V1}/organizations/${session.organizationId}`).set(session.auth).expect(200);
      await refresh(session.refreshToken).expect(200);
    });

    it('voids a password-reset link sent before', async () => {
      const session = await signUp(t.http);
      await t.http.post(auth('password-reset')).send({ email: session.email }).expect(202);
      const resetToken = tokenFromMail((await inbox.waitFor(session.email, /^Reset your password$/)).text);

      await changePassword(session.auth, { currentPassword: VALID_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

      const reset = await t.http.post(auth('password-reset/confirm')).send({ token: resetToken, password: 'third-horse-99' });
      expect(reset.body).toEqual(INVALID_LINK);
      await login(session.email, NEW_PASSWORD).expect(200);
    });

    it('refuses a wrong current password with 403 and changes nothing', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);

      const response = await changePassword(session.auth, { currentPassword: 'not-my-password-1', newPassword: NEW_PASSWORD });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(WRONG_PASSWORD('currentPassword'));

      await login(session.email, VALID_PASSWORD).expect(200);
      await me(phone.auth).expect(200);
    });

    it('holds the new password to the signup rule (400)', async () => {
      const session = await signUp(t.http);
      const response = await changePassword(session.auth, { currentPassword: VALID_PASSWORD, newPassword: 'short1' });
      expect(response.body).toEqual(
        errorBody('VALIDATION_FAILED', 'Invalid request: newPassword', [{ field: 'newPassword', problems: [PASSWORD_PROBLEM] }]),
      );
      await login(session.email, VALID_PASSWORD).expect(200);
    });

    it.each([
      ['an empty body', {}, ['currentPassword', 'newPassword']],
      ['a password without a digit', { currentPassword: VALID_PASSWORD, newPassword: 'only-letters-here' }, ['newPassword']],
      ['an unknown field', { currentPassword: VALID_PASSWORD, newPassword: NEW_PASSWORD, userId: randomUUID() }, ['userId']],
    ])('refuses %s with 400', async (_what, body, fields) => {
      const session = await signUp(t.http);
      expectValidationFailed(await changePassword(session.auth, body), fields);
    });
  });

  describe('email change', () => {
    const requestChange = (headers: Headers, body: object) => t.http.post(auth('email-change')).set(headers).send(body);
    const confirm = (token: unknown) => t.http.post(auth('email-change/confirm')).send({ token });

    async function confirmToken(newEmail: string): Promise<string> {
      const mail = await inbox.waitFor(newEmail, /^Confirm your new email address$/);
      expect(mail.text).toMatch(/http:\/\/localhost:3000\/confirm-email\?token=[\w-]{43}\b/);
      return tokenFromMail(mail.text);
    }

    it('mails a confirm link to the new address and a notice to the old one; the address changes once confirmed', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('moved');

      const response = await requestChange(session.auth, { newEmail: `  ${newEmail.toUpperCase()} `, password: VALID_PASSWORD });
      expect(response.status).toBe(202);

      const token = await confirmToken(newEmail);
      const notice = await inbox.waitFor(session.email, /^Your Plinth sign-in address is being changed$/);
      expect(notice.text).toContain(newEmail);
      expect((await me(session.auth).expect(200)).body.data.user.email).toBe(session.email);

      const confirmed = expectStatus(await confirm(token), 200);
      expect(confirmed.body.data).toEqual({
        user: expect.objectContaining({ id: session.userId, email: newEmail, emailVerified: true }),
      });
      expect((await me(session.auth).expect(200)).body.data.user).toMatchObject({ email: newEmail, emailVerified: true });
      await login(newEmail).expect(200);
      expect((await login(session.email)).body).toEqual(INVALID_CREDENTIALS);
    });

    it('stores the token only as its SHA-256, and queues the link sealed', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('sealed');
      await requestChange(session.auth, { newEmail, password: VALID_PASSWORD }).expect(202);
      const token = await confirmToken(newEmail);

      const rows = await db.query(`SELECT token_hash, new_email FROM user_tokens WHERE user_id = $1 AND purpose = 'email_change'`, [
        session.userId,
      ]);
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex'), new_email: newEmail }]);
      const jobs = await db.query(`SELECT data::text AS data FROM pgboss.job WHERE name = 'mail.send' AND data->>'to' = $1`, [newEmail]);
      expect(jobs).toHaveLength(1);
      expect(jobs[0].data).not.toContain(token);
    });

    it('uses a link once', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('once');
      await requestChange(session.auth, { newEmail, password: VALID_PASSWORD }).expect(202);
      const token = await confirmToken(newEmail);
      await confirm(token).expect(200);

      const again = await confirm(token);
      expect(again.status).toBe(400);
      expect(again.body).toEqual(INVALID_LINK);
    });

    it('refuses an expired link, and a garbage one', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('expired');
      await requestChange(session.auth, { newEmail, password: VALID_PASSWORD }).expect(202);
      const token = await confirmToken(newEmail);
      await db.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [session.userId]);

      expect((await confirm(token)).body).toEqual(INVALID_LINK);
      expect((await confirm('garbage')).body).toEqual(INVALID_LINK);
      expect((await me(session.auth).expect(200)).body.data.user.email).toBe(session.email);
    });

    it('keeps only the latest request’s link working', async () => {
      const session = await signUp(t.http);
      const first = uniqueEmail('first');
      const second = uniqueEmail('second');
      await requestChange(session.auth, { newEmail: first, password: VALID_PASSWORD }).expect(202);
      const firstToken = await confirmToken(first);
      await requestChange(session.auth, { newEmail: second, password: VALID_PASSWORD }).expect(202);
      const secondToken = await confirmToken(second);

      expect((await confirm(firstToken)).body).toEqual(INVALID_LINK);
      expect((await confirm(secondToken).expect(200)).body.data.user.email).toBe(second);
    });

    it('refuses a wrong password with 403 and mails nothing', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('nope');
      const response = await requestChange(session.auth, { newEmail, password: 'not-my-password-1' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(WRONG_PASSWORD('password'));
      expect(await mailJobsTo(db, newEmail)).toEqual([]);
    });

    it('refuses an address of another account with 409', async () => {
      const session = await signUp(t.http);
      const other = await signUp(t.http);
      const response = await requestChange(session.auth, { newEmail: other.email.toUpperCase(), password: VALID_PASSWORD });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(errorBody('CONFLICT', 'An account with this email already exists', { field: 'newEmail' }));
    });

    it('checks again at confirmation: an address taken meanwhile is refused with 409', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('contested');
      await requestChange(session.auth, { newEmail, password: VALID_PASSWORD }).expect(202);
      const token = await confirmToken(newEmail);
      await signUp(t.http, { email: newEmail });

      const response = await confirm(token);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      expect((await me(session.auth).expect(200)).body.data.user.email).toBe(session.email);
    });

    it('is cancelled by a password change', async () => {
      const session = await signUp(t.http);
      const newEmail = uniqueEmail('cancelled');
      await requestChange(session.auth, { newEmail, password: VALID_PASSWORD }).expect(202);
      const token = await confirmToken(newEmail);
      await t.http
        .post(auth('password'))
        .set(session.auth)
        .send({ currentPassword: VALID_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);

      expect((await confirm(token)).body).toEqual(INVALID_LINK);
    });

    it.each([
      ['an empty body', {}, ['newEmail', 'password']],
      ['an invalid address', { newEmail: 'not-an-address', password: VALID_PASSWORD }, ['newEmail']],
      ['an unknown field', { newEmail: 'x@example.test', password: VALID_PASSWORD, email: 'y@example.test' }, ['email']],
    ])('refuses %s with 400', async (_what, body, fields) => {
      const session = await signUp(t.http);
      expectValidationFailed(await requestChange(session.auth, body), fields);
    });

    it('refuses the address the account already has with 400', async () => {
      const session = await signUp(t.http);
      const response = await requestChange(session.auth, { newEmail: session.email, password: VALID_PASSWORD });
      expect(response.body).toEqual(
        errorBody('VALIDATION_FAILED', 'This is already your email address', [
          { field: 'newEmail', problems: ['newEmail is already your email address'] },
        ]),
      );
    });

    it('refuses a confirmation without a token with 400', async () => {
      expectValidationFailed(await t.http.post(auth('email-change/confirm')).send({}), ['token']);
      expectValidationFailed(await confirm(42), ['token']);
    });
  });

  describe('GET /auth/sessions', () => {
    const sessions = async (headers: Headers) => expectStatus(await t.http.get(auth('sessions')).set(headers), 200).body.data;

    it('lists one entry per signed-in device, the caller’s marked current', async () => {
      const session = await signUp(t.http);
      const laptop = expectStatus(await login(session.email, VALID_PASSWORD, 'Test laptop/1.0'), 200).body.data;
      const phone = await otherDevice(session, 'Test phone/2.0');

      const listed = await sessions(bearer(laptop.accessToken));
      expect(listed).toHaveLength(3);
      expect(listed[0]).toEqual({
        id: phone.familyId,
        createdAt: expect.stringMatching(ISO_UTC),
        lastUsedAt: expect.stringMatching(ISO_UTC),
        userAgent: 'Test phone/2.0',
        ip: expect.any(String),
        current: false,
      });
      expect(listed[1]).toMatchObject({ id: jwtClaims(laptop.accessToken).fam, userAgent: 'Test laptop/1.0', current: true });
      expect(listed[2]).toMatchObject({ id: jwtClaims(session.accessToken).fam, current: false });
      expect(listed.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    });

    it('shows a refresh as the session’s last use, from the refreshing device', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session, 'Old phone/1.0');
      const [before] = await sessions(phone.auth);
      await refresh(phone.refreshToken, 'Updated phone/1.1').expect(200);

      const entry = (await sessions(session.auth)).find((s: { id: string }) => s.id === phone.familyId);
      expect(entry).toMatchObject({ createdAt: before.createdAt, userAgent: 'Updated phone/1.1' });
      expect(Date.parse(entry.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(before.lastUsedAt));
    });

    it('leaves out sessions that ended', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);
      await t.http.post(auth('logout')).send({ refreshToken: phone.refreshToken }).expect(204);

      const listed = await sessions(session.auth);
      expect(listed.map((s: { id: string }) => s.id)).toEqual([jwtClaims(session.accessToken).fam]);
    });

    it('needs a signed-in user (401)', async () => {
      expect((await t.http.get(auth('sessions'))).status).toBe(401);
    });
  });

  describe('DELETE /auth/sessions/:id', () => {
    const revoke = (headers: Headers, id: string) => t.http.delete(auth(`sessions/${id}`)).set(headers);

    it('signs that session out: its access token is refused at once, its refresh token too', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);

      const response = await revoke(session.auth, phone.familyId);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expect((await me(phone.auth)).body).toEqual(SESSION_ENDED);
      expect((await t.http.get(`${V1}/organizations/${session.organizationId}`).set(phone.auth)).status).toBe(401);
      expect((await refresh(phone.refreshToken)).body).toEqual(INVALID_REFRESH);
      await me(session.auth).expect(200);
      const listed = expectStatus(await t.http.get(auth('sessions')).set(session.auth), 200).body.data;
      expect(listed.map((s: { id: string }) => s.id)).not.toContain(phone.familyId);
    });

    it('answers another user’s session with 404, and leaves it alone', async () => {
      const session = await signUp(t.http);
      const stranger = await signUp(t.http);
      const strangerFamily = jwtClaims(stranger.accessToken).fam as string;

      const response = await revoke(session.auth, strangerFamily);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(errorBody('NOT_FOUND', 'Session not found'));
      await me(stranger.auth).expect(200);
      await refresh(stranger.refreshToken).expect(200);
    });

    it('answers an unknown or already ended session with 404', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);
      await revoke(session.auth, phone.familyId).expect(204);

      expect((await revoke(session.auth, phone.familyId)).status).toBe(404);
      expect((await revoke(session.auth, randomUUID())).status).toBe(404);
    });

    it('refuses an id that is not a UUID with 400', async () => {
      const session = await signUp(t.http);
      expectValidationFailed(await revoke(session.auth, 'not-a-uuid'), ['id']);
    });
  });

  describe('DELETE /auth/me', () => {
    const deleteAccount = (headers: Headers, body: object) => t.http.delete(auth('me')).set(headers).send(body);
    const organizationExists = async (id: string) => (await count('organizations WHERE id = $1', [id])) === 1;
    const userExists = async (id: string) => (await count('users WHERE id = $1', [id])) === 1;

    async function createOrganization(session: Session, name: string): Promise<string> {
      return expectStatus(await t.http.post(`${V1}/organizations`).set(session.auth).send({ name }), 201).body.data.id;
    }

    it('deletes the account with the organizations only it belongs to, and leaves the others (audited)', async () => {
      const session = await signUp(t.http);
      const second = await createOrganization(session, `Second ${randomUUID().slice(0, 8)}`);
      const host = await signUp(t.http);
      await addMember(t, host.auth, host.organizationId, session, 'editor');

      const response = await deleteAccount(session.auth, { password: VALID_PASSWORD });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expect(await userExists(session.userId)).toBe(false);
      expect(await organizationExists(session.organizationId)).toBe(false);
      expect(await organizationExists(second)).toBe(false);
      expect(await organizationExists(host.organizationId)).toBe(true);
      expect(await count('organization_members WHERE organization_id = $1', [host.organizationId])).toBe(1);
      const audit = await db.query(`SELECT actor_id, target_id FROM audit_logs WHERE organization_id = $1 AND action = 'member.left'`, [
        host.organizationId,
      ]);
      expect(audit).toEqual([{ actor_id: session.userId, target_id: session.userId }]);
    });

    it('ends the account’s sessions at once', async () => {
      const session = await signUp(t.http);
      const phone = await otherDevice(session);
      await deleteAccount(session.auth, { password: VALID_PASSWORD }).expect(204);

      expect((await me(session.auth)).body).toEqual(ACCOUNT_GONE);
      expect((await t.http.get(auth('sessions')).set(phone.auth)).body).toEqual(ACCOUNT_GONE);
      expect((await refresh(phone.refreshToken)).body).toEqual(INVALID_REFRESH);
      expect((await login(session.email)).body).toEqual(INVALID_CREDENTIALS);
    });

    it('cancels the subscription of an organization it deletes', async () => {
      const session = await signUp(t.http);
      await subscribe(t, session.auth, session.organizationId, 'pro', 'monthly');

      await deleteAccount(session.auth, { password: VALID_PASSWORD }).expect(204);

      await sandboxEventsSent(t, session.organizationId);
      const [row] = await db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing.sandbox-event'
            AND data->'events' @> '[{"type": "customer.subscription.deleted"}]' AND data::text LIKE '%' || $1 || '%'`,
        [session.organizationId],
      );
      expect(row.n).toBe(1);
      expect(await organizationExists(session.organizationId)).toBe(false);
    });

    it('refuses with 409 while the caller is the last owner of an organization with other members, and deletes nothing', async () => {
      const session = await signUp(t.http);
      const shared = await createOrganization(session, `Shared ${randomUUID().slice(0, 8)}`);
      const colleague = await signUp(t.http);
      await addMember(t, session.auth, shared, colleague, 'admin');

      const response = await deleteAccount(session.auth, { password: VALID_PASSWORD });
      expect(response.status).toBe(409);
      const [org] = await db.query('SELECT id, name, slug FROM organizations WHERE id = $1', [shared]);
      expect(response.body).toEqual(
        errorBody(
          'CONFLICT',
          'You are the last owner of organizations that have other members: transfer their ownership (or remove the other members) first',
          { rule: 'last_owner', organizations: [org] },
        ),
      );
      expect(await userExists(session.userId)).toBe(true);
      expect(await organizationExists(session.organizationId)).toBe(true);
      expect(await organizationExists(shared)).toBe(true);
      await me(session.auth).expect(200);
    });

    it('leaves an organization that has another owner', async () => {
      const session = await signUp(t.http);
      const shared = await createOrganization(session, `Co-owned ${randomUUID().slice(0, 8)}`);
      const coOwner = await signUp(t.http);
      await addMember(t, session.auth, shared, coOwner, 'owner');

      await deleteAccount(session.auth, { password: VALID_PASSWORD }).expect(204);

      expect(await organizationExists(shared)).toBe(true);
      expect(await db.query('SELECT user_id, role FROM organization_members WHERE organization_id = $1', [shared])).toEqual([
        { user_id: coOwner.userId, role: 'owner' },
      ]);
    });

    it('refuses a wrong password with 403 and keeps everything', async () => {
      const session = await signUp(t.http);
      const response = await deleteAccount(session.auth, { password: 'not-my-password-1' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(WRONG_PASSWORD('password'));
      expect(await userExists(session.userId)).toBe(true);
      expect(await organizationExists(session.organizationId)).toBe(true);
    });

    it.each([
      ['no password', {}, ['password']],
      ['an unknown field', { password: VALID_PASSWORD, force: true }, ['force']],
    ])('refuses %s with 400', async (_what, body, fields) => {
      const session = await signUp(t.http);
      expectValidationFailed(await deleteAccount(session.auth, body), fields);
      expect(await userExists(session.userId)).toBe(true);
    });
  });

  // Last on purpose: @nestjs/passport's strategies are process-wide, so the app started last serves
  // every app's login. Keep any test that uses `t` above this block.
  describe('password confirmation rate limit (own app, 3 a minute per account)', () => {
    let limited: TestApp;
    beforeAll(async () => (limited = await startTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '3', AUTH_RATE_LIMIT_PER_IP: '100000' })));
    afterAll(() => limited.close());

    const changePassword = (session: Session, currentPassword: string) =>
      limited.http.post(auth('password')).set(session.auth).send({ currentPassword, newPassword: NEW_PASSWORD });

    it('answers the 4th attempt in a minute with 429, and counts per account', async () => {
      const session = await signUp(limited.http);
      for (let i = 0; i < 3; i++) await changePassword(session, 'wrong-password-1').expect(403);

      const response = await changePassword(session, VALID_PASSWORD);
      expect(response.status).toBe(429);
      expect(response.body.error.code).toBe('RATE_LIMITED');
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      const other = await signUp(limited.http);
      await changePassword(other, VALID_PASSWORD).expect(204);
    });
  });
});
