import { Alert, Anchor, Text } from '@mantine/core';
import { featureName, type PlanFeatureUnavailable } from './plan-feature-unavailable';

/** A feature outside the organization's plan: say which, and which plan has it. */
export function FeatureUpgradeAlert({ refusal }: { refusal: PlanFeatureUnavailable }) {
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
      <Anchor href={refusal.upgradeUrl || '/pricing'} size="sm" fw={600}>
        Compare plans and upgrade
      </Anchor>
    </Alert>
  );
}
