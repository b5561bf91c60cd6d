import { freePort, startMailCatcherProcess, type MailCatcherProcess } from '@plinth/testing';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import supertest from 'supertest';
import { ApiProcess } from './api-process';
import { RoundRobinProxy } from './round-robin-proxy';
import { Pgbouncer, PostgresServer, RedisServer, scratchDir } from './services';

export const API_REPLICAS = 4;

export interface TopologyOptions {
  /** More environment for every process (the product's knobs a test turns). */
  env?: Record<string, string>;
}

/**
 * Plinth scaled out on one machine, from the built product: one PostgreSQL,
 * pgbouncer in transaction mode in front of it, one Redis, a mail catcher,
 * API_REPLICAS API processes (JOBS_ENABLED=false) and one worker
 * (JOBS_ENABLED=true), all through pgbouncer, behind a round-robin proxy.
 * Every process migrates on start (MIGRATE_ON_START), all at once, through pgbouncer.
 */
export class Topology {
  readonly apis: ApiProcess[] = [];
  workers: ApiProcess[] = [];
  /** The product's data as the superuser sees it, straight from PostgreSQL (no row-level security). */
  db!: Pool;
  http!: ReturnType<typeof supertest>;
  inboxUrl = '';
  proxy!: RoundRobinProxy;
  postgres!: PostgresServer;
  private pgbouncer!: Pgbouncer;
  private redis!: RedisServer;
  private mail?: MailCatcherProcess;
  private mailPorts!: { smtpPort: number; webPort: number };
  private root!: string;
  private env!: NodeJS.ProcessEnv;

  static async start(options: TopologyOptions = {}): Promise<Topology> {
    const topology = new Topology();
    try {
      await topology.boot(options);
    } catch (error) {
      await topology.stop();
      throw error;
    }
    return topology;
  }

  private async boot(options: TopologyOptions): Promise<void> {
    this.root = await scratchDir('plinth-scale-');
    this.postgres = await PostgresServer.start(this.root);
    this.pgbouncer = await Pgbouncer.start(this.root, this.postgres);
    this.redis = await RedisServer.start();
    this.mailPorts = { smtpPort: await freePort(), webPort: await freePort() };
    await this.startMail();
    this.proxy = await RoundRobinProxy.start(() => this.apis.map((api) => api.url));
    this.http = supertest(this.proxy.url);
    this.env = this.processEnv(options.env ?? {});
    for (let i = 0; i < API_REPLICAS; i++) this.apis.push(await ApiProcess.create(`api-${i + 1}`, { ...this.env, JOBS_ENABLED: 'false' }));
    const worker = await this.newWorker();
    // All at once: N processes migrating one database through pgbouncer must migrate it once.
    const all = [...this.apis, worker];
    await Promise.all(all.map((process) => process.start({ waitHealthy: false })));
    this.db = new Pool({ connectionString: this.postgres.superuserUrl, max: 4 });
    // Its idle connections are cut when PostgreSQL restarts (a test does that): the next query reconnects.
    this.db.on('error', () => undefined);
    try {
      await Promise.all(all.map((process) => process.healthy()));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- sessions ---\n${await this.sessions()}`);
    }
  }

  get worker(): ApiProcess {
    return this.workers[this.workers.length - 1];
  }

  /** A new worker process (after one was killed), started and healthy. */
  async startWorker(): Promise<ApiProcess> {
    const worker = await this.newWorker();
    await worker.start();
    return worker;
  }

  private async newWorker(): Promise<ApiProcess> {
    const worker = await ApiProcess.create(`worker-${this.workers.length + 1}`, { ...this.env, JOBS_ENABLED: 'true' });
    this.workers.push(worker);
    return worker;
  }

  /** Takes the SMTP catcher down; mails sent meanwhile fail to connect. */
  async stopMail(): Promise<void> {
    await this.mail?.stop();
    this.mail = undefined;
  }

  /** (Re)starts the catcher on the same ports; a restarted catcher starts with an empty inbox. */
  async startMail(): Promise<void> {
    this.mail = await startMailCatcherProcess(this.mailPorts);
    this.inboxUrl = this.mail.inboxUrl;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.apis, ...this.workers].map((process) => process.stop()));
    await this.proxy?.close();
    await this.db?.end();
    await this.mail?.stop();
    await this.redis?.stop();
    await this.pgbouncer?.stop();
    await this.postgres?.stop();
    if (this.root) await rm(this.root, { recursive: true, force: true });
  }

  /** What every database session is doing, for a failure message. */
  async sessions(): Promise<string> {
    const { rows } = await this.db.query(
      `SELECT pid, application_name, state, wait_event_type, wait_event, left(query, 120) AS query
         FROM pg_stat_activity WHERE datname = 'plinth' AND pid <> pg_backend_pid() ORDER BY state, application_name`,
    );
    return rows.map((row) => JSON.stringify(row)).join('\n');
  }

  /** Every process's output tail, for a failure message. */
  logs(): string {
    return [...this.apis, ...this.workers].map((process) => `--- ${process.name} ---\n${process.output()}`).join('\n');
  }

  private processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'scale-test-secret-0123456789abcdefghijklmnopq',
      APP_URL: this.proxy.url,
      DATABASE_URL: this.pgbouncer.url,
      MIGRATE_ON_START: 'true',
      REDIS_URL: this.redis.url,
      SMTP_URL: `smtp://127.0.0.1:${this.mailPorts.smtpPort}`,
      DATA_DIR: join(this.root, 'data'),
      // Every test user signs up from 127.0.0.1 through the proxy.
      AUTH_RATE_LIMIT_PER_IP: '100000',
      AUTH_RATE_LIMIT_PER_EMAIL: '1000',
      INVITES_PER_HOUR: '100000',
      // The tests' webhook receivers listen on 127.0.0.1.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      ...extra,
    };
  }
}
