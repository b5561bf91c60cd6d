import type { PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { usePlans, type PlanTier } from '../billing/plans-query';

export type WebhooksPlanCheck =
  /** The catalog is on its way. */
  | { state: 'checking' }
  /** The plan has webhooks, or the catalog could not say (the API's 402 still answers with the upsell). */
  | { state: 'included' }
  | { state: 'refused'; refusal: PlanFeatureUnavailable };

/**
 * Whether the organization's plan includes outgoing webhooks, from the plan
 * catalog: a Free organization sees the upsell rather than a form the API
 * would refuse with 402 PLAN_FEATURE_UNAVAILABLE.
 */
export function useWebhooksPlanCheck(planTier: PlanTier): WebhooksPlanCheck {
  const plans = usePlans();
  if (plans.isPending) return { state: 'checking' };
  const current = plans.data?.find((plan) => plan.tier === planTier);
  if (!current || current.features.webhooks) return { state: 'included' };
  const requiredTier = plans.data?.find((plan) => plan.features.webhooks)?.tier ?? null;
  return { state: 'refused', refusal: { feature: 'webhooks', requiredTier, upgradeUrl: '/pricing' } };
}
