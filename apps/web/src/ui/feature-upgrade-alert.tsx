import { Alert, Text } from '@mantine/core';
import { featureName, type PlanFeatureUnavailable } from './plan-feature-unavailable';
import { UpgradeLink } from './upgrade-link';

interface Props {
  refusal: PlanFeatureUnavailable;
  /** The billing page, for someone who can upgrade; null for everyone else. */
  upgradePath: string | null;
}

/** A feature outside the organization's plan: say which, and which plan has it. */
export function FeatureUpgradeAlert({ refusal, upgradePath }: Props) {
  return (
    <Alert color="orange" variant="light" title="Not in your plan" data-testid="upgrade-alert">
      <Text size="sm">
        Your plan does not include {featureName(refusal.feature)}
        {refusal.requiredTier && (
          <>
            ; the{' '}
            <Text span inherit fw={700} tt="capitalize">
              {refusal.requiredTier}
            </Text>{' '}
            plan and above do
          </>
        )}
        .
      </Text>
      <UpgradeLink upgradePath={upgradePath} />
    </Alert>
  );
}
