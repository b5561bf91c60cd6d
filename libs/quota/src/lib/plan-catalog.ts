import { PLAN_TIERS, PlanTier } from '@plinth/tenancy';
import { DEFAULT_PLANS, Dimension, DIMENSIONS, Limit, Plan, PlanFeatures } from './plans';

/** The plans on offer, by tier; validated once when loaded. */
export class PlanCatalog {
  private readonly byTier: ReadonlyMap<PlanTier, Plan>;

  constructor(readonly plans: Plan[] = DEFAULT_PLANS) {
    for (const problem of catalogProblems(plans)) throw new Error(`Invalid plan catalog: ${problem}`);
    this.byTier = new Map(plans.map((plan) => [plan.tier, plan]));
  }

  plan(tier: PlanTier): Plan {
    return this.byTier.get(tier) as Plan;
  }

  limit(tier: PlanTier, dimension: Dimension): Limit {
    return this.plan(tier).limits[dimension];
  }

  /** The cheapest tier that has a feature, for PLAN_FEATURE_UNAVAILABLE answers. */
  cheapestWith(feature: keyof PlanFeatures): PlanTier | null {
    return PLAN_TIERS.find((tier) => this.plan(tier).features[feature]) ?? null;
  }
}

function catalogProblems(plans: Plan[]): string[] {
  const problems: string[] = [];
  for (const tier of PLAN_TIERS) {
    if (plans.filter((plan) => plan.tier === tier).length !== 1) problems.push(`exactly one "${tier}" plan is needed`);
  }
  for (const plan of plans) {
    for (const dimension of DIMENSIONS) {
      const limit = plan.limits?.[dimension];
      if (limit !== null && !(Number.isSafeInteger(limit) && (limit as number) >= 0)) {
        problems.push(`${plan.tier}.limits.${dimension} must be a whole number ≥ 0 or null`);
      }
    }
    const rate = plan.rateLimitPerSecond;
    if (rate !== null && !(Number.isInteger(rate) && rate > 0)) {
      problems.push(`${plan.tier}.rateLimitPerSecond must be a whole number > 0 or null`);
    }
  }
  return problems;
}
