import { declareErrorCodes, DomainError, PlanTier } from '@plinth/tenancy';
import type { Dimension, Limit } from './plans';

declare module '@plinth/tenancy' {
  interface ErrorCatalog {
    QUOTA_EXCEEDED: 402;
    PLAN_FEATURE_UNAVAILABLE: 402;
  }
}
declareErrorCodes({ QUOTA_EXCEEDED: 402, PLAN_FEATURE_UNAVAILABLE: 402 });

export interface QuotaExceededDetails {
  dimension: Dimension;
  current: number;
  limit: Limit;
  planTier: PlanTier;
  upgradeUrl: string;
}

export class QuotaExceededError extends DomainError {
  constructor(details: QuotaExceededDetails) {
    super(
      'QUOTA_EXCEEDED',
      `Quota reached: ${details.dimension.replace('_', ' ')} ${details.current} of ${details.limit} on the ${details.planTier} plan`,
      details,
    );
  }
}

export class PlanFeatureUnavailableError extends DomainError {
  constructor(details: { feature: string; requiredTier: PlanTier | null; upgradeUrl: string }) {
    const upgrade = details.requiredTier ? `; it starts with the ${details.requiredTier} plan` : '';
    super('PLAN_FEATURE_UNAVAILABLE', `Your plan does not include the feature ${details.feature}${upgrade}`, details);
  }
}
