import { unwrap, type Schemas } from '@plinth/api-client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export type Plan = Schemas['PlanDto'];
export type PlanTier = Plan['tier'];

/** The public plan catalog; the same for everyone, so it is not keyed by organization. */
export function usePlans() {
  return useQuery({
    queryKey: queryKeys.plans,
    queryFn: () => unwrap(api.GET('/api/v1/billing/plans')),
    staleTime: 10 * 60_000,
  });
}

/** No price at all: arranged per customer. */
export function isCustomPlan(plan: Plan): boolean {
  return plan.priceMonthlyCents === null && plan.priceAnnualCents === null;
}

/** Has a price above zero for some cycle: bought through checkout. */
export function isPaidPlan(plan: Plan): boolean {
  return (plan.priceMonthlyCents ?? 0) > 0 || (plan.priceAnnualCents ?? 0) > 0;
}
