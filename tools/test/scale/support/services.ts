import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '@plinth/testing';
import { type Child, startChild, stopChild, waitForOutput } from './child-processes';

// Node's own resolution (the packages' exports), not jest's module map: the child imports them.
const moduleUrl = (name: string) => pathToFileURL(createRequire(__filename).resolve(name)).href;

export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
/** The role the product connects as (never the superuser), and its database. */
const APP_ROLE = 'plinth';
const APP_DATABASE = 'plinth';

/** A folder the `postgres` user (PostgreSQL, pgbouncer) can enter. */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * The embedded PostgreSQL (@plinth/dev-services/postgres) in a child process
 * (ESM-only, which jest's CommonJS runtime cannot import), with its data kept
 * across `restart()` — what a database restart under load looks like.
 */
export class PostgresServer {
  /** Connects as the superuser, straight to PostgreSQL (the tests' own checks). */
  superuserUrl = '';
  /** Connects as the product's role, straight to PostgreSQL (migrations, checks). */
  appUrl = '';
  private child?: Child;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
    readonly password: string,
  ) {}

  static async start(root: string): Promise<PostgresServer> {
    const server = new PostgresServer(join(root, 'pg', 'data'), await freePort(), randomBytes(18).toString('base64url'));
    await server.start();
    return server;
  }

  get appUser(): { role: string; database: string; password: string } {
    return { role: APP_ROLE, database: APP_DATABASE, password: this.password };
  }

  async start(): Promise<void> {
    const options = { dataDir: this.dataDir, port: this.port, persistent: true, durable: false, database: 'postgres' };
    const role = { database: APP_DATABASE, role: APP_ROLE, password: this.password };
    const script = `
      import { startPostgres } from ${JSON.stringify(moduleUrl('@plinth/dev-services/postgres'))};
      import { ensureApplicationRole } from ${JSON.stringify(moduleUrl('@plinth/dev-services/application-role'))};
      const pg = await startPostgres(${JSON.stringify(options)});
      const appUrl = await ensureApplicationRole({ superuserUrl: pg.url, ...${JSON.stringify(role)} });
      process.on('SIGTERM', async () => { await pg.stop(); process.exit(0); });
      process.stdout.write('ready ' + pg.url + ' ' + appUrl + '\\n');
    `;
    this.child = startChild(process.execPath, ['--input-type=module', '-e', script]);
    const [, superuserUrl, appUrl] = await waitForOutput(this.child, /ready (\S+) (\S+)\n/, 60_000);
    const url = new URL(superuserUrl);
    url.pathname = `/${APP_DATABASE}`;
    this.superuserUrl = url.toString();
    this.appUrl = appUrl;
  }

  /** A clean shutdown (what a restart or a failover does): open connections are cut. */
  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 30_000);
  }
}

/** pgbouncer in transaction mode in front of `postgres`, authenticating the product's role itself. */
export class Pgbouncer {
  private constructor(
    private readonly child: Child,
    readonly url: string,
  ) {}

  static async start(root: string, postgres: PostgresServer): Promise<Pgbouncer> {
    const { role, database, password } = postgres.appUser;
    const port = await freePort();
    const ini = join(root, 'pgbouncer.ini');
    await writeFile(join(root, 'userlist.txt'), `"${role}" "${password}"\n`, { mode: 0o644 });
    await writeFile(ini, pgbouncerIni({ port, postgresPort: postgres.port, database, authFile: join(root, 'userlist.txt') }), {
      mode: 0o644,
    });
    // pgbouncer refuses to run as root: -u drops to the user the embedded PostgreSQL runs as.
    const asRoot = process.getuid?.() === 0;
    const child = startChild(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), ini]);
    await waitForOutput(child, /process up/);
    return new Pgbouncer(child, `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`);
  }

  output(): string {
    return this.child.output();
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/**
 * What the scale-out topology needs of pgbouncer; docker/compose.scale.yaml
 * sets the same. Transaction pooling: a server connection belongs to a client
 * for one transaction only, so nothing session-level may be relied on.
 */
export function pgbouncerIni(settings: { port: number; postgresPort: number; database: string; authFile: string }): string {
  return `[databases]
${settings.database} = host=127.0.0.1 port=${settings.postgresPort} dbname=${settings.database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${settings.port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${settings.authFile}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 60
; While PostgreSQL is down, a query waits this long for a server connection, then fails (no request hangs).
query_wait_timeout = 5
server_connect_timeout = 3
; Retry a failed server login after 1 s, not 15: back within a second of PostgreSQL.
server_login_retry = 1
`;
}

/** A Redis for the shared rate-limit counters; nothing is persisted. */
export class RedisServer {
  private constructor(
    private readonly child: Child,
    readonly url: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const port = await freePort();
    const child = startChild(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await waitForOutput(child, /Ready to accept connections/);
    return new RedisServer(child, `redis://127.0.0.1:${port}`);
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
