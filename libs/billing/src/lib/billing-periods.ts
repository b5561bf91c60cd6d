import type { BillingCycle } from './types';

/**
 * One billing period after `from`, the way Stripe counts it: the same day of
 * the next month (or year), or that month's last day when it is shorter.
 */
export function periodEnd(from: Date, cycle: BillingCycle): Date {
  const months = cycle === 'annual' ? 12 : 1;
  const end = new Date(from);
  const day = from.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/** A subscription price's amount per month, for MRR. */
export function monthlyAmount(amountCents: number, cycle: BillingCycle | null): number {
  return cycle === 'annual' ? Math.round(amountCents / 12) : amountCents;
}
