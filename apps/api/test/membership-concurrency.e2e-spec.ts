import { allowResend, invite, join, Member, newOrg, Org, send, sqlNumber, uniqueEmail } from '@plinth/testing';
import { DataSource } from 'typeorm';
import { Session, signUp, type TestApp } from './harness';
import { roleOf, startTenancyApp } from './tenancy-fixtures';

/**
 * Membership changes racing each other. Every request below is fired at
 * once; the organization lock must make the outcome one that some serial
 * order of the same requests could have produced. Each race runs a few
 * rounds on fresh organizations, since one round may happen not to overlap.
 */

const ROUNDS = 5;
const rounds = Array.from({ length: ROUNDS }, (_, i) => i + 1);

/** The statuses, sorted, so that "which one won" does not matter. */
const statuses = (responses: Array<{ status: number }>) => responses.map((r) => r.status).sort();

describe('membership under concurrency', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTenancyApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** Every organization these races ran in, for the invariants checked at the end. */
  const raced: string[] = [];
  const freshOrg = async () => {
    const org = await newOrg(t);
    raced.push(org.id);
    return org;
  };

  const ownersOf = (org: Org) =>
    sqlNumber(db, `SELECT count(*) FROM organization_members WHERE organization_id = $1 AND role = 'owner'`, [org.id]);
  const membershipsOf = (org: Org, userId: string) =>
    sqlNumber(db, 'SELECT count(*) FROM organization_members WHERE organization_id = $1 AND user_id = $2', [org.id, userId]);
  const acceptAs = (session: Pick<Session, 'auth'>, token: string) =>
    send(t, { method: 'post', path: `/organizations/invites/${token}/accept`, headers: session.auth });
  const removeMember = (org: Org, by: Member, userId: string) =>
    send(t, { method: 'delete', path: `/organizations/${org.id}/members/${userId}`, headers: by.auth });
  const setRole = (org: Org, by: Member, userId: string, role: string) =>
    send(t, { method: 'patch', path: `/organizations/${org.id}/members/${userId}`, headers: by.auth, body: { role } });

  describe.each(rounds)('round %i', () => {
    it('the invited user accepting one invite five times at once joins once: one 200, the rest 410', async () => {
      const org = await freshOrg();
      const person = await signUp(t.http, { email: uniqueEmail('eager') });
      const sent = await invite(t, org.owner.auth, org.id, person.email);

      const responses = await Promise.all(Array.from({ length: 5 }, () => acceptAs(person, sent.inviteToken)));

      expect(statuses(responses)).toEqual([200, 410, 410, 410, 410]);
      expect(responses.filter((r) => r.status === 410).map((r) => r.body.error.code)).toEqual(Array(4).fill('INVITE_USED'));
      expect(await membershipsOf(org, person.userId)).toBe(1);
    });

    it('five identical invites at once: one 201, four 409, one open invite', async () => {
      const org = await freshOrg();
      const email = uniqueEmail('popular');

      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          send(t, { method: 'post', path: `/organizations/${org.id}/invites`, headers: org.owner.auth, body: { email, role: 'viewer' } }),
        ),
      );

      expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
      expect(await sqlNumber(db, 'SELECT count(*) FROM invites WHERE organization_id = $1 AND email = $2', [org.id, email])).toBe(1);
    });

    it('two admins inviting the same address at once: one 201, one 409', async () => {
      const org = await freshOrg();
      const [first, second] = await Promise.all([join(t, org, 'admin', 'admin1'), join(t, org, 'admin', 'admin2')]);
      const email = uniqueEmail('wanted');
      const body = { email, role: 'editor' };

      const responses = await Promise.all(
        [first, second].map((admin) => send(t, { method: 'post', path: `/organizations/${org.id}/invites`, headers: admin.auth, body })),
      );

      expect(statuses(responses)).toEqual([201, 409]);
    });

    it('the two owners demoting each other at once leave one owner: one 200, one 403', async () => {
      const org = await freshOrg();
      const coOwner = await join(t, org, 'owner', 'co-owner');

      const responses = await Promise.all([
        setRole(org, org.owner, coOwner.userId, 'admin'),
        setRole(org, coOwner, org.owner.userId, 'admin'),
      ]);

      // Serially, whoever goes second is an admin by then, and an admin cannot demote an owner.
      expect(statuses(responses)).toEqual([200, 403]);
      expect(responses.find((r) => r.status === 403)?.body.error.details).toEqual({ rule: 'owner_by_owner' });
      expect(await ownersOf(org)).toBe(1);
    });

    it('each owner demoting themselves at once leaves one owner', async () => {
      const org = await freshOrg();
      const coOwner = await join(t, org, 'owner', 'co-owner');

      const responses = await Promise.all([
        setRole(org, org.owner, org.owner.userId, 'viewer'),
        setRole(org, coOwner, coOwner.userId, 'viewer'),
      ]);

      expect(statuses(responses)).toEqual([200, 409]);
      expect(await ownersOf(org)).toBe(1);
    });

    it('both owners leaving at once leave one owner: one 204, one 409', async () => {
      const org = await freshOrg();
      const coOwner = await join(t, org, 'owner', 'co-owner');

      const responses = await Promise.all(
        [org.owner, coOwner].map((owner) => send(t, { method: 'post', path: `/organizations/${org.id}/leave`, headers: owner.auth })),
      );

      expect(statuses(responses)).toEqual([204, 409]);
      expect(await ownersOf(org)).toBe(1);
    });

    it('two admins removing each other at once: only one of them acts', async () => {
      const org = await freshOrg();
      const [first, second] = await Promise.all([join(t, org, 'admin', 'admin1'), join(t, org, 'admin', 'admin2')]);

      const responses = await Promise.all([removeMember(org, first, second.userId), removeMember(org, second, first.userId)]);

      // Serially, whoever goes second is no longer a member.
      expect(statuses(responses)).toEqual([204, 403]);
      expect(responses.find((r) => r.status === 403)?.body.error.code).toBe('NOT_A_MEMBER');
      expect((await membershipsOf(org, first.userId)) + (await membershipsOf(org, second.userId))).toBe(1);
    });

    it('two of three owners demoting each other at once: the second no longer owns, so only one acts', async () => {
      const org = await freshOrg();
      const [second, third] = await Promise.all([join(t, org, 'owner', 'owner2'), join(t, org, 'owner', 'owner3')]);

      const responses = await Promise.all([
        setRole(org, org.owner, second.userId, 'admin'),
        setRole(org, second, org.owner.userId, 'admin'),
      ]);

      // Serially, whoever goes second is an admin by then, and an admin cannot demote an owner.
      expect(statuses(responses)).toEqual([200, 403]);
      expect(responses.find((r) => r.status === 403)?.body.error.details).toEqual({ rule: 'owner_by_owner' });
      const roles = await Promise.all([org.owner, second, third].map((m) => roleOf(db, org.id, m.userId)));
      expect(roles.filter((role) => role === 'owner')).toHaveLength(2);
    });

    it('two admins demoting each other to viewer at once: the second has lost members:update, so only one acts', async () => {
      const org = await freshOrg();
      const [first, second] = await Promise.all([join(t, org, 'admin', 'admin1'), join(t, org, 'admin', 'admin2')]);

      const responses = await Promise.all([setRole(org, first, second.userId, 'viewer'), setRole(org, second, first.userId, 'viewer')]);

      expect(statuses(responses)).toEqual([200, 403]);
      expect(responses.find((r) => r.status === 403)?.body.error.details).toEqual({ permission: 'members:update' });
      const roles = await Promise.all([first, second].map((m) => roleOf(db, org.id, m.userId)));
      expect(roles.sort()).toEqual(['admin', 'viewer']);
    });

    it('two admins removing the same member at once: one 204, one 404', async () => {
      const org = await freshOrg();
      const [first, second, target] = await Promise.all([
        join(t, org, 'admin', 'admin1'),
        join(t, org, 'admin', 'admin2'),
        join(t, org, 'viewer'),
      ]);

      const responses = await Promise.all([removeMember(org, first, target.userId), removeMember(org, second, target.userId)]);

      expect(statuses(responses)).toEqual([204, 404]);
      expect(
        await sqlNumber(db, `SELECT count(*) FROM audit_logs WHERE organization_id = $1 AND action = 'member.removed'`, [org.id]),
      ).toBe(1);
    });

    it('removal and re-invite of the same member at once, then acceptance: one membership at most', async () => {
      const org = await freshOrg();
      const [first, second] = await Promise.all([join(t, org, 'admin', 'admin1'), join(t, org, 'admin', 'admin2')]);
      const member = await join(t, org, 'editor');

      const [removal, reinvite] = await Promise.all([
        removeMember(org, first, member.userId),
        send(t, {
          method: 'post',
          path: `/organizations/${org.id}/invites`,
          headers: second.auth,
          body: { email: member.email, role: 'viewer' },
        }),
      ]);

      expect(removal.status).toBe(204);
      // The invite either saw the member (409) or came after the removal (201).
      expect([201, 409]).toContain(reinvite.status);
      if (reinvite.status === 201) {
        const accepted = await acceptAs(member, reinvite.body.data.inviteToken);
        expect(accepted.status).toBe(200);
        expect(await roleOf(db, org.id, member.userId)).toBe('viewer');
      } else {
        expect(reinvite.body.error.details).toEqual({ field: 'email' });
        expect(await membershipsOf(org, member.userId)).toBe(0);
      }
    });

    it('acceptance racing a revocation: exactly one wins, and the invite agrees with the membership', async () => {
      const org = await freshOrg();
      const person = await signUp(t.http, { email: uniqueEmail('racer') });
      const sent = await invite(t, org.owner.auth, org.id, person.email);

      const [accepted, revoked] = await Promise.all([
        acceptAs(person, sent.inviteToken),
        send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }),
      ]);

      const [row] = await db.query('SELECT accepted_at, revoked_at FROM invites WHERE id = $1', [sent.id]);
      const joined = (await membershipsOf(org, person.userId)) === 1;
      expect({
        accept: accepted.status,
        revoke: revoked.status,
        joined,
        acceptedAt: row.accepted_at !== null,
        revokedAt: row.revoked_at !== null,
      }).toEqual(
        accepted.status === 200
          ? { accept: 200, revoke: 404, joined: true, acceptedAt: true, revokedAt: false }
          : { accept: 404, revoke: 204, joined: false, acceptedAt: false, revokedAt: true },
      );
    });

    it('acceptance racing a resend: never both succeed', async () => {
      const org = await freshOrg();
      const person = await signUp(t.http, { email: uniqueEmail('racer') });
      const sent = await invite(t, org.owner.auth, org.id, person.email);
      await allowResend(t, sent.id);

      const [accepted, resent] = await Promise.all([
        acceptAs(person, sent.inviteToken),
        send(t, { method: 'post', path: `/organizations/${org.id}/invites/${sent.id}/resend`, headers: org.owner.auth }),
      ]);

      // Accepted first: nothing left to resend (404). Resent first: the old link is dead (404).
      expect(statuses([accepted, resent])).toEqual([200, 404]);
    });

    it('a revocation racing a resend: a revoked invite is never re-sent', async () => {
      const org = await freshOrg();
      const sent = await invite(t, org.owner.auth, org.id);
      await allowResend(t, sent.id);

      const [revoked, resent] = await Promise.all([
        send(t, { method: 'delete', path: `/organizations/${org.id}/invites/${sent.id}`, headers: org.owner.auth }),
        send(t, { method: 'post', path: `/organizations/${org.id}/invites/${sent.id}/resend`, headers: org.owner.auth }),
      ]);

      expect(revoked.status).toBe(204);
      expect([200, 404]).toContain(resent.status);
      // Whatever the order, the invite ends revoked and no link of it works.
      const [row] = await db.query('SELECT revoked_at FROM invites WHERE id = $1', [sent.id]);
      expect(row.revoked_at).not.toBeNull();
      const tokens = [sent.inviteToken, ...(resent.status === 200 ? [resent.body.data.inviteToken] : [])];
      for (const token of tokens) expect((await send(t, { method: 'get', path: `/organizations/invites/${token}` })).status).toBe(404);
    });
  });

  describe('afterwards, in every organization raced in', () => {
    it('no user holds two memberships of one organization', async () => {
      const duplicates = await db.query(
        `SELECT organization_id, user_id, count(*)::int AS n FROM organization_members
          WHERE organization_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
        [raced],
      );
      expect(raced.length).toBeGreaterThan(0);
      expect(duplicates).toEqual([]);
    });

    it('every organization still has an owner', async () => {
      const ownerless = await db.query(
        `SELECT o.id FROM organizations o
          WHERE o.id = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM organization_members m WHERE m.organization_id = o.id AND m.role = 'owner')`,
        [raced],
      );
      expect(ownerless).toEqual([]);
    });
  });
});
