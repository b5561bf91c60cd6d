import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { NotAMemberError, NotFoundError } from './errors';
import type { PlanTier } from './roles';
import { Actor, RequestOrigin, TenantContext, TenantIdentity } from './tenant-context';
import { TenantTx } from './tenant-tx';

/** The database role the request path runs as; row-level security applies to it. */
export const APP_DB_ROLE = 'plinth_app';

/**
 * A query that finds the organization a caller may act in: at most one row,
 * with at least an `organization_id` column. It runs as the connecting user,
 * before the transaction takes the row-level-security role.
 */
export interface TenantResolution {
  sql: string;
  params: unknown[];
}

export interface ResolveOptions {
  /** Open the transaction in the same round trip (the request's unit of work). */
  begin: boolean;
  /** BEGIN READ ONLY: the request only reads, so its COMMIT may follow the response. */
  readOnly?: boolean;
  /** A long read whose pace the client sets (an export): from the small pool of its own, never the shared one. */
  streaming?: boolean;
}

/**
 * The DataSource of the pool streams draw from (a few connections, a short
 * wait for one): a client that stops reading holds one of these, never a
 * connection the rest of the API needs.
 */
export const STREAM_DATA_SOURCE = Symbol('plinth:streamDataSource');

export interface Resolved<R> {
  context: TenantContext;
  row: R;
  /** The open unit of work, when asked to begin. */
  tx?: TenantTx;
}

const ORGANIZATION_RESOLUTION = 'SELECT id AS organization_id, slug, plan_tier FROM organizations WHERE id = $1';

/** What the system step of `runAfterSystem` leaves: the organization to continue in, and who acts there. */
export interface Founded {
  organizationId: string;
  actor?: Actor;
}

/** Who acts in a system transaction; the system itself unless said. */
export interface SystemCaller {
  actor?: Actor;
  origin?: RequestOrigin;
}

type ErrorTranslator = (error: unknown, tx: TenantTx) => unknown;
type CommitObserver = (tx: TenantTx) => void | Promise<void>;
type ResolvedRow = { organization_id: string };

interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  connection: { stream: { cork(): void; uncork(): void } };
}

/**
 * Opens tenant units of work. BEGIN, the query that resolves the tenant
 * (membership, API key, or a job's organization) and the pin — the
 * transaction-local `app.organization_id` and role — travel in one round
 * trip: the pin is computed from the resolved row, so a transaction can only
 * be pinned to an organization its resolution allowed. Nothing session-level
 * is set, so a pooled connection (or pgbouncer in transaction mode) stays clean.
 */
@Injectable()
export class TenantTransactions {
  private readonly settings = new Map<string, string>();
  private readonly translators: ErrorTranslator[] = [];
  private readonly observers: CommitObserver[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(STREAM_DATA_SOURCE) private readonly streams?: DataSource,
  ) {}

  /** A transaction-local setting every tenant transaction carries (e.g. the plan limits quota triggers read). */
  setTransactionSetting(name: string, value: string): void {
    this.settings.set(name, value);
  }

  /** Maps database errors (a trigger's at COMMIT, say) to domain errors; the first that answers wins. */
  addErrorTranslator(translator: ErrorTranslator): void {
    this.translators.push(translator);
  }

  /** Called after every tenant commit (e.g. to act on the notices the transaction received). */
  addCommitObserver(observer: CommitObserver): void {
    this.observers.push(observer);
  }

  async resolve<R extends ResolvedRow>(
    resolution: TenantResolution,
    identify: (row: R) => TenantIdentity,
    options: ResolveOptions,
  ): Promise<Resolved<R> | null> {
    if (!options.begin) {
      const [row] = (await this.dataSource.query(resolution.sql, resolution.params)) as R[];
      if (!row) return null;
      const context = new TenantContext(identify(row), {
        current: () => undefined,
        open: async (streaming) => this.reopen(resolution, identify, streaming),
      });
      return { context, row };
    }
    const runner = (options.streaming ? (this.streams ?? this.dataSource) : this.dataSource).createQueryRunner();
    const row = await this.beginPinned<R>(runner, resolution, options.readOnly ?? false);
    if (!row) return null;
    const source = {
      current: (): TenantTx | undefined => tx,
      open: async (streaming?: boolean) => this.reopen(resolution, identify, streaming),
    };
    const context = new TenantContext(identify(row), source);
    const tx = new TenantTx(runner, context, options.readOnly ?? false, this.lifecycle);
    return { context, row, tx };
  }

