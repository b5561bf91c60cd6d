import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { PlanTier } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { PlanCatalog } from './plan-catalog';
import type { Limit } from './plans';
import { crossedThreshold } from './quota-math';
import { ORGANIZATION_SCOPE } from './quota.service';

export const METER_OPTIONS = Symbol('plinth:meterOptions');

export interface MeterOptions {
  /** How often counts are written; a crash loses at most this much counting. */
  flushIntervalMs: number;
}

export interface MeteredCall {
  allowed: boolean;
  current: number;
  limit: Limit;
  /** The warning threshold this call crossed, if any. */
  crossed: number | null;
}

interface Known {
  /** Count in the database as of the last flush or load. */
  stored: number;
  /** The override in force, undefined when the plan's limit applies. */
  override: Limit | undefined;
  /** Calls past the limit are served and billed (pay as you go) instead of refused. */
  overageAllowed: boolean;
  periodStart: Date;
}

/**
 * API-call metering off the request's critical path: counts live in memory
 * and are written in one batched upsert per interval (and on shutdown). A
 * request costs a database round trip only the first time this process sees
 * its organization. Periods are calendar months (UTC).
 */
@Injectable()
export class ApiCallMeter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiCallMeter.name);
  /** Calls counted since the last flush, and how many of them were past the limit (pay as you go). */
  private pending = new Map<string, { calls: number; overage: number }>();
  /** The batch being written: still counted as unflushed until its statement has returned. */
  private flushing = new Map<string, { calls: number; overage: number }>();
  private readonly known = new Map<string, Known>();
  private readonly loading = new Map<string, Promise<Known>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: PlanCatalog,
    @Inject(METER_OPTIONS) private readonly options: MeterOptions,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch((error) => this.logger.error(error)), this.options.flushIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Counts one call unless the organization's quota for the period is spent. */
  async record(organizationId: string, planTier: PlanTier): Promise<MeteredCall> {
    const known = await this.knownFor(organizationId);
    const limit = known.override !== undefined ? known.override : this.catalog.limit(planTier, 'api_calls');
    const stored = known.periodStart < periodStart() ? 0 : known.stored;
    const pending = this.pending.get(organizationId) ?? { calls: 0, overage: 0 };
    // The batch being written is not in `stored` yet: counted here, so no call slips past the limit meanwhile.
    const before = stored + pending.calls + (this.flushing.get(organizationId)?.calls ?? 0);
    const past = limit !== null && before + 1 > limit;
    if (past && !known.overageAllowed) return { allowed: false, current: before, limit, crossed: null };
    this.pending.set(organizationId, { calls: pending.calls + 1, overage: pending.overage + (past ? 1 : 0) });
    return { allowed: true, current: before + 1, limit, crossed: crossedThreshold(before, before + 1, limit) };
  }

  /** Calls counted by this process and not yet written. */
  unflushed(organizationId: string): number {
    return (this.pending.get(organizationId)?.calls ?? 0) + (this.flushing.get(organizationId)?.calls ?? 0);
  }

  /** Drops what this process knows of an organization (after an override or plan change). */
  forget(organizationId: string): void {
    this.known.delete(organizationId);
  }

  /** Writes every pending count in one statement and refreshes what this process knows. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = batch;
    try {
      const counts = [...batch.values()];
      const rows = (await this.dataSource.query(FLUSH_SQL, [
        [...batch.keys()],
        counts.map((c) => c.calls),
        counts.map((c) => c.overage),
      ])) as StoredRow[];
      await this.refresh(rows);
      const written = new Set(rows.map((row) => row.organization_id));
      for (const organizationId of batch.keys()) if (!written.has(organizationId)) this.forget(organizationId);
      this.flushing = new Map();
    } catch (error) {
      this.flushing = new Map();
      for (const [org, count] of batch) {
        const now = this.pending.get(org) ?? { calls: 0, overage: 0 };
        this.pending.set(org, { calls: now.calls + count.calls, overage: now.overage + count.overage });
      }
      throw error;
    }
  }

  private async knownFor(organizationId: string): Promise<Known> {
    const known = this.known.get(organizationId);
    if (known) return known;
    let loading = this.loading.get(organizationId);
    if (!loading) {
      loading = this.load(organizationId).finally(() => this.loading.delete(organizationId));
      this.loading.set(organizationId, loading);
    }
    return loading;
  }

  private async load(organizationId: string): Promise<Known> {
    const [row] = (await this.dataSource.query(LOAD_SQL, [organizationId])) as StoredRow[];
    const known = toKnown(
      row ?? {
        organization_id: organizationId,
        current: '0',
        period_start: periodStart(),
        has_override: false,
        limit_value: null,
        overage_allowed: false,
      },
    );
    this.known.set(organizationId, known);
    return known;
  }

  private async refresh(rows: StoredRow[]): Promise<void> {
    for (const row of rows) this.known.set(row.organization_id, toKnown(row));
  }
}

interface StoredRow {
  organization_id: string;
  current: string;
  period_start: Date;
  has_override: boolean;
  limit_value: string | null;
  overage_allowed: boolean;
}

function toKnown(row: StoredRow): Known {
  const override = row.has_override ? (row.limit_value === null ? null : Number(row.limit_value)) : undefined;
  return { stored: Number(row.current), override, overageAllowed: row.overage_allowed, periodStart: new Date(row.period_start) };
}

/** The start of the current calendar month, UTC. */
export function periodStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

