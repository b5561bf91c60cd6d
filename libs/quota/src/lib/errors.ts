import { DomainError, PlanTier } from '@plinth/tenancy';
import type { Dimension, Limit } from './plans';

export class QuotaExceededError extends DomainError {
  constructor(details: { dimension: Dimension; current: number; limit: Limit; planTier: PlanTier; upgradeUrl: string }) {
    super(
      402,
      'QUOTA_EXCEEDED',
      `Quota reached: ${details.dimension.replace('_', ' ')} ${details.current} of ${details.limit} on the ${details.planTier} plan`,
      details,
    );
  }
}

export class PlanFeatureUnavailableError extends DomainError {
  constructor(details: { feature: string; requiredTier: PlanTier | null; upgradeUrl: string }) {
    const upgrade = details.requiredTier ? `; it starts with the ${details.requiredTier} plan` : '';
    super(402, 'PLAN_FEATURE_UNAVAILABLE', `Your plan does not include the feature ${details.feature}${upgrade}`, details);
  }
}
