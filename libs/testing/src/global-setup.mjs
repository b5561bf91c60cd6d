// Jest global setup: the real services a test run needs, started once.
// DATABASE_URL / SMTP_URL given → use them; else start embedded ones.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@plinth/dev-services/free-port';
import { startMailCatcher } from '@plinth/dev-services/mail';
import { ensureApplicationRole } from '@plinth/dev-services/application-role';
import { startPostgres } from '@plinth/dev-services/postgres';

export default async function globalSetup() {
  const stops = [];
  if (!process.env.DATABASE_URL) {
    const root = await mkdtemp(join(tmpdir(), 'plinth-test-pg-'));
    const pg = await startPostgres({
      dataDir: join(root, 'data'),
      port: await freePort(),
      persistent: false,
      durable: false,
      database: 'postgres',
      // The request-cost test counts each hot request's statements with it.
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top' },
    });
    // The app connects as a role of its own, never the superuser; a few tests need the superuser (statistics).
    process.env.SUPERUSER_DATABASE_URL = pg.url;
    process.env.DATABASE_URL = await ensureApplicationRole({
      superuserUrl: pg.url,
      database: 'plinth',
      role: 'plinth',
      password: randomBytes(18).toString('base64url'),
      createdb: true,
    });
    stops.push(pg.stop);
  }
  if (!process.env.MAIL_INBOX_URL) {
    const mail = await startMailCatcher({ smtpPort: await freePort(), webPort: await freePort() });
    process.env.SMTP_URL = mail.smtpUrl;
    process.env.MAIL_INBOX_URL = mail.inboxUrl;
    stops.push(mail.stop);
  }
  globalThis.__plinthStops = stops;
}
