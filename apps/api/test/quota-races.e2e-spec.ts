import { expectStatus, Inbox, mailJobsTo, sqlNumber, V1, waitUntil } from '@plinth/testing';
import type { Response } from 'supertest';
import { QuotaWarnings } from '../src/modules/quotas/quota-warnings';
import { signUp, type Session } from './harness';
import {
  ContentApp,
  createPost,
  createSite,
  joinAs,
  newOwner,
  png,
  postMedia,
  postPost,
  setPlan,
  startContentApp,
  storageKeysOf,
  storedFiles,
  usage,
} from './content-fixtures';

/** The organization's billing page. */
const UPGRADE_URL = expect.stringMatching(/^http:\/\/localhost:3000\/o\/[a-z0-9-]+\/billing$/);

/**
 * API.md: "N concurrent creates against a limit L leave exactly min(N, L)
 * rows", the counter always equals the rows, deleting frees room, and data
 * over the limit after a downgrade stays readable and deletable.
 */
describe('quotas under concurrency', () => {
  let t: ContentApp;

  beforeAll(async () => {
    t = await startContentApp({ DATABASE_POOL_SIZE: '20' });
  });
  afterAll(() => t.close());

  function statuses(responses: Response[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
    return counts;
  }

  function quotaExceeded(dimension: string, current: number, limit: number, planTier = 'free') {
    return {
      success: false,
      error: {
        code: 'QUOTA_EXCEEDED',
        message: `Quota reached: ${dimension.replace('_', ' ')} ${current} of ${limit} on the ${planTier} plan`,
        details: { dimension, current, limit, planTier, upgradeUrl: UPGRADE_URL },
      },
    };
  }

  const countPosts = (siteId: string) => sqlNumber(t.db, 'SELECT count(*) FROM posts WHERE site_id = $1', [siteId]);

  describe('posts on Free (20 per site)', () => {
    let owner: Session;
    let siteId: string;

    beforeAll(async () => {
      owner = await newOwner(t, 'free');
      siteId = (await createSite(t, owner.auth)).id;
    });

    it('200 concurrent creates make exactly 20 posts and 180 × 402, and the counter matches the rows', async () => {
      const creates = Array.from({ length: 200 }, (_, i) => postPost(t, owner.auth, siteId, { title: `Post ${i}`, body: '' }));
      const responses = await Promise.all(creates);
      expect(statuses(responses)).toEqual({ 201: 20, 402: 180 });
      for (const refused of responses.filter((response) => response.status === 402)) {
        expect(refused.body).toEqual(quotaExceeded('posts', 20, 20));
      }
      expect(await countPosts(siteId)).toBe(20);
      expect(await usage(t, owner.organizationId, 'posts', siteId)).toBe(20);
    }, 60_000);

    it('frees room when posts are deleted, and the counter still matches the rows', async () => {
      const list = expectStatus(await t.http.get(`${V1}/sites/${siteId}/posts?limit=3`).set(owner.auth), 200).body.data;
      for (const post of list) expectStatus(await t.http.delete(`${V1}/sites/${siteId}/posts/${post.id}`).set(owner.auth), 204);
      const responses = await Promise.all(Array.from({ length: 10 }, () => postPost(t, owner.auth, siteId)));
      expect(statuses(responses)).toEqual({ 201: 3, 402: 7 });
      expect(await countPosts(siteId)).toBe(20);
      expect(await usage(t, owner.organizationId, 'posts', siteId)).toBe(20);
    });
  });

  it('50 concurrent site creations on Free (1 site) make exactly one', async () => {
    const owner = await newOwner(t, 'free');
    const creates = Array.from({ length: 50 }, (_, i) =>
      t.http
        .post(`${V1}/sites`)
        .set(owner.auth)
        .send({ name: `Site ${i}` }),
    );
    const responses = await Promise.all(creates);
    expect(statuses(responses)).toEqual({ 201: 1, 402: 49 });
    expect(responses.find((response) => response.status === 402)?.body).toEqual(quotaExceeded('sites', 1, 1));
    expect(await sqlNumber(t.db, 'SELECT count(*) FROM sites WHERE organization_id = $1', [owner.organizationId])).toBe(1);
    expect(await usage(t, owner.organizationId, 'sites')).toBe(1);
  });

  it('concurrent uploads against a storage override keep the bytes within it, with no stray files', async () => {
    const owner = await newOwner(t, 'free');
    const siteId = (await createSite(t, owner.auth)).id;
    await t.db.query(`INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, 'storage_bytes', 5500)`, [
      owner.organizationId,
    ]);

    const responses = await Promise.all(Array.from({ length: 20 }, () => postMedia(t, owner.auth, siteId, png(1000))));
    expect(statuses(responses)).toEqual({ 201: 5, 402: 15 });
    expect(responses.find((response) => response.status === 402)?.body).toEqual(quotaExceeded('storage_bytes', 5000, 5500));
    const stored = await sqlNumber(t.db, 'SELECT COALESCE(sum(size_bytes), 0) FROM media WHERE organization_id = $1', [
      owner.organizationId,
    ]);
    expect(stored).toBe(5000);
    expect(await usage(t, owner.organizationId, 'storage_bytes')).toBe(stored);
    const mine = (await storedFiles(t)).filter((file) => file.startsWith(owner.organizationId));
    expect(mine.sort()).toEqual(await storageKeysOf(t, owner.organizationId));
    expect((await storedFiles(t)).filter((file) => file.startsWith('.staging'))).toEqual([]);
  });

  it('a site deleted while posts and media are being added leaves no rows, counts or files of it behind', async () => {
    const owner = await newOwner(t, 'pro');
    const [doomed, kept] = [await createSite(t, owner.auth, { name: 'Doomed' }), await createSite(t, owner.auth, { name: 'Kept' })];
    await createPost(t, owner.auth, doomed.id);
    const adds = [
      ...Array.from({ length: 30 }, () => postPost(t, owner.auth, doomed.id)),
      ...Array.from({ length: 10 }, () => postMedia(t, owner.auth, doomed.id, png(100))),
      ...Array.from({ length: 5 }, () => postMedia(t, owner.auth, kept.id, png(100))),
    ];
    const [deleted, ...added] = await Promise.all([t.http.delete(`${V1}/sites/${doomed.id}`).set(owner.auth), ...adds]);

    expectStatus(deleted, 204);
    for (const response of added) expect([201, 404]).toContain(response.status);
    const org = owner.organizationId;
    expect(await sqlNumber(t.db, 'SELECT count(*) FROM quota_usage WHERE organization_id = $1 AND scope_id = $2', [org, doomed.id])).toBe(
      0,
    );
    expect(await countPosts(doomed.id)).toBe(0);
    expect(await usage(t, org, 'sites')).toBe(1);
    expect(await usage(t, org, 'storage_bytes')).toBe(500);
    const files = (await storedFiles(t)).filter((file) => file.startsWith(org));
    expect(files.sort()).toEqual(await storageKeysOf(t, org));
    expect(files).toHaveLength(5);
  });

  it('after a downgrade keeps over-limit posts readable and deletable, and refuses new ones until under the limit', async () => {
    const owner = await newOwner(t, 'pro');
    const siteId = (await createSite(t, owner.auth)).id;
    const posts = [];
    for (let i = 0; i < 25; i++) posts.push(await createPost(t, owner.auth, siteId, { title: `Post ${i}`, body: 'b' }));
    await setPlan(t, owner.organizationId, 'free');

    const page = expectStatus(await t.http.get(`${V1}/sites/${siteId}/posts?limit=100`).set(owner.auth), 200).body.data;
    expect(page).toHaveLength(25);
    expectStatus(await t.http.get(`${V1}/sites/${siteId}/posts/${posts[0].id}`).set(owner.auth), 200);
    expectStatus(await t.http.patch(`${V1}/sites/${siteId}/posts/${posts[0].id}`).set(owner.auth).send({ title: 'Still editable' }), 200);
    expect((await postPost(t, owner.auth, siteId)).body).toEqual(quotaExceeded('posts', 25, 20));

    for (const post of posts.slice(0, 5)) expectStatus(await t.http.delete(`${V1}/sites/${siteId}/posts/${post.id}`).set(owner.auth), 204);
    expect((await postPost(t, owner.auth, siteId)).body).toEqual(quotaExceeded('posts', 20, 20));
    expectStatus(await t.http.delete(`${V1}/sites/${siteId}/posts/${posts[5].id}`).set(owner.auth), 204);
    expectStatus(await postPost(t, owner.auth, siteId), 201);
    expect(await countPosts(siteId)).toBe(20);
    expect(await usage(t, owner.organizationId, 'posts', siteId)).toBe(20);
  });

  describe('warning thresholds (Free, 20 posts)', () => {
    const inbox = new Inbox();

    it('marks the posts that cross 80, 90 and 95 % and mails owners and admins once per threshold', async () => {
      const owner = await newOwner(t, 'free');
      const admin = await joinAs(t, owner, 'admin');
      const adminEmail = await emailOf(admin);
      const siteId = (await createSite(t, owner.auth, { name: 'Field notes' })).id;
      const subject = (percent: number) => new RegExp(`has used ${percent}% of its posts limit on the site “Field notes”$`);

      const warnings: Array<string | undefined> = [];
      const postUpTo = async (count: number) => {
        while (warnings.length < count) warnings.push(expectStatus(await postPost(t, owner.auth, siteId), 201).headers['x-quota-warning']);
      };
      // Each crossing mailed before the next: crossings still unmailed when a higher one comes make one mail (below).
      for (const [count, percent] of [
        [16, 80],
        [18, 90],
        [19, 95],
      ]) {
        await postUpTo(count);
        for (const email of [owner.email, adminEmail]) await inbox.waitFor(email, subject(percent));
      }
      await postUpTo(20);
      expect(warnings.map((warning, i) => [i + 1, warning]).filter(([, warning]) => warning)).toEqual([
        [16, 'posts=80'],
        [18, 'posts=90'],
        [19, 'posts=95'],
      ]);
      const mail = await inbox.waitFor(owner.email, subject(95));
      expect(mail.text).toContain(`is at 19 of 20 posts on the site “Field notes” on its plan.`);
      expect(mail.text).toMatch(/See usage: http:\/\/localhost:3000\/o\/[a-z0-9-]+\/usage\b/);
      expect(mail.text).toMatch(/Upgrade the plan: http:\/\/localhost:3000\/o\/[a-z0-9-]+\/billing\b/);

      // Down to 14 and up across every threshold again: the headers repeat, the mails do not.
      const list = expectStatus(await t.http.get(`${V1}/sites/${siteId}/posts?limit=6`).set(owner.auth), 200).body.data;
      for (const post of list) expectStatus(await t.http.delete(`${V1}/sites/${siteId}/posts/${post.id}`).set(owner.auth), 204);
      const again: Array<string | undefined> = [];
      for (let i = 15; i <= 19; i++) again.push(expectStatus(await postPost(t, owner.auth, siteId), 201).headers['x-quota-warning']);
      expect(again).toEqual([undefined, 'posts=80', undefined, 'posts=90', 'posts=95']);

      for (const email of [owner.email, adminEmail]) {
        expect((await postsWarningsQueuedFor(email)).sort()).toEqual(['80', '90', '95']);
        const sent = async () => (await mailJobsTo(t.db, email)).every((job) => job.state === 'completed');
        await waitUntil(`the mails to ${email} are sent`, sent);
        const subjects = (await inbox.mailTo(email)).map((mail) => mail.subject).filter((subject) => /posts limit/.test(subject));
        expect(subjects.sort()).toEqual([80, 90, 95].map((p) => expect.stringMatching(subject(p))));
      }
    }, 60_000);

    it('a jump from nothing to the limit is one “limit reached” mail, not three', async () => {
      const owner = await signUp(t.http); // their own Free organization: 1 site
      const response = expectStatus(await t.http.post(`${V1}/sites`).set(owner.auth).send({ name: 'Only' }), 201);
      expect(response.headers['x-quota-warning']).toBe('sites=95');
      const mail = await inbox.waitFor(owner.email, /has reached its sites limit$/);
      expect(mail.text).toContain('is at 1 of 1 sites on its plan.');
      expect(mail.text).toContain('Adding more sites is refused (402) until usage drops or the plan grows.');
      await waitUntil('the mails are sent', async () => (await mailJobsTo(t.db, owner.email)).every((job) => job.state === 'completed'));
      expect((await inbox.mailTo(owner.email)).filter((m) => /sites limit/.test(m.subject))).toHaveLength(1);
    });

    it('crossings that piled up before the mail went make one mail, about the highest', async () => {
      const owner = await newOwner(t, 'free');
      const siteId = (await createSite(t, owner.auth, { name: 'Batch' })).id;
      const organizationId = owner.organizationId;
      await t.db.query(
        `INSERT INTO quota_warnings (organization_id, dimension, scope_id, threshold, period_start, current, limit_value)
         VALUES ($1, 'posts', $2, 80, date_trunc('month', now()), 16, 20), ($1, 'posts', $2, 90, date_trunc('month', now()), 18, 20)`,
        [organizationId, siteId],
      );
      await t.app.get(QuotaWarnings).notify(organizationId);
      await waitUntil('the mails are sent', async () => (await mailJobsTo(t.db, owner.email)).every((job) => job.state === 'completed'));
      const subjects = (await inbox.mailTo(owner.email)).map((m) => m.subject).filter((s) => /posts limit/.test(s));
      expect(subjects).toEqual([expect.stringMatching(/has used 90% of its posts limit on the site “Batch”$/)]);
    });
  });

  /** The thresholds of the posts warnings queued to `email` (the outbox: one job per mail). */
  async function postsWarningsQueuedFor(email: string): Promise<string[]> {
    const rows = await t.db.query(
      `SELECT data->'params'->>'threshold' AS threshold FROM pgboss.job
        WHERE name = 'mail.send' AND data->>'to' = $1 AND data->>'template' = 'quotaWarning' AND data->'params'->>'dimension' = 'posts'
        ORDER BY created_on`,
      [email],
    );
    return rows.map((row: { threshold: string }) => row.threshold);
  }

  async function emailOf(headers: Record<string, string>): Promise<string> {
    return expectStatus(await t.http.get(`${V1}/auth/me`).set(headers), 200).body.data.user.email;
  }
});
