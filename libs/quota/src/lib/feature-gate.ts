import { Inject, Injectable } from '@nestjs/common';
import type { PlanTier } from '@plinth/tenancy';
import { PlanFeatureUnavailableError } from './errors';
import { PlanCatalog } from './plan-catalog';
import type { PlanFeatures } from './plans';
import { QUOTA_OPTIONS, QuotaOptions, QuotaTenant } from './quota.service';

/** Feature gating by plan: one call, one upgrade URL. */
@Injectable()
export class FeatureGate {
  constructor(
    private readonly catalog: PlanCatalog,
    @Inject(QUOTA_OPTIONS) private readonly options: QuotaOptions,
  ) {}

  has(planTier: PlanTier, feature: keyof PlanFeatures): boolean {
    return this.catalog.plan(planTier).features[feature];
  }

  /** 402 PLAN_FEATURE_UNAVAILABLE naming the cheapest plan that has it, unless the plan has the feature. */
  require(tenant: QuotaTenant, feature: keyof PlanFeatures): void {
    if (this.has(tenant.planTier, feature)) return;
    throw new PlanFeatureUnavailableError({
      feature,
      requiredTier: this.catalog.cheapestWith(feature),
      upgradeUrl: this.options.upgradeUrl(tenant.organizationSlug),
    });
  }
}
