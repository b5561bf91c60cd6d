import { Alert, Text } from '@mantine/core';
import type { QuotaExceeded } from './quota-exceeded';
import { UpgradeLink } from './upgrade-link';

interface Props {
  quota: QuotaExceeded;
  /** What the limit counts, in words: "users (members plus pending invitations)". */
  counted: string;
  /** How the figures read, e.g. bytes as "500 MB"; plain numbers otherwise. */
  format?: (value: number) => string;
  /** The billing page, for someone who can upgrade; null for everyone else. */
  upgradePath: string | null;
}

/** A plan limit was reached: say which, and how to get a bigger plan. */
export function UpgradeAlert({ quota, counted, format = String, upgradePath }: Props) {
  return (
    <Alert color="orange" variant="light" title="Your plan is full" data-testid="upgrade-alert">
      <Text size="sm">
        The{' '}
        <Text span inherit fw={700} tt="capitalize">
          {quota.planTier}
        </Text>{' '}
        plan allows {quota.limit === null ? 'unlimited' : format(quota.limit)} {counted}, and you have {format(quota.current)}.
        {upgradePath ? ' Upgrade your plan to add more.' : ' A bigger plan would allow more.'}
      </Text>
      <UpgradeLink upgradePath={upgradePath} />
    </Alert>
  );
}
