import {
  emailOfLength,
  errorBody,
  expectValidationFailed,
  Inbox,
  jwtClaims,
  mailJobsTo,
  signJwt,
  signupBody,
  swapPayload,
  tamperSignature,
  tokenFromMail,
  uniqueEmail,
  VALID_PASSWORD,
} from '@plinth/testing';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Session, signUp, startTestApp, TestApp } from './harness';

const inbox = new Inbox();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const PASSWORD_PROBLEM = 'password must be 10 to 128 characters, with at least one letter and one digit';
const NEW_PASSWORD = 'another-horse-77';

/** API.md's permission matrix: the owner holds every permission in it (and may hold owner-only extras). */
const OWNER_PERMISSIONS = [
  'billing:manage',
  'billing:read',
  'members:invite',
  'members:remove',
  'members:update',
  'sites:create',
  'sites:delete',
  'settings:manage',
  'posts:create',
  'posts:edit',
  'media:upload',
  'posts:publish',
  'posts:read',
  'sites:read',
  'members:read',
  'quotas:read',
  'apikeys:manage',
  'webhooks:manage',
  'audit:read',
];

const INVALID_CREDENTIALS = errorBody('UNAUTHENTICATED', 'Invalid email or password');
const INVALID_REFRESH = errorBody('UNAUTHENTICATED', 'Refresh token is invalid, expired or revoked');
const WEAK_PASSWORD = errorBody('VALIDATION_FAILED', 'Invalid request: password', [{ field: 'password', problems: [PASSWORD_PROBLEM] }]);
const INVALID_LINK = errorBody('VALIDATION_FAILED', 'The link is invalid, expired or already used', [
  { field: 'token', problems: ['invalid, expired or already used'] },
]);

