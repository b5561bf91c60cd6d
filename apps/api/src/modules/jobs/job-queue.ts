import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_DB_ROLE } from '@plinth/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { isDatabaseUnavailable } from '../../database/database-unavailable';

const GRANT_LOCK = 727_274_002;
const SHUTDOWN_WAIT_MS = 10_000;
/** More than the workers the modules register (13 queues today), so no poll waits for a connection. */
const WORKER_CONNECTIONS = 16;
const DEADLOCK = '40P01';
/** Completing a batch is retried for about a minute (a database restart or failover). */
const SETTLE_ATTEMPTS = 60;
const SETTLE_RETRY_MS = 1_000;
const QUEUE_CREATION_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * pg-boss 10 completes (or fails) a worked batch without awaiting it: with the
 * database unreachable at that moment (a restart, a failover), the rejection is
 * unhandled and ends the worker process. Retried here until the database is
 * back, so the batch is settled once instead of being left active to run again.
 */
function settleBatchesPatiently(): void {
  const { prototype } = require('pg-boss/src/manager') as {
    prototype: Record<'complete' | 'fail', (...args: unknown[]) => Promise<unknown>>;
  };
  if ((prototype as { patiently?: boolean }).patiently) return;
  (prototype as { patiently?: boolean }).patiently = true;
  for (const method of ['complete', 'fail'] as const) {
    const original = prototype[method];
    // Named as the original: PgBoss publishes the manager's functions under their `name`.
    prototype[method] = {
      [method]: async function (this: unknown, ...args: unknown[]) {
        for (let attempt = 1; ; attempt++) {
          try {
            return await original.apply(this, args);
          } catch (error) {
            if (!isDatabaseUnavailable(error)) throw error;
            if (attempt >= SETTLE_ATTEMPTS) {
              new Logger(JobQueue.name).error(
                { err: error, queue: args[0] },
                `Could not ${method} jobs; they run again after their expiry`,
              );
              return undefined;
            }
            await sleep(SETTLE_RETRY_MS);
          }
        }
      },
    }[method];
  }
}
settleBatchesPatiently();

/** Waits for `promise`, at most `ms`, leaving no timer behind. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))]);
  clearTimeout(timer);
}

export interface QueueDefinition {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  retentionHours?: number;
  /** A job active this long lost its worker (a crash): it is failed and retried. pg-boss's default: 15 minutes. */
  expireInSeconds?: number;
}

