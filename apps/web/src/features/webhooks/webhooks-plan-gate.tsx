import { Container, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { FeatureUpgradeAlert } from '../../ui/feature-upgrade-alert';
import { PageHeader } from '../../ui/page-header';
import { PageLoader } from '../../ui/page-loader';
import type { PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import { useWebhooksPlanCheck } from './webhooks-plan';

export const WEBHOOKS_DESCRIPTION = 'Plinth POSTs a signed JSON message to your endpoints when something happens in the organization.';

interface Props {
  /** The page, given a way to report the API's 402 when the catalog did not foresee it. */
  children: (onPlanRefusal: (refusal: PlanFeatureUnavailable) => void) => ReactNode;
}

/** The webhooks pages for a plan that has them; the upsell, in their place, for one that does not. */
export function WebhooksPlanGate({ children }: Props) {
  const { membership } = useShellContext();
  const check = useWebhooksPlanCheck(membership.planTier);
  const [apiRefusal, setApiRefusal] = useState<PlanFeatureUnavailable | null>(null);
  if (check.state === 'checking') return <PageLoader label="Loading webhooks" />;
  const refusal = check.state === 'refused' ? check.refusal : apiRefusal;
  if (refusal) return <WebhooksUpsell refusal={refusal} />;
  return children(setApiRefusal);
}

function WebhooksUpsell({ refusal }: { refusal: PlanFeatureUnavailable }) {
  const upgradePath = useUpgradePath();
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Webhooks" description={WEBHOOKS_DESCRIPTION} />
        <FeatureUpgradeAlert refusal={refusal} upgradePath={upgradePath} />
      </Stack>
    </Container>
  );
}
