import {
  allowResend,
  expectStatus,
  CreatedInvite,
  errorBody,
  expectValidationFailed,
  Inbox,
  invite,
  ISO_UTC,
  join,
  newOrg,
  Org,
  send,
  sleep,
  tokenFromMail,
  uniqueEmail,
  UUID,
} from '@plinth/testing';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Session, signUp, type TestApp } from './harness';
import { auditRows, roleOf, startTenancyApp } from './tenancy-fixtures';

const inbox = new Inbox();
const DAY_MS = 24 * 3600 * 1000;
const INVITE_SUBJECT = /invited you to/;
/**
 * The mail queue is shared by every test file's app, and a full run queues
 * hundreds of signup mails ahead of ours: allow for the backlog.
 */
const MAIL_WAIT_MS = 45_000;
const MAIL_TEST_MS = 60_000;

const INVITE_NOT_FOUND = errorBody('NOT_FOUND', 'Invite not found');
const INVITE_EXPIRED = errorBody('INVITE_EXPIRED', 'This invitation has expired; ask for a new one');
const INVITE_USED = errorBody('INVITE_USED', 'This invitation has already been accepted');
const PENDING_EXISTS = errorBody('CONFLICT', 'A pending invitation for this email exists; resend it instead', { field: 'email' });
const ALREADY_MEMBER = errorBody('CONFLICT', 'This person is already a member', { field: 'email' });