/**
 * pg-boss on the application database. `enqueue` takes the caller's
 * transaction, so a job exists exactly when the write that caused it commits.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  readonly boss: PgBoss;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private hasWorkers = false;
  /** Batches being handled now. */
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;
  private definitions: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.boss = new PgBoss({
      connectionString: config.DATABASE_URL,
      // Every worker polls with a connection of its own; fewer connections than workers queue the polls, and
      // pg's pool never answers a poll still queued when it is closed, so that worker would never stop.
      max: config.JOBS_ENABLED ? WORKER_CONNECTIONS : 4,
      application_name: 'plinth-jobs',
      supervise: config.JOBS_ENABLED,
      maintenanceIntervalSeconds: config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
      schedule: config.JOBS_ENABLED,
    });
    // While stopping, a database that is going down with us (Ctrl-C under npm start) is expected.
    this.boss.on('error', (error) => (this.stopping ? this.logger.debug(error) : this.logger.error(error)));
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.allowTenantTransactionsToEnqueue();
    this.markReady();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: SHUTDOWN_WAIT_MS });
    if (!this.hasWorkers) return;
    // A worker whose fetch returned while stop() ran still runs that batch, after pg-boss stopped waiting;
    // it retires its stopped workers on a one-second tick once they are idle. Outlive both, so nothing of
    // the queue is still running when the process (or a test) moves on.
    const deadline = Date.now() + SHUTDOWN_WAIT_MS;
    do {
      await settledWithin(Promise.allSettled(this.running), deadline - Date.now());
      await sleep(2_100);
    } while (this.running.size > 0 && Date.now() < deadline);
  }

  /** Serialised: pg-boss creates a partition per queue, and concurrent creations deadlock. */
  defineQueue(queue: QueueDefinition): Promise<void> {
    const defined = this.definitions.then(() => this.createQueue(queue));
    this.definitions = defined.catch(() => undefined);
    return defined;
  }

  /**
   * Processes booting together on a fresh database create queues together, and
   * partitions attached at once can deadlock (the serialising above is per
   * process): PostgreSQL aborts one side, and creating a queue is idempotent, so that side tries again.
   */
  private async createQueue(queue: QueueDefinition): Promise<void> {
    await this.ready;
    const options = {
      name: queue.name,
      retryLimit: queue.retryLimit,
      retryDelay: queue.retryDelaySeconds,
      retryBackoff: true,
      retentionMinutes: (queue.retentionHours ?? 24 * 14) * 60,
      ...(queue.expireInSeconds ? { expireInSeconds: queue.expireInSeconds } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(queue.name, options);
        // An existing queue keeps the settings it was created with: bring them up to date.
        await this.boss.updateQueue(queue.name, options);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= QUEUE_CREATION_ATTEMPTS) throw error;
        await sleep(50 * attempt + Math.random() * 100);
      }
    }
  }

  /**
   * The outbox insert runs inside tenant transactions, as the row-level
   * security role: it may add jobs (and read back their id), never read
   * them — another tenant's mail may be queued there. pg-boss creates its
   * schema at start, so grant after it. Serialised: concurrent GRANTs on one object can fail.
   */
  private async allowTenantTransactionsToEnqueue(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [GRANT_LOCK]);
      await manager.query(`
        GRANT USAGE ON SCHEMA pgboss TO ${APP_DB_ROLE};
        GRANT SELECT ON pgboss.queue TO ${APP_DB_ROLE};
        REVOKE SELECT ON pgboss.job FROM ${APP_DB_ROLE};
        GRANT INSERT, SELECT (id) ON pgboss.job TO ${APP_DB_ROLE};`);
    });
  }

  /** Adds a job inside `manager`'s transaction (the outbox); `startAfter` delays it. */
  async enqueue(manager: EntityManager, queue: string, data: object, options: { startAfter?: Date } = {}): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error(`enqueue(${queue}) needs an open transaction: jobs commit with the write that causes them`);
    }
    await this.boss.send(queue, data, {
      ...options,
      db: {
        executeSql: async (text: string, values: unknown[]) => ({ rows: (await runner.query(text, values, true)).records }),
      },
    });
  }

  /**
   * One worker fetching up to `concurrency` jobs per poll and running them
   * side by side. Each job that throws is failed on its own (and retried);
   * pg-boss then completes only the jobs still active, the ones that worked.
   * pg-boss waits out the polling interval after every batch, capping a queue
   * at `concurrency` jobs per 0.5 s; after a full batch the worker is woken at
   * once, so a backlog drains at the handler's speed.
   */
  async work<T extends object>(
    queue: string,
    handler: (data: T) => Promise<void>,
    { concurrency = 1 }: { concurrency?: number } = {},
  ): Promise<void> {
    await this.ready;
    this.hasWorkers = true;
    const workerId = await this.boss.work<T>(queue, { pollingIntervalSeconds: 0.5, batchSize: concurrency }, async (jobs) => {
      const batch = Promise.allSettled(jobs.map((job) => handler(job.data)));
      this.running.add(batch);
      const results = await batch.finally(() => this.running.delete(batch));
      await Promise.all(
        results.map((result, i) =>
          result.status === 'rejected' ? this.boss.fail(queue, jobs[i].id, { error: messageOf(result.reason) }) : null,
        ),
      );
      if (jobs.length === concurrency) this.boss.notifyWorker(workerId);
    });
  }
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
