import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import type { BillingMetricsDto } from './dto/billing-metrics.dto';

interface MetricsRow {
  by_status: Record<string, number> | null;
  mrr_cents: string;
  trials_ended: number;
  trials_converted: number;
  paying_at_start: number;
  churned: number;
  payments_succeeded: number;
  payments_failed: number;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** The platform's billing figures, from Plinth's own tables (no provider call), in one query. */
@Injectable()
export class BillingMetrics {
  constructor(private readonly dataSource: DataSource) {}

  /** Over [from, to): by default the 30 days before now. */
  async over(period: { from?: Date; to?: Date }): Promise<BillingMetricsDto> {
    const to = period.to ?? new Date();
    const from = period.from ?? new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) throw new ValidationFailedError('from must be before to', [{ field: 'from', problems: ['must be before to'] }]);
    const [row] = (await this.dataSource.query(METRICS_SQL, [from, to])) as MetricsRow[];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      mrrCents: Number(row.mrr_cents),
      subscriptionsByStatus: row.by_status ?? {},
      trialConversion: { ended: row.trials_ended, converted: row.trials_converted, rate: rate(row.trials_converted, row.trials_ended) },
      churn: { payingAtStart: row.paying_at_start, canceled: row.churned, rate: rate(row.churned, row.paying_at_start) },
      payments: {
        succeeded: row.payments_succeeded,
        failed: row.payments_failed,
        successRate: rate(row.payments_succeeded, row.payments_succeeded + row.payments_failed),
      },
    };
  }
}

const PAYING = `('active', 'past_due', 'unpaid')`;

// MRR and statuses now; trial conversion, churn and payments (charges, not a trial's $0 invoice) over [$1, $2).
const METRICS_SQL = `
  WITH current AS (
    SELECT status, billing_cycle, amount_cents FROM subscriptions WHERE stripe_subscription_id IS NOT NULL
  ), in_period AS (
    SELECT from_status, to_status FROM subscription_transitions WHERE at >= $1 AND at < $2
  ), last_before AS (
    SELECT DISTINCT ON (stripe_subscription_id) to_status
      FROM subscription_transitions WHERE at < $1 ORDER BY stripe_subscription_id, at DESC
  )
  SELECT
    (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM current GROUP BY status) s) AS by_status,
    (SELECT COALESCE(round(sum(CASE WHEN billing_cycle = 'annual' THEN amount_cents / 12.0 ELSE amount_cents END)), 0)
       FROM current WHERE status IN ${PAYING}) AS mrr_cents,
    (SELECT count(*)::int FROM in_period WHERE from_status = 'trialing' AND to_status <> 'trialing') AS trials_ended,
    (SELECT count(*)::int FROM in_period WHERE from_status = 'trialing' AND to_status = 'active') AS trials_converted,
    (SELECT count(*)::int FROM last_before WHERE to_status IN ${PAYING}) AS paying_at_start,
    (SELECT count(*)::int FROM in_period WHERE from_status IN ${PAYING} AND to_status = 'canceled') AS churned,
    (SELECT count(*)::int FROM stripe_events WHERE type = 'invoice.paid' AND created_at >= $1 AND created_at < $2
        AND (payload->'data'->'object'->>'amount_paid')::bigint > 0) AS payments_succeeded,
    (SELECT count(*)::int FROM stripe_events WHERE type = 'invoice.payment_failed' AND created_at >= $1 AND created_at < $2) AS payments_failed`;