describe('invites', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTenancyApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const preview = (token: string) => send(t, { method: 'get', path: `/organizations/invites/${token}` });
  const acceptAs = (session: Pick<Session, 'auth'>, token: string) =>
    send(t, { method: 'post', path: `/organizations/invites/${token}/accept`, headers: session.auth });
  const pendingInvites = (org: Org) => send(t, { method: 'get', path: `/organizations/${org.id}/invites`, headers: org.owner.auth });
  const expire = (inviteId: string) => db.query(`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1`, [inviteId]);

  /** An organization, a pending invite in it, and the invited person already signed up. */
  async function invitedPerson(role: 'admin' | 'editor' | 'publisher' | 'viewer' = 'editor') {
    const org = await newOrg(t);
    const person = await signUp(t.http, { email: uniqueEmail('invited'), name: 'Invited Person' });
    const sent = await invite(t, org.owner.auth, org.id, person.email, role);
    return { org, person, sent };
  }

  async function waitForMails(address: string, count: number) {
    const deadline = Date.now() + MAIL_WAIT_MS;
    for (;;) {
      const mails = (await inbox.mailTo(address)).filter((mail) => INVITE_SUBJECT.test(mail.subject));
      if (mails.length >= count || Date.now() > deadline) return mails;
      await sleep(100);
    }
  }

  describe('POST /organizations/:id/invites', () => {
    it('answers with the invite and its token, valid for 7 days', async () => {
      const org = await newOrg(t);
      const email = uniqueEmail('new');
      const before = Date.now();
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/invites`,
        headers: org.owner.auth,
        body: { email, role: 'publisher' },
      });

      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: {
          success: true,
          data: {
            id: expect.stringMatching(UUID),
            email,
            role: 'publisher',
            status: 'pending',
            expiresAt: expect.stringMatching(ISO_UTC),
            createdAt: expect.stringMatching(ISO_UTC),
            inviteToken: expect.stringMatching(/^[\w-]{43}$/),
          },
        },
      });
      const expiresIn = Date.parse(response.body.data.expiresAt) - before;
      expect(expiresIn).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(expiresIn).toBeLessThan(7 * DAY_MS + 60_000);
    });

    it(
      'mails the link <APP_URL>/invites/<token> to the invited address through SMTP',
      async () => {
        const org = await newOrg(t, 'Babbage & Co');
        const sent = await invite(t, org.owner.auth, org.id, uniqueEmail('mailed'), 'viewer');

        const mail = await inbox.waitFor(sent.email, INVITE_SUBJECT, MAIL_WAIT_MS);

        expect(mail.subject).toBe('Test User invited you to Babbage & Co on Plinth');
        expect(mail.text).toContain(`http://localhost:3000/invites/${sent.inviteToken}`);
        expect(tokenFromMail(mail.text)).toBe(sent.inviteToken);
        expect(mail.text).toContain('as viewer');
      },
      MAIL_TEST_MS,
    );

    it('stores the token only as its SHA-256', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      const [row] = await db.query('SELECT * FROM invites WHERE id = $1', [sent.id]);
      expect(row.token_hash).toBe(createHash('sha256').update(sent.inviteToken).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(sent.inviteToken);
    });

    it('stores the address lower-cased', async () => {
      const org = await newOrg(t);
      const email = uniqueEmail('shout');
      const sent = await invite(t, org.owner.auth, org.id, `  ${email.toUpperCase()} `);
      expect(sent.email).toBe(email);
    });

    it('is audited', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id, uniqueEmail('audited'), 'admin');
      expect(await auditRows(db, org.id, 'invite.created')).toEqual([
        expect.objectContaining({
          actor_type: 'user',
          actor_id: org.owner.userId,
          target_type: 'invite',
          target_id: sent.id,
          metadata: { email: sent.email, role: 'admin' },
        }),
      ]);
    });

    it('refuses a second pending invite for the same address, in any case (409)', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/invites`,
        headers: org.owner.auth,
        body: { email: sent.email.toUpperCase(), role: 'admin' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 409, body: PENDING_EXISTS });
    });

    it('refuses to invite someone who is already a member (409)', async () => {
      const org = await newOrg(t);
      const member = await join(t, org, 'viewer');
      const response = await send(t, {
        method: 'post',
        path: `/organizations/${org.id}/invites`,
        headers: org.owner.auth,
        body: { email: member.email, role: 'admin' },
      });
      expect({ status: response.status, body: response.body }).toEqual({ status: 409, body: ALREADY_MEMBER });
    });

    it('allows a new invite once the previous one has expired', async () => {
      const org = await newOrg(t);
      const first = await invite(t, org.owner.auth, org.id);
      await expire(first.id);
      const second = await invite(t, org.owner.auth, org.id, first.email);
      expect(second.id).not.toBe(first.id);
      expect((await acceptAs(await signUp(t.http, { email: first.email }), first.inviteToken)).status).toBe(404);
    });

    it.each([
      ['owner (ownership moves only by transfer)', { email: uniqueEmail(), role: 'owner' }, ['role']],
      ['a bad address', { email: 'not-an-email', role: 'viewer' }, ['email']],
      [
        'an unknown field',
        { email: uniqueEmail(), role: 'viewer', organizationId: '00000000-0000-0000-0000-000000000000' },
        ['organizationId'],
      ],
    ])('refuses %s (400)', async (_what, body, fields) => {
      const org = await newOrg(t);
      expectValidationFailed(
        await send(t, { method: 'post', path: `/organizations/${org.id}/invites`, headers: org.owner.auth, body }),
        fields,
      );
    });
  });

  describe('GET /organizations/:id/invites', () => {
    it('lists open invites newest first, without tokens', async () => {
      const org = await newOrg(t);
      const first = await invite(t, org.owner.auth, org.id);
      const second = await invite(t, org.owner.auth, org.id, uniqueEmail(), 'admin');
      const response = await pendingInvites(org).expect(200);
      const { inviteToken: _a, ...firstListed } = first;
      const { inviteToken: _b, ...secondListed } = second;
      expect(response.body).toEqual({ success: true, data: [secondListed, firstListed], pagination: { nextCursor: null, limit: 20 } });
    });

    it('shows an expired invite as expired, and no longer lists accepted or revoked ones', async () => {
      const org = await newOrg(t);
      const [expired, revoked] = [await invite(t, org.owner.auth, org.id), await invite(t, org.owner.auth, org.id)];
      const member = await join(t, org, 'viewer');
      await expire(expired.id);
      await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${revoked.id}`, headers: org.owner.auth }).expect(204);

      const listed = (await pendingInvites(org).expect(200)).body.data;

      expect(listed.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[expired.id, 'expired']]);
      expect(listed.map((i: { email: string }) => i.email)).not.toContain(member.email);
    });
  });

  describe('GET /organizations/invites/:token (public preview)', () => {
    it('describes the invitation for the accept page, signed out', async () => {
      const org = await newOrg(t, 'Preview Ltd');
      const sent = await invite(t, org.owner.auth, org.id, uniqueEmail('preview'), 'admin');
      const response = await preview(sent.inviteToken);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: {
          success: true,
          data: {
            organizationName: 'Preview Ltd',
            role: 'admin',
            invitedBy: 'Test User',
            email: sent.email,
            expiresAt: sent.expiresAt,
            status: 'pending',
          },
        },
      });
    });

    it('names no inviter when the inviter’s account is gone', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      // ON DELETE SET NULL, as when the account is deleted.
      await db.query('UPDATE invites SET invited_by_user_id = NULL WHERE id = $1', [sent.id]);
      expect((await preview(sent.inviteToken)).body.data.invitedBy).toBeNull();
    });

    it.each([
      ['expired', async (sent: CreatedInvite) => void (await expire(sent.id))],
      [
        'accepted',
        async (sent: CreatedInvite) => void (await acceptAs(await signUp(t.http, { email: sent.email }), sent.inviteToken).expect(200)),
      ],
    ])('says when the invitation is %s', async (status, makeIt) => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      await makeIt(sent);
      expect((await preview(sent.inviteToken)).body.data.status).toBe(status);
    });

    it('answers 404 for an unknown token', async () => {
      const response = await preview('no-such-token');
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
    });
  });

  describe('POST /organizations/invites/:token/accept', () => {
    it('makes the invited user a member with the invited role, and records it', async () => {
      const { org, person, sent } = await invitedPerson('publisher');
      const response = await acceptAs(person, sent.inviteToken);

      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { success: true, data: { organizationId: org.id, role: 'publisher', joinedAt: expect.stringMatching(ISO_UTC) } },
      });
      expect(await roleOf(db, org.id, person.userId)).toBe('publisher');
      expect(await auditRows(db, org.id, 'member.joined')).toEqual([
        expect.objectContaining({
          actor_type: 'user',
          actor_id: person.userId,
          target_id: person.userId,
          metadata: { role: 'publisher', inviteId: sent.id },
        }),
      ]);
    });

    it(
      'works with the token taken from the mail',
      async () => {
        const { org, person } = await invitedPerson();
        const mail = await inbox.waitFor(person.email, INVITE_SUBJECT, MAIL_WAIT_MS);
        await acceptAs(person, tokenFromMail(mail.text)).expect(200);
        expect(await roleOf(db, org.id, person.userId)).toBe('editor');
      },
      MAIL_TEST_MS,
    );

    it('lets the new member switch to the organization and act in it', async () => {
      const { org, person, sent } = await invitedPerson('editor');
      await acceptAs(person, sent.inviteToken).expect(200);
      const switched = await send(t, {
        method: 'post',
        path: '/auth/switch-organization',
        headers: person.auth,
        body: { organizationId: org.id },
      }).expect(200);
      const response = await send(t, {
        method: 'get',
        path: `/organizations/${org.id}`,
        headers: { Authorization: `Bearer ${switched.body.data.accessToken}` },
      });
      expect(response.body.data.role).toBe('editor');
    });

    it('verifies the address of the account (the link reached that mailbox)', async () => {
      const { person, sent } = await invitedPerson();
      await acceptAs(person, sent.inviteToken).expect(200);
      const me = await send(t, { method: 'get', path: '/auth/me', headers: person.auth }).expect(200);
      expect(me.body.data.user.emailVerified).toBe(true);
    });

    it('refuses another signed-in user (403), and the invite stays usable by the invited one', async () => {
      const { org, person, sent } = await invitedPerson();
      const someoneElse = await signUp(t.http);

      const response = await acceptAs(someoneElse, sent.inviteToken);

      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: errorBody('FORBIDDEN', 'This invitation was sent to another email address', { rule: 'invite_email' }),
      });
      expect(await roleOf(db, org.id, someoneElse.userId)).toBeNull();
      await acceptAs(person, sent.inviteToken).expect(200);
    });

    it('needs a signed-in user (401)', async () => {
      const { sent } = await invitedPerson();
      const response = await send(t, { method: 'post', path: `/organizations/invites/${sent.inviteToken}/accept` });
      expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('refuses an expired invite (410 INVITE_EXPIRED)', async () => {
      const { org, person, sent } = await invitedPerson();
      await expire(sent.id);
      const response = await acceptAs(person, sent.inviteToken);
      expect({ status: response.status, body: response.body }).toEqual({ status: 410, body: INVITE_EXPIRED });
      expect(await roleOf(db, org.id, person.userId)).toBeNull();
    });

    it('refuses a used invite (410 INVITE_USED)', async () => {
      const { person, sent } = await invitedPerson();
      await acceptAs(person, sent.inviteToken).expect(200);
      const response = await acceptAs(person, sent.inviteToken);
      expect({ status: response.status, body: response.body }).toEqual({ status: 410, body: INVITE_USED });
    });

    it('refuses a used invite to a removed member too: removal is not undone by an old link', async () => {
      const { org, person, sent } = await invitedPerson();
      await acceptAs(person, sent.inviteToken).expect(200);
      await send(t, { method: 'delete', path: `/organizations/${org.id}/members/${person.userId}`, headers: org.owner.auth }).expect(204);
      expect((await acceptAs(person, sent.inviteToken)).status).toBe(410);
      expect(await roleOf(db, org.id, person.userId)).toBeNull();
    });

    it('answers 404 for an unknown token', async () => {
      const someone = await signUp(t.http);
      const response = await acceptAs(someone, 'no-such-token');
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
    });
  });

  describe('DELETE /organizations/:id/invites/:inviteId (revoke)', () => {
    it('kills the link for accept and preview (404), and records it', async () => {
      const { org, person, sent } = await invitedPerson();
      await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }).expect(204);

      const accepted = await acceptAs(person, sent.inviteToken);
      expect({ status: accepted.status, body: accepted.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
      expect((await preview(sent.inviteToken)).status).toBe(404);
      expect(await auditRows(db, org.id, 'invite.revoked')).toEqual([
        expect.objectContaining({ actor_id: org.owner.userId, target_type: 'invite', target_id: sent.id }),
      ]);
    });

    it('frees the address for a new invite', async () => {
      const { org, sent } = await invitedPerson();
      await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }).expect(204);
      await invite(t, org.owner.auth, org.id, sent.email);
    });

    it.each([
      [
        'already revoked',
        async (org: Org, sent: CreatedInvite) =>
          void (await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }).expect(
            204,
          )),
      ],
      [
        'already accepted',
        async (_org: Org, sent: CreatedInvite) =>
          void (await acceptAs(await signUp(t.http, { email: sent.email }), sent.inviteToken).expect(200)),
      ],
    ])('answers 404 for an invite %s', async (_what, closeIt) => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      await closeIt(org, sent);
      const response = await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth });
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
    });
  });

  describe('POST /organizations/:id/invites/:inviteId/resend', () => {
    const resend = async (org: Org, inviteId: string) => {
      await allowResend(t, inviteId);
      return send(t, { method: 'post', path: `/organizations/${org.id}/invites/${inviteId}/resend`, headers: org.owner.auth });
    };

    it(
      'issues a new token and mails it; the old token is dead (404) and the new one works',
      async () => {
        const { org, person, sent } = await invitedPerson();
        await inbox.waitFor(person.email, INVITE_SUBJECT, MAIL_WAIT_MS);

        const response = expectStatus(await resend(org, sent.id), 200);
        const fresh = response.body.data.inviteToken as string;

        expect(response.body.data).toEqual(expect.objectContaining({ id: sent.id, email: sent.email, status: 'pending' }));
        expect(fresh).not.toBe(sent.inviteToken);
        const mails = await waitForMails(person.email, 2);
        expect(mails.map((mail) => tokenFromMail(mail.text)).sort()).toEqual([sent.inviteToken, fresh].sort());
        const old = await acceptAs(person, sent.inviteToken);
        expect({ status: old.status, body: old.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
        expect((await preview(sent.inviteToken)).status).toBe(404);
        await acceptAs(person, fresh).expect(200);
      },
      MAIL_TEST_MS,
    );

    it('gives an expired invite a new 7-day life', async () => {
      const { org, person, sent } = await invitedPerson();
      await expire(sent.id);
      const before = Date.now();
      const response = expectStatus(await resend(org, sent.id), 200);
      expect(Date.parse(response.body.data.expiresAt) - before).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(response.body.data.status).toBe('pending');
      await acceptAs(person, response.body.data.inviteToken).expect(200);
    });

    it('is audited', async () => {
      const { org, sent } = await invitedPerson();
      expectStatus(await resend(org, sent.id), 200);
      expect(await auditRows(db, org.id, 'invite.resent')).toEqual([
        expect.objectContaining({ actor_id: org.owner.userId, target_id: sent.id, metadata: { email: sent.email } }),
      ]);
    });

    it('answers 404 for a revoked invite', async () => {
      const { org, sent } = await invitedPerson();
      await send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }).expect(204);
      const response = await resend(org, sent.id);
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
    });
  });

  describe('POST /auth/signup with an invite token', () => {
    const signupWith = (token: string, email: string, extra: object = {}) =>
      t.http
        .post('/api/v1/auth/signup')
        .send({ email, password: 'correct-horse-42', name: 'Invited Person', inviteToken: token, ...extra });

    it('joins the inviting organization with the invited role, creates none of its own, and sends no verify mail', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id, uniqueEmail('invited-signup'), 'editor');
      const response = expectStatus(await signupWith(sent.inviteToken, sent.email, { organizationName: 'Ignored' }), 201);
      expect(response.body.data.organization).toMatchObject({ id: org.id, name: org.name });
      expect(response.body.data.user).toMatchObject({ email: sent.email, emailVerified: true });
      const me = expectStatus(await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${response.body.data.accessToken}`), 200);
      expect(me.body.data.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'editor' })]);
      const templates = await db.query(
        `SELECT data->>'template' AS template FROM pgboss.job WHERE name = 'mail.send' AND data->>'to' = $1`,
        [sent.email],
      );
      expect(templates).toEqual([{ template: 'invite' }]);
      const [stored] = await db.query('SELECT accepted_at FROM invites WHERE id = $1', [sent.id]);
      expect(stored.accepted_at).not.toBeNull();
      expect(await auditRows(db, org.id, 'member.joined')).toHaveLength(1);
    });

    it('refuses another address than the invited one (403), and keeps no account', async () => {
      const org = await newOrg(t);
      const sent = await invite(t, org.owner.auth, org.id);
      const stranger = uniqueEmail('stranger');
      const response = await signupWith(sent.inviteToken, stranger);
      expect(response.status).toBe(403);
      expect(response.body.error.details).toEqual({ rule: 'invite_email' });
      expect(await db.query('SELECT id FROM users WHERE email = $1', [stranger])).toEqual([]);
    });

    it('refuses a used (410), revoked or unknown (404) invite, and keeps no account', async () => {
      const org = await newOrg(t);
      const used = await invite(t, org.owner.auth, org.id);
      expectStatus(await signupWith(used.inviteToken, used.email), 201);
      const again = await signupWith(used.inviteToken, uniqueEmail('late'));
      expect({ status: again.status, body: again.body }).toEqual({ status: 410, body: INVITE_USED });
      const revoked = await invite(t, org.owner.auth, org.id);
      await t.http.delete(`/api/v1/organizations/${org.id}/invites/${revoked.id}`).set(org.owner.auth).expect(204);
      const refused = await signupWith(revoked.inviteToken, revoked.email);
      expect({ status: refused.status, body: refused.body }).toEqual({ status: 404, body: INVITE_NOT_FOUND });
      expect(await db.query('SELECT id FROM users WHERE email = $1', [revoked.email])).toEqual([]);
    });
  });
});
