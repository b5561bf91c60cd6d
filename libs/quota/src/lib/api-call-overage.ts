import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { periodStart } from './api-call-meter';
import { ORGANIZATION_SCOPE } from './quota.service';

/** API calls counted in one calendar month, and how many of them were served past the limit (pay as you go). */
export interface ApiCallPeriod {
  periodStart: Date;
  calls: number;
  overage: number;
}

/**
 * Pay as you go for API calls: while an organization allows overage, calls
 * past its limit are served (and billed by whoever reads the overage)
 * instead of refused with 402. Stored by this module; the meter reads it.
 */
interface PeriodRow {
  current: string;
  overage: string;
  period_start: Date;
  previous_current: string;
  previous_overage: string;
  previous_period_start: Date | null;
}

@Injectable()
export class ApiCallOverage {
  async allowed(tx: TenantTx): Promise<boolean> {
    const rows = (await tx.manager.query(`SELECT 1 FROM quota_overage WHERE organization_id = $1 AND dimension = 'api_calls'`, [
      tx.organizationId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Callers drop what the meter knows of the organization after the commit (ApiCallMeter.forget). */
  async allow(tx: TenantTx, allowed: boolean): Promise<void> {
    await tx.manager.query(
      allowed
        ? `INSERT INTO quota_overage (organization_id, dimension) VALUES ($1, 'api_calls') ON CONFLICT DO NOTHING`
        : `DELETE FROM quota_overage WHERE organization_id = $1 AND dimension = 'api_calls'`,
      [tx.organizationId],
    );
  }

  /** The counted months (this one, and the one before while the counter still holds it), as of the last meter flush. */
  async periods(tx: TenantTx): Promise<ApiCallPeriod[]> {
    const [row] = (await tx.manager.query(
      `SELECT current, overage, period_start, previous_current, previous_overage, previous_period_start FROM quota_usage
        WHERE organization_id = $1 AND dimension = 'api_calls' AND scope_id = $2`,
      [tx.organizationId, ORGANIZATION_SCOPE],
    )) as PeriodRow[];
    if (!row) return [];
    const periods = [{ periodStart: new Date(row.period_start), calls: Number(row.current), overage: Number(row.overage) }];
    if (row.previous_period_start) {
      periods.push({
        periodStart: new Date(row.previous_period_start),
        calls: Number(row.previous_current),
        overage: Number(row.previous_overage),
      });
    }
    return periods;
  }

  /** The calls past the limit this month so far (as of the last flush). */
  async thisMonth(tx: TenantTx): Promise<number> {
    const current = (await this.periods(tx)).find((p) => p.periodStart.getTime() === periodStart().getTime());
    return current?.overage ?? 0;
  }
}
