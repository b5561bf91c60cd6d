import { Alert, Anchor, Text } from '@mantine/core';
import type { QuotaExceeded } from './quota-exceeded';

interface Props {
  quota: QuotaExceeded;
  /** What the limit counts, in words: "users (members plus pending invitations)". */
  counted: string;
}

/** A plan limit was reached: say which, and where to get a bigger plan. */
export function UpgradeAlert({ quota, counted }: Props) {
  return (
    <Alert color="orange" variant="light" title="Your plan is full" data-testid="upgrade-alert">
      <Text size="sm">
        The{' '}
        <Text span inherit fw={700} tt="capitalize">
          {quota.planTier}
        </Text>{' '}
        plan allows {quota.limit ?? 'unlimited'} {counted}, and you have{' '}
        {quota.current}. Upgrade your plan to add more.
      </Text>
      <Anchor href={quota.upgradeUrl || '/pricing'} size="sm" fw={600}>
        Compare plans and upgrade
      </Anchor>
    </Alert>
  );
}
