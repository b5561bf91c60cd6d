import { ApiError, type Schemas } from '@plinth/api-client';

type PlanFeature = keyof Schemas['PlanFeaturesDto'];

/** The `details` of a 402 PLAN_FEATURE_UNAVAILABLE answer (see the contract's error table). */
export interface PlanFeatureUnavailable {
  feature: string;
  requiredTier: string | null;
  /** The API's generic plans page; the SPA offers the organization's own billing page instead (see UpgradeLink). */
  upgradeUrl: string;
}

/** `Record` over the catalog's feature flags: the build fails when the API adds one without a name here. */
const FEATURE_NAMES: Record<PlanFeature, string> = {
  webhooks: 'outgoing webhooks',
  auditExport: 'audit log export',
  customDomains: 'custom domains',
};

export function planFeatureUnavailableOf(error: unknown): PlanFeatureUnavailable | null {
  if (!(error instanceof ApiError) || error.code !== 'PLAN_FEATURE_UNAVAILABLE') return null;
  return (error.details ?? {}) as PlanFeatureUnavailable;
}

/** Either 402: a limit reached or a feature outside the plan. Both are answered with an upgrade, not a retry. */
export function isPlanRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 402;
}

export function featureName(feature: string): string {
  return FEATURE_NAMES[feature as PlanFeature] ?? feature;
}
