import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { databaseError, TenantTransactions, TenantTx } from '@plinth/tenancy';
import type { PlanTier } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { QuotaExceededError } from './errors';
import { PlanCatalog } from './plan-catalog';
import { DIMENSIONS, Dimension, Limit } from './plans';
import { crossedThreshold, Usage, WARNING_THRESHOLDS } from './quota-math';
import { QUOTA_BULK_SETTING, QUOTA_EXCEEDED_SQLSTATE, QUOTA_SETTING } from './quota-sql';

/** scope_id of dimensions counted per organization rather than per site. */
export const ORGANIZATION_SCOPE = '00000000-0000-0000-0000-000000000000';
export const QUOTA_OPTIONS = Symbol('plinth:quotaOptions');

export interface QuotaOptions {
  /** Where a 402 sends the customer: the organization's billing page, say. */
  upgradeUrl: (organizationSlug: string) => string;
}

/** Who a 402 is for: the plan that refused, and where its organization upgrades. */
export interface QuotaTenant {
  organizationId: string;
  planTier: PlanTier;
  organizationSlug: string;
}

/** A refusal as it is made (for outgoing `quota.exceeded` events). */
export interface QuotaRefusal {
  organizationId: string;
  planTier: PlanTier;
  dimension: Dimension;
  scopeId: string;
  current: number;
  limit: number;
}

export interface QuotaSnapshot {
  counters: Array<{ dimension: Dimension; scopeId: string; current: number; periodStart: Date }>;
  limits: Record<Dimension, Limit>;
}

const SNAPSHOT_SQL = `
  SELECT (SELECT json_agg(json_build_object('dimension', dimension, 'scopeId', scope_id, 'current', current, 'periodStart', period_start)
                          ORDER BY dimension, current DESC, scope_id)
            FROM quota_usage WHERE organization_id = $1) AS counters,
         (SELECT json_object_agg(dimension, limit_value) FROM quota_overrides WHERE organization_id = $1) AS overrides`;

/** SQL columns for queries across organizations (platform admin): organization-wide usage and the overrides, as JSON objects. */
export function usageColumnsSql(organizationIdSql: string): string {
  return `(SELECT jsonb_object_agg(u.dimension, u.current) FROM quota_usage u
            WHERE u.organization_id = ${organizationIdSql} AND u.scope_id = '${ORGANIZATION_SCOPE}') AS usage,
          (SELECT jsonb_object_agg(q.dimension, q.limit_value) FROM quota_overrides q WHERE q.organization_id = ${organizationIdSql}) AS overrides`;
}

export interface Consumption extends Usage {
  /** The warning threshold this consumption crossed, if any. */
  crossed: number | null;
}

/**
 * Usage against the plan, in the caller's unit of work. Counted tables
 * (sites, posts, media) are counted by the database itself at COMMIT (see
 * quota-sql); this service reads usage, consumes explicitly for bulk writers,
 * and checks counts the caller computes itself (`users`).
 */
@Injectable()
export class QuotaService implements OnModuleInit {
  private readonly refusalObservers: Array<(refusal: QuotaRefusal) => void> = [];

  constructor(
    readonly catalog: PlanCatalog,
    @Inject(QUOTA_OPTIONS) private readonly options: QuotaOptions,
    private readonly transactions: TenantTransactions,
  ) {}

  onModuleInit(): void {
    // Every tenant transaction carries the catalog's limits and thresholds, for the counting triggers.
    const limits = Object.fromEntries(this.catalog.plans.map((plan) => [plan.tier, plan.limits]));
    this.transactions.setTransactionSetting(QUOTA_SETTING, JSON.stringify({ thresholds: WARNING_THRESHOLDS, limits }));
    this.transactions.addErrorTranslator((error, tx) => this.translate(error, tx));
  }

  /** Current usage and the limit in force (an override first, then the plan). */
  async usage(tx: TenantTx, dimension: Dimension, scopeId = ORGANIZATION_SCOPE): Promise<Usage> {
    const { counters, limits } = await this.snapshot(tx);
    const counter = counters.find((c) => c.dimension === dimension && c.scopeId === scopeId);
    return { current: counter?.current ?? 0, limit: limits[dimension] };
  }

  /** Counts `amount` now (402 past the limit): for writers that insert in bulk with row counting suspended. */
  async consume(tx: TenantTx, dimension: Dimension, amount: number, scopeId = ORGANIZATION_SCOPE): Promise<void> {
    await tx.manager.query('SELECT plinth_quota_consume($1, $2, $3, $4)', [tx.organizationId, dimension, scopeId, amount]);
  }

