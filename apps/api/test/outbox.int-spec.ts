import {
  createScratchDatabase,
  freePort,
  Inbox,
  MailCatcherProcess,
  mailJobsTo,
  sleep,
  startMailCatcherProcess,
  uniqueEmail,
  waitUntil,
} from '@plinth/testing';
import { DataSource } from 'typeorm';
import { Mailer } from '../src/modules/mail/mailer';
import { signUp, startTestApp, TestApp } from './harness';

const inbox = new Inbox();
const resetParams = (to: string) => ({ name: 'Outbox Test', url: `http://localhost:3000/reset-password?for=${to}` });

/** The mail outbox: a mail is a pg-boss job written in the caller's transaction. */
describe('mail outbox', () => {
  let t: TestApp;
  let db: DataSource;
  let mailer: Mailer;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    mailer = t.app.get(Mailer);
  });
  afterAll(() => t.close());

  it('queues nothing and sends nothing when the transaction rolls back', async () => {
    const to = uniqueEmail('rollback');
    let jobsInsideTransaction = 0;

    const failing = db.transaction(async (manager) => {
      await mailer.send(manager, to, 'passwordReset', resetParams(to));
      jobsInsideTransaction = (await mailJobsTo(manager, to)).length;
      throw new Error('rolled back on purpose');
    });

    await expect(failing).rejects.toThrow('rolled back on purpose');
    expect(jobsInsideTransaction).toBe(1);
    expect(await mailJobsTo(db, to)).toEqual([]);
    await sleep(2_000);
    expect(await inbox.mailTo(to)).toEqual([]);
  });

  it('delivers the mail once the transaction commits', async () => {
    const to = uniqueEmail('commit');

    await db.transaction((manager) => mailer.send(manager, to, 'passwordReset', resetParams(to)));

    expect(await mailJobsTo(db, to)).toEqual([expect.objectContaining({ template: 'passwordReset' })]);
    const mail = await inbox.waitFor(to, /^Reset your password$/);
    expect(mail.text).toContain(resetParams(to).url);
  });

  it('refuses to queue mail outside a transaction', async () => {
    const to = uniqueEmail('no-transaction');

    await expect(mailer.send(db.manager, to, 'passwordReset', resetParams(to))).rejects.toThrow(/needs an open transaction/);
    expect(await mailJobsTo(db, to)).toEqual([]);
  });

  describe('while the mail server is down', () => {
    // Its own database: every app on one database shares the 'mail.send' queue, so a
    // healthy app would deliver this mail (and this app would fail everyone else's).
    let scratch: { url: string; drop: () => Promise<void> };
    let smtpPort: number;
    let down: TestApp;
    let catcher: MailCatcherProcess | undefined;

    beforeAll(async () => {
      scratch = await createScratchDatabase(db, t.config.DATABASE_URL);
      smtpPort = await freePort();
      down = await startTestApp({ DATABASE_URL: scratch.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    });
    afterAll(async () => {
      await down?.close();
      await catcher?.stop();
      await scratch?.drop();
    });

    it('retries the mail and delivers it once the server is back', async () => {
      const downDb = down.app.get(DataSource);
      const { email } = await signUp(down.http);

      await waitUntil('a mail job is waiting to retry', async () => (await mailJobsTo(downDb, email)).some((job) => job.state === 'retry'));
      catcher = await startMailCatcherProcess({ smtpPort, webPort: await freePort() });
      const lateInbox = new Inbox(catcher.inboxUrl);

      await lateInbox.waitFor(email, /^Welcome to Plinth$/, 40_000);
      await lateInbox.waitFor(email, /^Confirm your email address$/, 40_000);
      await waitUntil('both mail jobs are completed', async () =>
        (await mailJobsTo(downDb, email)).every((job) => job.state === 'completed'),
      );
      const jobs = await mailJobsTo(downDb, email);
      expect(jobs.map((job) => job.template).sort()).toEqual(['verifyEmail', 'welcome']);
      expect(jobs.every((job) => job.retryCount >= 1)).toBe(true);
    }, 90_000);
  });
});
