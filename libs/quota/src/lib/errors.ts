import { DomainError, PlanTier } from '@plinth/tenancy';
import type { Dimension, Limit } from './plans';

export class QuotaExceededError extends DomainError {
  constructor(details: { dimension: Dimension; current: number; limit: Limit; planTier: PlanTier; upgradeUrl: string }) {
    super(402, 'QUOTA_EXCEEDED', `The ${details.planTier} plan allows ${details.limit} ${details.dimension}`, details);
  }
}

export class PlanFeatureUnavailableError extends DomainError {
  constructor(details: { feature: string; requiredTier: PlanTier | null; upgradeUrl: string }) {
    super(402, 'PLAN_FEATURE_UNAVAILABLE', `Your plan does not include ${details.feature}`, details);
  }
}