  /**
   * Enters one organization explicitly — jobs, webhooks, platform admins,
   * paths whose caller is not yet a member (invite acceptance) — acting as
   * `who.actor` (the system by default), and commits when `work` returns.
   */
  async run<T>(organizationId: string, work: (tx: TenantTx) => Promise<T>, who: SystemCaller = {}): Promise<T> {
    const { actor = { type: 'system', id: null }, origin } = who;
    const resolved = await this.resolve<ResolvedRow & { slug: string; plan_tier: PlanTier }>(
      { sql: ORGANIZATION_RESOLUTION, params: [organizationId] },
      (row) => ({ organizationId: row.organization_id, organizationSlug: row.slug, planTier: row.plan_tier, role: 'owner', actor, origin }),
      { begin: true },
    );
    if (!resolved?.tx) throw new NotFoundError('Organization');
    return resolved.tx.run(work);
  }

  /**
   * Writes what no tenant may write as the system first — `found` creates a
   * user, an organization, tokens, or a platform admin's override — then pins
   * the same transaction to the organization `found` returns and runs `work`
   * as its tenant (its audit entry, its mails), so all of it commits or fails as one.
   */
  async runAfterSystem<F extends Founded, T>(
    found: (manager: EntityManager) => Promise<F>,
    work: (tx: TenantTx, founded: F) => Promise<T>,
    origin?: RequestOrigin,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let founded: F;
    let row: ResolvedRow & { slug: string; plan_tier: PlanTier };
    try {
      founded = await found(runner.manager);
      [row] = await runner.query(this.pinnedSql(ORGANIZATION_RESOLUTION), [founded.organizationId, ...this.settingParams()]);
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
    const actor = founded.actor ?? { type: 'system' as const, id: null };
    const identity = {
      organizationId: row.organization_id,
      organizationSlug: row.slug,
      planTier: row.plan_tier,
      role: 'owner' as const,
      actor,
      origin,
    };
    const tx = new TenantTx(runner, new TenantContext(identity), false, this.lifecycle);
    return tx.run((open) => work(open, founded));
  }

  private async reopen<R extends ResolvedRow>(
    resolution: TenantResolution,
    identify: (row: R) => TenantIdentity,
    streaming = false,
  ): Promise<TenantTx> {
    const resolved = await this.resolve(resolution, identify, { begin: true, streaming });
    if (!resolved?.tx) throw new NotAMemberError();
    return resolved.tx;
  }

  /** BEGIN and the pinned resolution, pipelined; null (rolled back, released) when nothing resolves. */
  private async beginPinned<R>(runner: QueryRunner, resolution: TenantResolution, readOnly: boolean): Promise<R | null> {
    const client = (await runner.connect()) as PgClient;
    // A read-only transaction writes nothing a trigger would check against the settings.
    const settings = readOnly ? [] : this.settingParams();
    const pinned = this.pinnedSql(resolution.sql, resolution.params.length, settings.length / 2);
    try {
      // Pipelined and corked: both go out in one write, and come back in one round trip.
      client.connection.stream.cork();
      const begun = client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      const resolved = client.query(pinned, [...resolution.params, ...settings]);
      client.connection.stream.uncork();
      const [, { rows }] = await Promise.all([begun, resolved]);
      if (rows.length > 0) return rows[0] as R;
      await client.query('ROLLBACK');
      await runner.release();
      return null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  /**
   * The resolution wrapped so its row pins the transaction: the tenant, the
   * row-level-security role and the registered settings, all transaction-local.
   */
  private pinnedSql(resolution: string, resolutionParams = 1, settingCount = this.settings.size): string {
    const first = resolutionParams + 1;
    const settings = Array.from({ length: settingCount }, (_, i) => `, set_config($${first + 2 * i}, $${first + 2 * i + 1}, true)`).join(
      '',
    );
    return `SELECT r.*, set_config('app.organization_id', r.organization_id::text, true), set_config('role', '${APP_DB_ROLE}', true)${settings}
      FROM (${resolution}) r`;
  }

  private settingParams(): string[] {
    return [...this.settings].flat();
  }

  private readonly lifecycle = {
    translate: (error: unknown, tx: TenantTx): unknown => {
      for (const translator of this.translators) {
        const translated = translator(error, tx);
        if (translated !== undefined) return translated;
      }
      return error;
    },
    committed: async (tx: TenantTx): Promise<void> => {
      for (const observer of this.observers) await observer(tx);
    },
  };
}
