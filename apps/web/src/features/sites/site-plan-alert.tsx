import { FeatureUpgradeAlert } from '../../ui/feature-upgrade-alert';
import { planFeatureUnavailableOf } from '../../ui/plan-feature-unavailable';
import { quotaExceededOf } from '../../ui/quota-exceeded';
import { UpgradeAlert } from '../../ui/upgrade-alert';
import { useUpgradePath } from '../billing/upgrade-path';

/** The two 402s a site form can get: no room for another site, or a domain the plan does not include. */
export function SitePlanAlert({ error }: { error: unknown }) {
  const upgradePath = useUpgradePath();
  const quota = quotaExceededOf(error);
  if (quota) return <UpgradeAlert quota={quota} counted={quota.limit === 1 ? 'site' : 'sites'} upgradePath={upgradePath} />;
  const feature = planFeatureUnavailableOf(error);
  if (feature) return <FeatureUpgradeAlert refusal={feature} upgradePath={upgradePath} />;
  return null;
}
