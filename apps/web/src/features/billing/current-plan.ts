import { usePlans, type Plan, type PlanTier } from './plans-query';

/** The catalog's entry for this tier; undefined while the catalog loads or if it cannot be loaded. */
export function useCurrentPlan(tier: PlanTier): Plan | undefined {
  return usePlans().data?.find((plan) => plan.tier === tier);
}

/** The plan's name as the catalog spells it ("Pro"); the tier id until the catalog arrives. */
export function usePlanName(tier: PlanTier): string {
  return useCurrentPlan(tier)?.name ?? tier;
}