describe('auth', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const post = (path: string) => t.http.post(`/api/v1/auth/${path}`);
  const login = (email: string, password = VALID_PASSWORD) => post('login').send({ email, password });
  const refresh = (refreshToken: string) => post('refresh').send({ refreshToken });
  const me = (accessToken: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);

  async function countOrganizationsNamed(name: string): Promise<number> {
    const [row] = await db.query('SELECT count(*)::int AS n FROM organizations WHERE name = $1', [name]);
    return row.n;
  }

  async function countUsersWithEmail(email: string): Promise<number> {
    const [row] = await db.query('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email]);
    return row.n;
  }

  describe('POST /auth/signup', () => {
    it('creates the user and a Free organization they own, and signs them in', async () => {
      const body = signupBody({ name: 'Ada Lovelace' });
      const response = await post('signup').send(body).expect(201);

      expect(response.body).toEqual({
        success: true,
        data: {
          user: {
            id: expect.stringMatching(UUID),
            email: body.email,
            name: 'Ada Lovelace',
            emailVerified: false,
            isPlatformAdmin: false,
            createdAt: expect.stringMatching(ISO_UTC),
          },
          organization: {
            id: expect.stringMatching(UUID),
            name: "Ada Lovelace's organization",
            slug: expect.stringMatching(/^ada-lovelaces-organization/),
            logoUrl: null,
            planTier: 'free',
            createdAt: expect.stringMatching(ISO_UTC),
          },
          accessToken: expect.stringMatching(JWT),
          refreshToken: expect.any(String),
        },
      });
      const { user, organization } = response.body.data;
      const owners = await db.query('SELECT user_id, role FROM organization_members WHERE organization_id = $1', [organization.id]);
      expect(owners).toEqual([{ user_id: user.id, role: 'owner' }]);
    });

    it('names the organization as asked and selects it in the access token', async () => {
      const organizationName = `Analytical Engines ${randomUUID().slice(0, 8)}`;
      const response = await post('signup').send(signupBody({ organizationName })).expect(201);
      const { user, organization, accessToken } = response.body.data;
      expect(organization.name).toBe(organizationName);
      expect(jwtClaims(accessToken)).toMatchObject({ sub: user.id, org: organization.id, typ: 'access' });
    });

    it('stores the email trimmed and lower-cased', async () => {
      const email = uniqueEmail('MiXeD');
      const response = await post('signup')
        .send(signupBody({ email: `  ${email.toUpperCase()} ` }))
        .expect(201);
      expect(response.body.data.user.email).toBe(email.toLowerCase());
      await login(email.toLowerCase()).expect(200);
    });

    it('trims the name', async () => {
      const response = await post('signup')
        .send(signupBody({ name: '  Grace Hopper  ' }))
        .expect(201);
      expect(response.body.data.user.name).toBe('Grace Hopper');
    });

    it('sends the welcome mail and the verify-email mail', async () => {
      const body = signupBody({ organizationName: `Welcome Org ${randomUUID().slice(0, 8)}` });
      await post('signup').send(body).expect(201);

      const welcome = await inbox.waitFor(body.email, /^Welcome to Plinth$/);
      expect(welcome.text).toContain(body.organizationName);
      const verify = await inbox.waitFor(body.email, /^Confirm your email address$/);
      expect(verify.text).toMatch(/http:\/\/localhost:3000\/verify-email\?token=[\w-]{43}\b/);
    });

    it('refuses a registered email with 409 CONFLICT', async () => {
      const { email } = await signUp(t.http);
      const response = await post('signup').send(signupBody({ email }));
      expect(response.status).toBe(409);
      expect(response.body).toEqual(errorBody('CONFLICT', 'An account with this email already exists', { field: 'email' }));
    });

    it('refuses a registered email that differs only in case', async () => {
      const { email } = await signUp(t.http);
      const response = await post('signup').send(signupBody({ email: email.toUpperCase() }));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      expect(await countUsersWithEmail(email)).toBe(1);
    });

    it('leaves no organization behind when the email is taken', async () => {
      const { email } = await signUp(t.http);
      const organizationName = `Orphan ${randomUUID()}`;
      await post('signup').send(signupBody({ email, organizationName })).expect(409);
      expect(await countOrganizationsNamed(organizationName)).toBe(0);
    });

    it('lets exactly one of two simultaneous signups for one email through', async () => {
      const email = uniqueEmail('race');
      const organizationName = `Race ${randomUUID()}`;
      const responses = await Promise.all([1, 2].map(() => post('signup').send(signupBody({ email, organizationName }))));
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)?.body.error.code).toBe('CONFLICT');
      expect(await countOrganizationsNamed(organizationName)).toBe(1);
      expect(await countUsersWithEmail(email)).toBe(1);
    });

    it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
      const response = await post('signup').set('Content-Type', 'application/json').send('{"email": "a@b.test",');
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED', 'Malformed JSON body'));
    });

    it('answers an empty body with every required field', async () => {
      expectValidationFailed(await post('signup'), ['email', 'password', 'name']);
    });

    it('refuses wrong types, naming each field', async () => {
      const response = await post('signup').send({ email: 42, password: 1234567890123, name: true, organizationName: [] });
      expectValidationFailed(response, ['email', 'password', 'name', 'organizationName']);
    });

    it('refuses a body that is not an object', async () => {
      const response = await post('signup').set('Content-Type', 'application/json').send('"just a string"');
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a JSON array body', async () => {
      const response = await post('signup').send([signupBody()]);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('rejects unknown fields', async () => {
      const body = signupBody();
      const response = await post('signup').send({ ...body, isPlatformAdmin: true });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody('VALIDATION_FAILED', 'Invalid request: isPlatformAdmin', [
          { field: 'isPlatformAdmin', problems: ['property isPlatformAdmin should not exist'] },
        ]),
      );
      expect(await countUsersWithEmail(body.email)).toBe(0);
    });

    it('accepts a name of 100 characters', async () => {
      await post('signup')
        .send(signupBody({ name: 'n'.repeat(100) }))
        .expect(201);
    });

    it('refuses a name over 100 characters', async () => {
      expectValidationFailed(await post('signup').send(signupBody({ name: 'n'.repeat(101) })), ['name']);
    });

    it('refuses a blank name', async () => {
      expectValidationFailed(await post('signup').send(signupBody({ name: '   ' })), ['name']);
    });

    it('refuses an organization name over 100 characters', async () => {
      const response = await post('signup').send(signupBody({ organizationName: 'o'.repeat(101) }));
      expectValidationFailed(response, ['organizationName']);
    });

    it('accepts an email of 254 characters', async () => {
      const email = emailOfLength(254);
      const response = await post('signup').send(signupBody({ email })).expect(201);
      expect(response.body.data.user.email).toBe(email);
    });

    it('refuses an email over 254 characters', async () => {
      expectValidationFailed(await post('signup').send(signupBody({ email: emailOfLength(255) })), ['email']);
    });

    it.each(['not-an-email', 'a@', '@example.test', 'a b@example.test', ''])('refuses the bad email %p', async (email) => {
      expectValidationFailed(await post('signup').send(signupBody({ email })), ['email']);
    });

    it.each([
      ['too short', 'short-1'],
      ['without a digit', 'no-digits-at-all'],
      ['without a letter', '1234567890-42'],
      ['over 128 characters', `a1${'x'.repeat(127)}`],
    ])('refuses a password %s', async (_why, password) => {
      const response = await post('signup').send(signupBody({ password }));
      expect(response.status).toBe(400);
      expect(response.body).toEqual(WEAK_PASSWORD);
    });

    it('accepts a password of exactly 10 characters with a letter and a digit', async () => {
      await post('signup')
        .send(signupBody({ password: 'abcdefghi1' }))
        .expect(201);
    });
  });

  describe('POST /auth/login', () => {
    it('signs in and lists the organizations with the role', async () => {
      const session = await signUp(t.http);
      const response = await login(session.email).expect(200);

      expect(response.body).toEqual({
        success: true,
        data: {
          user: expect.objectContaining({ id: session.userId, email: session.email, emailVerified: false }),
          accessToken: expect.stringMatching(JWT),
          refreshToken: expect.any(String),
          organizations: [
            {
              id: session.organizationId,
              name: expect.any(String),
              slug: expect.any(String),
              logoUrl: null,
              planTier: 'free',
              createdAt: expect.stringMatching(ISO_UTC),
              role: 'owner',
            },
          ],
        },
      });
      expect(jwtClaims(response.body.data.accessToken)).toMatchObject({ sub: session.userId, org: session.organizationId });
    });

    it('accepts the email in any case', async () => {
      const session = await signUp(t.http);
      await login(` ${session.email.toUpperCase()} `).expect(200);
    });

    it('gives the same 401 for an unknown email and a wrong password', async () => {
      const session = await signUp(t.http);
      const unknown = await login(uniqueEmail('nobody'));
      const wrong = await login(session.email, 'wrong-password-1');

      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(INVALID_CREDENTIALS);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('answers a missing body with 400 before checking credentials', async () => {
      expectValidationFailed(await post('login'), ['email', 'password']);
    });

    it('refuses an invalid email with 400', async () => {
      expectValidationFailed(await login('not-an-email'), ['email']);
    });

    it('refuses a non-string password with 400', async () => {
      expectValidationFailed(await post('login').send({ email: uniqueEmail(), password: 1234567890 }), ['password']);
    });

    it('refuses unknown fields with 400', async () => {
      const response = await post('login').send({ email: uniqueEmail(), password: VALID_PASSWORD, remember: true });
      expectValidationFailed(response, ['remember']);
    });

    it('sends the rate-limit headers', async () => {
      const response = await login(uniqueEmail('headers'));
      expect(response.headers['x-ratelimit-limit']).toBe(String(t.config.AUTH_RATE_LIMIT_PER_IP));
      expect(Number(response.headers['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(0);
      expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates: returns a new pair, and the old refresh token then fails', async () => {
      const session = await signUp(t.http);
      const response = await refresh(session.refreshToken).expect(200);

      expect(response.body).toEqual({
        success: true,
        data: { accessToken: expect.stringMatching(JWT), refreshToken: expect.any(String) },
      });
      const next = response.body.data;
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(jwtClaims(next.accessToken)).toMatchObject({ sub: session.userId, org: session.organizationId });
      await me(next.accessToken).expect(200);

      const reused = await refresh(session.refreshToken);
      expect(reused.status).toBe(401);
      expect(reused.body).toEqual(INVALID_REFRESH);
    });

    it('revokes the whole family when a spent token is reused', async () => {
      const session = await signUp(t.http);
      const second = (await refresh(session.refreshToken).expect(200)).body.data.refreshToken;
      const newest = (await refresh(second).expect(200)).body.data.refreshToken;

      await refresh(session.refreshToken).expect(401);

      const response = await refresh(newest);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(INVALID_REFRESH);
    });

    it('leaves the user’s other sessions alone when one family is revoked', async () => {
      const session = await signUp(t.http);
      const otherDevice = (await login(session.email).expect(200)).body.data.refreshToken;
      await refresh(session.refreshToken).expect(200);
      await refresh(session.refreshToken).expect(401);

      await refresh(otherDevice).expect(200);
    });

    it('refuses an expired refresh token', async () => {
      const session = await signUp(t.http);
      await db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
        sha256(session.refreshToken),
      ]);
      expect((await refresh(session.refreshToken)).body).toEqual(INVALID_REFRESH);
    });

    it('refuses a garbage token with 401', async () => {
      const response = await refresh('not-a-refresh-token');
      expect(response.status).toBe(401);
      expect(response.body).toEqual(INVALID_REFRESH);
    });

    it('answers a missing token with 400', async () => {
      expectValidationFailed(await post('refresh').send({}), ['refreshToken']);
    });

    it('answers a non-string token with 400', async () => {
      expectValidationFailed(await post('refresh').send({ refreshToken: 12345 }), ['refreshToken']);
    });
  });

  describe('POST /auth/logout', () => {
    it('answers 204 with no body, and the refresh token no longer refreshes', async () => {
      const session = await signUp(t.http);
      const response = await post('logout').send({ refreshToken: session.refreshToken });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expect((await refresh(session.refreshToken)).body).toEqual(INVALID_REFRESH);
    });

    it('revokes the whole family, even when given an older token of it', async () => {
      const session = await signUp(t.http);
      const newest = (await refresh(session.refreshToken).expect(200)).body.data.refreshToken;

      await post('logout').send({ refreshToken: session.refreshToken }).expect(204);

      expect((await refresh(newest)).body).toEqual(INVALID_REFRESH);
    });

    it('signs out only that session', async () => {
      const session = await signUp(t.http);
      const otherDevice = (await login(session.email).expect(200)).body.data.refreshToken;
      await post('logout').send({ refreshToken: session.refreshToken }).expect(204);

      await refresh(otherDevice).expect(200);
    });

    it('is idempotent for an unknown token', async () => {
      await post('logout').send({ refreshToken: 'never-issued' }).expect(204);
    });

    it('answers a missing token with 400', async () => {
      expectValidationFailed(await post('logout'), ['refreshToken']);
    });
  });

  describe('GET /auth/me', () => {
    let session: Session;
    beforeAll(async () => (session = await signUp(t.http, { name: 'Me Myself' })));

    it('returns the user and their memberships with permissions', async () => {
      const response = await me(session.accessToken).expect(200);
      expect(response.body).toEqual({
        success: true,
        data: {
          user: {
            id: session.userId,
            email: session.email,
            name: 'Me Myself',
            emailVerified: false,
            isPlatformAdmin: false,
            createdAt: expect.stringMatching(ISO_UTC),
          },
          memberships: [
            {
              organizationId: session.organizationId,
              name: "Me Myself's organization",
              slug: expect.stringMatching(/^me-myselfs-organization/),
              role: 'owner',
              permissions: expect.any(Array),
              planTier: 'free',
            },
          ],
          hostOrganizationSlug: null,
          baseDomain: null,
          multiTenant: true,
        },
      });
      const { permissions } = response.body.data.memberships[0];
      expect(permissions).toContain('billing:manage');
      expect(permissions).toEqual(expect.arrayContaining(OWNER_PERMISSIONS));
      expect(new Set(permissions).size).toBe(permissions.length);
    });

    it('accepts a token signed with the test secret (the control for the forged tokens below)', async () => {
      const token = signJwt(t.config.JWT_SECRET, { sub: session.userId, org: session.organizationId, fam: randomUUID(), typ: 'access' });
      await me(token).expect(200);
    });

    it('answers without a token with 401 UNAUTHENTICATED', async () => {
      const response = await t.http.get('/api/v1/auth/me');
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Authentication required'));
    });

    it('refuses a token whose signature was changed', async () => {
      const response = await me(tamperSignature(session.accessToken));
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Access token is invalid'));
    });

    it('refuses a token whose claims were changed', async () => {
      const other = await signUp(t.http);
      const forged = swapPayload(session.accessToken, { ...jwtClaims(session.accessToken), sub: other.userId });
      const response = await me(forged);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Access token is invalid'));
    });

    it('refuses an expired token', async () => {
      const expired = signJwt(t.config.JWT_SECRET, {
        sub: session.userId,
        org: session.organizationId,
        typ: 'access',
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      const response = await me(expired);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Access token expired'));
    });

    it('refuses a token signed with another secret', async () => {
      const foreign = signJwt('another-secret-that-is-long-enough-987654', {
        sub: session.userId,
        org: session.organizationId,
        typ: 'access',
      });
      const response = await me(foreign);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Access token is invalid'));
    });

    it('refuses an unsigned (alg none) token', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify(jwtClaims(session.accessToken))).toString('base64url');
      expect((await me(`${header}.${payload}.`)).status).toBe(401);
    });

    it('refuses a signed token that is not an access token', async () => {
      const token = signJwt(t.config.JWT_SECRET, { sub: session.userId, org: session.organizationId, typ: 'refresh' });
      const response = await me(token);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a valid token of an account that does not exist', async () => {
      const token = signJwt(t.config.JWT_SECRET, { sub: randomUUID(), org: null, fam: randomUUID(), typ: 'access' });
      const response = await me(token);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'The account no longer exists'));
    });

    it('refuses a garbage bearer token', async () => {
      expect((await me('garbage')).status).toBe(401);
    });
  });

  describe('POST /auth/switch-organization', () => {
    const switchTo = (session: Session, organizationId: unknown) => post('switch-organization').set(session.auth).send({ organizationId });

    it('returns a pair whose org claim is the chosen organization', async () => {
      const session = await signUp(t.http);
      const response = await switchTo(session, session.organizationId).expect(200);

      expect(response.body).toEqual({
        success: true,
        data: { accessToken: expect.stringMatching(JWT), refreshToken: expect.any(String) },
      });
      expect(jwtClaims(response.body.data.accessToken)).toMatchObject({
        sub: session.userId,
        org: session.organizationId,
        typ: 'access',
      });
    });

    it('switches to another organization the user was added to, and refreshing keeps it', async () => {
      const session = await signUp(t.http);
      const host = await signUp(t.http);
      await db.query(`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'admin')`, [
        host.organizationId,
        session.userId,
      ]);

      const switched = (await switchTo(session, host.organizationId).expect(200)).body.data;
      expect(jwtClaims(switched.accessToken).org).toBe(host.organizationId);

      const refreshed = (await refresh(switched.refreshToken).expect(200)).body.data;
      expect(jwtClaims(refreshed.accessToken).org).toBe(host.organizationId);
    });

    it('ends the session it switched from: the old refresh token no longer works, the new one does', async () => {
      const session = await signUp(t.http);
      const switched = (await switchTo(session, session.organizationId).expect(200)).body.data;
      expect(jwtClaims(switched.accessToken).fam).not.toBe(jwtClaims(session.accessToken).fam);

      await refresh(session.refreshToken).expect(401);
      const refreshed = (await refresh(switched.refreshToken).expect(200)).body.data;
      expect(jwtClaims(refreshed.accessToken).fam).toBe(jwtClaims(switched.accessToken).fam);
    });

    it('refuses an organization the user does not belong to with 403 NOT_A_MEMBER', async () => {
      const session = await signUp(t.http);
      const stranger = await signUp(t.http);
      const response = await switchTo(session, stranger.organizationId);
      expect(response.status).toBe(403);
      expect(response.body).toEqual(errorBody('NOT_A_MEMBER', 'You are not a member of this organization'));
    });

    it('refuses an organization that does not exist with 403 NOT_A_MEMBER', async () => {
      const session = await signUp(t.http);
      const response = await switchTo(session, randomUUID());
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('NOT_A_MEMBER');
    });

    it('refuses a malformed id with 400', async () => {
      const session = await signUp(t.http);
      expectValidationFailed(await switchTo(session, 'not-a-uuid'), ['organizationId']);
    });

    it('needs a signed-in caller', async () => {
      const session = await signUp(t.http);
      const response = await post('switch-organization').send({ organizationId: session.organizationId });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED', 'Authentication required'));
    });
  });

  describe('POST /auth/verify-email', () => {
    async function signUpAndReadVerifyToken(): Promise<Session & { verifyToken: string }> {
      const session = await signUp(t.http);
      const mail = await inbox.waitFor(session.email, /^Confirm your email address$/);
      return { ...session, verifyToken: tokenFromMail(mail.text) };
    }

    it('confirms the address with the emailed token', async () => {
      const session = await signUpAndReadVerifyToken();
      const response = await post('verify-email').send({ token: session.verifyToken }).expect(200);
      expect(response.body).toEqual({ success: true, data: { emailVerified: true } });

      const after = await me(session.accessToken).expect(200);
      expect(after.body.data.user.emailVerified).toBe(true);
    });

    it('refuses the same token a second time', async () => {
      const session = await signUpAndReadVerifyToken();
      await post('verify-email').send({ token: session.verifyToken }).expect(200);
      const again = await post('verify-email').send({ token: session.verifyToken });
      expect(again.status).toBe(400);
      expect(again.body).toEqual(INVALID_LINK);
    });

    it('refuses a garbage token', async () => {
      const response = await post('verify-email').send({ token: 'garbage' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(INVALID_LINK);
    });

    it('refuses a missing token', async () => {
      expectValidationFailed(await post('verify-email').send({}), ['token']);
    });

    it('does not accept a verify token as a password-reset token', async () => {
      const session = await signUpAndReadVerifyToken();
      const response = await post('password-reset/confirm').send({ token: session.verifyToken, password: NEW_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(INVALID_LINK);
      await login(session.email).expect(200);
    });
  });

  describe('POST /auth/password-reset', () => {
    async function requestResetToken(email: string): Promise<string> {
      await post('password-reset').send({ email }).expect(202);
      const mail = await inbox.waitFor(email, /^Reset your password$/);
      expect(mail.text).toContain('http://localhost:3000/reset-password?token=');
      return tokenFromMail(mail.text);
    }

    it('answers 202 with the same body for a known and an unknown email', async () => {
      const session = await signUp(t.http);
      const known = await post('password-reset').send({ email: session.email });
      const unknown = await post('password-reset').send({ email: uniqueEmail('nobody') });

      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(known.body).toEqual({ success: true, data: null });
      expect(unknown.body).toEqual(known.body);
    });

    it('mails a reset link to a known email only', async () => {
      const session = await signUp(t.http);
      const nobody = uniqueEmail('nobody');
      await post('password-reset').send({ email: nobody }).expect(202);

      await requestResetToken(session.email);
      expect(await mailJobsTo(db, nobody)).toEqual([]);
    });

    it('refuses an invalid email with 400', async () => {
      expectValidationFailed(await post('password-reset').send({ email: 'nope' }), ['email']);
    });

    it('sets the new password: the old one no longer signs in, the new one does', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);

      const response = await post('password-reset/confirm').send({ token, password: NEW_PASSWORD });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expect((await login(session.email, VALID_PASSWORD)).body).toEqual(INVALID_CREDENTIALS);
      await login(session.email, NEW_PASSWORD).expect(200);
    });

    it('revokes the refresh tokens issued before the reset', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);
      await post('password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);

      expect((await refresh(session.refreshToken)).body).toEqual(INVALID_REFRESH);
    });

    it('marks the address verified, since the mail reached it', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);
      await post('password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);

      // The reset ended the old session; a new one sees the address verified.
      const { accessToken } = (await login(session.email, NEW_PASSWORD).expect(200)).body.data;
      expect((await me(accessToken).expect(200)).body.data.user.emailVerified).toBe(true);
    });

    it('refuses the same reset token a second time', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);
      await post('password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);

      const again = await post('password-reset/confirm').send({ token, password: 'third-password-99' });
      expect(again.status).toBe(400);
      expect(again.body).toEqual(INVALID_LINK);
      await login(session.email, NEW_PASSWORD).expect(200);
    });

    it('refuses an expired reset token', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);
      await db.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);

      const response = await post('password-reset/confirm').send({ token, password: NEW_PASSWORD });
      expect(response.body).toEqual(INVALID_LINK);
    });

    it('refuses a weak new password without spending the token', async () => {
      const session = await signUp(t.http);
      const token = await requestResetToken(session.email);

      const weak = await post('password-reset/confirm').send({ token, password: 'weak' });
      expect(weak.status).toBe(400);
      expect(weak.body).toEqual(WEAK_PASSWORD);
      await post('password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
    });

    it('refuses a garbage token', async () => {
      const response = await post('password-reset/confirm').send({ token: 'garbage', password: NEW_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(INVALID_LINK);
    });
  });

  // Last on purpose: @nestjs/passport registers strategies on the process-wide passport
  // instance, so the app started last serves every app's login; once it is closed,
  // logins on `t` would fail. Keep any test that uses `t` above this block.
  describe('login rate limit per email (own app, limit 3)', () => {
    let limited: TestApp;
    beforeAll(async () => (limited = await startTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '3' })));
    afterAll(() => limited.close());

    const attempt = (email: string, password: string) => limited.http.post('/api/v1/auth/login').send({ email, password });

    it('answers the 4th attempt in a minute with 429 and Retry-After, even with the right password', async () => {
      const { email } = await signUp(limited.http);
      for (let i = 0; i < 3; i++) await attempt(email, 'wrong-password-1').expect(401);

      const response = await attempt(email, VALID_PASSWORD);
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(response.body).toEqual(errorBody('RATE_LIMITED', `Too many requests; retry in ${retryAfter} s`));
    });

    it('still lets another email sign in', async () => {
      const blocked = await signUp(limited.http);
      for (let i = 0; i < 3; i++) await attempt(blocked.email, VALID_PASSWORD).expect(200);
      await attempt(blocked.email, VALID_PASSWORD).expect(429);

      const other = await signUp(limited.http);
      await attempt(other.email, VALID_PASSWORD).expect(200);
    });

    it('counts the same address in another case as the same email', async () => {
      const { email } = await signUp(limited.http);
      for (let i = 0; i < 3; i++) await attempt(email, VALID_PASSWORD).expect(200);
      await attempt(email.toUpperCase(), VALID_PASSWORD).expect(429);
    });
  });
});

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