const MONTH_START = `(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

const OVERRIDE_COLUMNS = `
  EXISTS (SELECT 1 FROM quota_overrides qo WHERE qo.organization_id = u.organization_id AND qo.dimension = 'api_calls') AS has_override,
  (SELECT qo.limit_value FROM quota_overrides qo WHERE qo.organization_id = u.organization_id AND qo.dimension = 'api_calls') AS limit_value,
  EXISTS (SELECT 1 FROM quota_overage o WHERE o.organization_id = u.organization_id AND o.dimension = 'api_calls') AS overage_allowed`;

// System context: one statement for every organization that made calls. A new month starts from zero;
// the month that ended is kept beside it (billing reports the last of its overage from there). The day's
// count (for the usage chart) rides along in the same statement. An organization deleted since its calls
// were counted is left out (its key share waits for a deletion under way): nothing is left to bill them to,
// and its foreign key would fail the whole batch, every organization's counts with it, at every flush.
const FLUSH_SQL = `
  WITH live AS (
    SELECT b.org, b.n, b.overage
      FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS b(org, n, overage)
      JOIN organizations o ON o.id = b.org
       FOR KEY SHARE OF o
  ), daily AS (
    INSERT INTO api_call_days AS d (organization_id, day, calls)
    SELECT live.org, (now() AT TIME ZONE 'UTC')::date, live.n FROM live
    ON CONFLICT (organization_id, day) DO UPDATE SET calls = d.calls + EXCLUDED.calls
  )
  INSERT INTO quota_usage AS u (organization_id, dimension, scope_id, current, overage, period_start)
  SELECT live.org, 'api_calls', '${ORGANIZATION_SCOPE}', live.n, live.overage, ${MONTH_START}
    FROM live
  ON CONFLICT (organization_id, dimension, scope_id) DO UPDATE SET
    current = CASE WHEN u.period_start < EXCLUDED.period_start THEN EXCLUDED.current ELSE u.current + EXCLUDED.current END,
    overage = CASE WHEN u.period_start < EXCLUDED.period_start THEN EXCLUDED.overage ELSE u.overage + EXCLUDED.overage END,
    previous_current = CASE WHEN u.period_start < EXCLUDED.period_start THEN u.current ELSE u.previous_current END,
    previous_overage = CASE WHEN u.period_start < EXCLUDED.period_start THEN u.overage ELSE u.previous_overage END,
    previous_period_start = CASE WHEN u.period_start < EXCLUDED.period_start THEN u.period_start ELSE u.previous_period_start END,
    period_start = GREATEST(u.period_start, EXCLUDED.period_start)
  RETURNING u.organization_id, u.current, u.period_start, ${OVERRIDE_COLUMNS}`;

const LOAD_SQL = `
  SELECT org.id AS organization_id, COALESCE(u.current, 0) AS current, COALESCE(u.period_start, ${MONTH_START}) AS period_start,
         ${OVERRIDE_COLUMNS.replaceAll('u.organization_id', 'org.id')}
    FROM organizations org
    LEFT JOIN quota_usage u ON u.organization_id = org.id AND u.dimension = 'api_calls' AND u.scope_id = '${ORGANIZATION_SCOPE}'
   WHERE org.id = $1`;
