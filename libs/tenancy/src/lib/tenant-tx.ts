import { Logger } from '@nestjs/common';
import type { EntityManager, EntityTarget, QueryRunner } from 'typeorm';
import { ScopedRepository, TenantOwned } from './scoped-repository';
import type { Actor, TenantContext } from './tenant-context';
import type { PlanTier, Role } from './roles';

/** A NOTICE the database sent during the transaction (e.g. a quota threshold crossed at COMMIT). */
export interface DatabaseNotice {
  message: string;
  detail?: string;
}

/** What the transaction runner does around a commit; given by TenantTransactions. */
export interface TxLifecycle {
  /** Turns a database error (e.g. a trigger's at COMMIT) into the error the caller should see. */
  translate(error: unknown, tx: TenantTx): unknown;
  /** Runs once the transaction has committed. */
  committed(tx: TenantTx): Promise<void>;
}

interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ command: string; rows: Array<Record<string, unknown>> }>;
  on(event: 'notice', listener: (notice: DatabaseNotice) => void): void;
  off(event: 'notice', listener: (notice: DatabaseNotice) => void): void;
}

/**
 * The unit of work: one database transaction pinned to one organization
 * (row-level security) and the context it acts for. It hands out scoped
 * repositories, so the organization is stated once — the RLS pin and the
 * scoped filter cannot name two different organizations.
 */
export class TenantTx {
  private static readonly logger = new Logger('TenantTx');
  private readonly repositories = new Map<EntityTarget<TenantOwned>, ScopedRepository<TenantOwned>>();
  private readonly afterCommitTasks: Array<() => unknown> = [];
  private readonly received: DatabaseNotice[] = [];
  private state: 'open' | 'committed' | 'rolled_back' = 'open';
  private readonly onNotice = (notice: DatabaseNotice) => this.received.push({ message: notice.message, detail: notice.detail });

  constructor(
    private readonly runner: QueryRunner,
    readonly context: TenantContext,
    readonly readOnly: boolean,
    private readonly lifecycle: TxLifecycle,
  ) {
    this.client.on('notice', this.onNotice);
    // Tell TypeORM the transaction is ours: saves join it, and a nested manager.transaction() becomes a savepoint.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  get organizationId(): string {
    return this.context.organizationId;
  }

  get organizationSlug(): string {
    return this.context.organizationSlug;
  }

  get planTier(): PlanTier {
    return this.context.planTier;
  }

  get role(): Role {
    return this.context.role;
  }

  get actor(): Actor {
    return this.context.actor;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get notices(): readonly DatabaseNotice[] {
    return this.received;
  }

  /** The entity's rows of this organization only: the first wall of isolation (RLS is the second). */
  repo<T extends TenantOwned>(entity: EntityTarget<T>): ScopedRepository<T> {
    let repository = this.repositories.get(entity);
    if (!repository) {
      repository = new ScopedRepository(this.manager, entity, this.organizationId);
      this.repositories.set(entity, repository);
    }
    return repository as unknown as ScopedRepository<T>;
  }

  /** Work that must follow the commit and never precede it (deleting stored files, say); skipped on rollback. */
  afterCommit(task: () => unknown): void {
    this.afterCommitTasks.push(task);
  }

  /** Runs `work`, then commits; rolls back when anything fails. */
  async run<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await work(this);
    } catch (error) {
      throw await this.abort(error);
    }
    await this.commit();
    return result;
  }

  /** Rolls back after `error` and returns the error the caller should see. */
  async abort(error: unknown): Promise<unknown> {
    const lost = this.lostConnection();
    await this.rollback();
    return this.lifecycle.translate(lost ?? error, this);
  }

  async commit(): Promise<void> {
    this.ensureOpen();
    try {
      const { command } = await this.client.query('COMMIT');
      // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK rather than an error.
      if (command === 'ROLLBACK') throw new Error('The transaction failed earlier and was rolled back');
    } catch (error) {
      this.end('rolled_back');
      throw this.lifecycle.translate(error, this);
    }
    this.end('committed');
    await this.lifecycle.committed(this);
    for (const task of this.afterCommitTasks) {
      await Promise.resolve()
        .then(task)
        .catch((error) => TenantTx.logger.error({ err: error }, 'After-commit task failed'));
    }
  }

  /** Idempotent: the request's error paths may each try it. */
  async rollback(): Promise<void> {
    if (!this.isOpen) return;
    try {
      await this.client.query('ROLLBACK');
      this.end('rolled_back');
    } catch (error) {
      this.end('rolled_back', error);
    }
  }

  /**
   * TypeORM releases the runner when its connection fails (we never release an
   * open one): then whatever the work threw next ("already released") is that
   * loss, worth a retry (503), not a bug (500). Checked, not listened for: the
   * failure can arrive in the same read as the transaction's first answer.
   */
  private lostConnection(): Error | undefined {
    if (!this.isOpen || !this.runner.isReleased) return undefined;
    return new Error('Connection terminated: the database connection was lost during the transaction');
  }

  private ensureOpen(): void {
    if (!this.isOpen) throw new Error(`The unit of work is already ${this.state.replace('_', ' ')}`);
  }

  /** Back to the pool; a connection whose ROLLBACK failed is destroyed instead. */
  private end(state: 'committed' | 'rolled_back', broken?: unknown): void {
    this.state = state;
    this.client.off('notice', this.onNotice);
    Object.assign(this.runner, { isTransactionActive: false, transactionDepth: 0 });
    if (broken)
      void (this.runner as unknown as { releasePostgresConnection(error: unknown): Promise<void> }).releasePostgresConnection(broken);
    else void this.runner.release();
  }

  private get client(): PgClient {
    return (this.runner as unknown as { databaseConnection: PgClient }).databaseConnection;
  }
}