  /** Suspends per-row counting for the rest of the transaction: the caller consumes in bulk instead. */
  async countInBulk(tx: TenantTx): Promise<void> {
    await tx.manager.query(`SELECT set_config('${QUOTA_BULK_SETTING}', 'on', true)`);
  }

  /** For counts the caller computes itself (users = members + pending invites), under its own lock. */
  async ensureRoom(tx: TenantTx, dimension: Dimension, current: number, amount = 1): Promise<Consumption> {
    const { limit } = await this.usage(tx, dimension);
    if (limit !== null && current + amount > limit) throw this.exceeded(tx, dimension, current, limit);
    return { current: current + amount, limit, crossed: crossedThreshold(current, current + amount, limit) };
  }

  /**
   * Records a crossing the caller computed (users, API calls): once per
   * threshold and month, and a NOTICE that the commit observers act on.
   */
  async warn(tx: TenantTx, dimension: Dimension, consumption: Consumption, scopeId = ORGANIZATION_SCOPE): Promise<void> {
    if (consumption.crossed === null || consumption.limit === null) return;
    await tx.manager.query('SELECT plinth_quota_warn($1, $2, $3, $4, $5, $6)', [
      tx.organizationId,
      dimension,
      scopeId,
      consumption.crossed,
      consumption.current,
      consumption.limit,
    ]);
  }

  /**
   * Every counter of the organization and the limit in force per dimension,
   * in one statement: an override row wins, else the plan's limit.
   */
  async snapshot(tx: TenantTx): Promise<QuotaSnapshot> {
    const [row] = (await tx.manager.query(SNAPSHOT_SQL, [tx.organizationId])) as Array<{
      counters: Array<{ dimension: Dimension; scopeId: string; current: number; periodStart: string }> | null;
      overrides: Partial<Record<Dimension, number | null>> | null;
    }>;
    const counters = (row.counters ?? []).map((c) => ({ ...c, current: Number(c.current), periodStart: new Date(c.periodStart) }));
    const overrides = row.overrides ?? {};
    const limitOf = (d: Dimension): Limit => (d in overrides ? (overrides[d] ?? null) : this.catalog.limit(tx.planTier, d));
    return { counters, limits: Object.fromEntries(DIMENSIONS.map((d) => [d, limitOf(d)])) as Record<Dimension, Limit> };
  }

  /** A platform admin's custom limit for one organization (null: unlimited); the system's to write, never a tenant's. */
  async setOverride(system: EntityManager, organizationId: string, dimension: Dimension, limit: number | null): Promise<void> {
    await system.query(
      `INSERT INTO quota_overrides (organization_id, dimension, limit_value) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, dimension) DO UPDATE SET limit_value = EXCLUDED.limit_value, updated_at = now()`,
      [organizationId, dimension, limit],
    );
  }

  exceeded(tenant: QuotaTenant, dimension: Dimension, current: number, limit: Limit, scopeId = ORGANIZATION_SCOPE): QuotaExceededError {
    const upgradeUrl = this.options.upgradeUrl(tenant.organizationSlug);
    if (limit !== null) {
      const { organizationId, planTier } = tenant;
      for (const observe of this.refusalObservers) observe({ organizationId, planTier, dimension, scopeId, current, limit });
    }
    return new QuotaExceededError({ dimension, current, limit, planTier: tenant.planTier, upgradeUrl });
  }

  /** Told of every refusal as it is made (its transaction may still be open): must neither throw nor wait. */
  onRefusal(observer: (refusal: QuotaRefusal) => void): void {
    this.refusalObservers.push(observer);
  }

  /** The database's PL402 (a consume past the limit, at COMMIT or explicit) as the contract's 402. */
  private translate(error: unknown, tx: TenantTx): QuotaExceededError | undefined {
    const fields = databaseError(error);
    if (fields?.code !== QUOTA_EXCEEDED_SQLSTATE || !fields.detail) return undefined;
    const detail = JSON.parse(fields.detail) as { dimension: Dimension; scopeId?: string; current: number; limit: number };
    if (!DIMENSIONS.includes(detail.dimension)) return undefined;
    return this.exceeded(tx, detail.dimension, detail.current, detail.limit, detail.scopeId);
  }
}
