import { Inject, Injectable } from '@nestjs/common';
import type { PlanTier } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { QuotaExceededError } from './errors';
import { PlanCatalog } from './plan-catalog';
import type { Dimension, Limit } from './plans';
import { crossedThreshold, Usage } from './quota-math';

/** scope_id of dimensions counted per organization rather than per site. */
export const ORGANIZATION_SCOPE = '00000000-0000-0000-0000-000000000000';
export const QUOTA_OPTIONS = Symbol('plinth:quotaOptions');

export interface QuotaOptions {
  /** Where a 402 sends the customer, e.g. `${APP_URL}/pricing`. */
  upgradeUrl: string;
}

export interface QuotaTarget {
  organizationId: string;
  planTier: PlanTier;
  dimension: Dimension;
  /** The site, for `posts`. */
  scopeId?: string;
}

export interface Consumption extends Usage {
  /** The warning threshold (80/90/95) this consumption crossed, if any. */
  crossed: number | null;
}

/**
 * Counts usage and enforces limits in the caller's transaction. A consume is
 * one conditional upsert that both checks and counts, so N concurrent
 * consumers against a limit L leave exactly min(N, L) counted.
 */
@Injectable()
export class QuotaService {
  constructor(
    readonly catalog: PlanCatalog,
    @Inject(QUOTA_OPTIONS) private readonly options: QuotaOptions,
  ) {}

  async consume(manager: EntityManager, target: QuotaTarget, amount = 1): Promise<Consumption> {
    const planLimit = this.catalog.limit(target.planTier, target.dimension);
    const [row] = (await manager.query(CONSUME_SQL, [
      target.organizationId,
      target.dimension,
      target.scopeId ?? ORGANIZATION_SCOPE,
      amount,
      planLimit,
    ])) as Array<{ current: string; limit: string | null }>;
    if (!row) throw await this.exceeded(manager, target);
    const limit = row.limit === null ? null : Number(row.limit);
    const current = Number(row.current);
    return { current, limit, crossed: crossedThreshold(current - amount, current, limit) };
  }

  async release(manager: EntityManager, target: Omit<QuotaTarget, 'planTier'>, amount = 1): Promise<void> {
    await manager.query(
      `UPDATE quota_usage SET current = GREATEST(current - $4, 0)
        WHERE organization_id = $1 AND dimension = $2 AND scope_id = $3`,
      [target.organizationId, target.dimension, target.scopeId ?? ORGANIZATION_SCOPE, amount],
    );
  }

  /** Current usage and the limit in force (override first, then plan). */
  async usage(manager: EntityManager, target: QuotaTarget): Promise<Usage> {
    const [row] = (await manager.query(USAGE_SQL, [
      target.organizationId,
      target.dimension,
      target.scopeId ?? ORGANIZATION_SCOPE,
      this.catalog.limit(target.planTier, target.dimension),
    ])) as Array<{ current: string; limit: string | null }>;
    return { current: Number(row.current), limit: row.limit === null ? null : Number(row.limit) };
  }

  /** For counts the caller computes itself (users = members + pending invites), under its own lock. */
  async ensureRoom(manager: EntityManager, target: QuotaTarget, current: number, amount = 1): Promise<Consumption> {
    const { limit } = await this.usage(manager, target);
    if (limit !== null && current + amount > limit) throw this.exceededError(target, current, limit);
    return { current: current + amount, limit, crossed: crossedThreshold(current, current + amount, limit) };
  }

  private async exceeded(manager: EntityManager, target: QuotaTarget): Promise<QuotaExceededError> {
    const { current, limit } = await this.usage(manager, target);
    return this.exceededError(target, current, limit);
  }

  private exceededError(target: QuotaTarget, current: number, limit: Limit): QuotaExceededError {
    return new QuotaExceededError({
      dimension: target.dimension,
      current,
      limit,
      planTier: target.planTier,
      upgradeUrl: this.options.upgradeUrl,
    });
  }
}

// The limit in force: an override row wins (its NULL meaning unlimited), else the plan's (the given parameter).
const limitCte = (planLimit: string) => `
  WITH lim AS (
    SELECT CASE WHEN o.organization_id IS NULL THEN ${planLimit}::bigint ELSE o.limit_value END AS value
      FROM (SELECT 1) AS one
      LEFT JOIN quota_overrides o ON o.organization_id = $1 AND o.dimension = $2
  )`;

// Insert-or-increment, each guarded by the limit: no row comes back when it would be exceeded.
const CONSUME_SQL = `${limitCte('$5')}
  INSERT INTO quota_usage AS u (organization_id, dimension, scope_id, current)
  SELECT $1, $2, $3, $4 FROM lim WHERE lim.value IS NULL OR $4 <= lim.value
  ON CONFLICT (organization_id, dimension, scope_id) DO UPDATE
    SET current = u.current + EXCLUDED.current
    WHERE (SELECT value FROM lim) IS NULL OR u.current + EXCLUDED.current <= (SELECT value FROM lim)
  RETURNING u.current, (SELECT value FROM lim) AS limit`;

const USAGE_SQL = `${limitCte('$4')}
  SELECT COALESCE((SELECT current FROM quota_usage
                    WHERE organization_id = $1 AND dimension = $2 AND scope_id = $3), 0) AS current,
         (SELECT value FROM lim) AS limit`;
