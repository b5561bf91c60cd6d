import { Alert, Anchor, Text } from '@mantine/core';
import type { QuotaExceeded } from './quota-exceeded';

interface Props {
  quota: QuotaExceeded;
  /** What the limit counts, in words: "users (members plus pending invitations)". */
  counted: string;
  /** How the figures read, e.g. bytes as "500 MB"; plain numbers otherwise. */
  format?: (value: number) => string;
}

/** A plan limit was reached: say which, and where to get a bigger plan. */
export function UpgradeAlert({ quota, counted, format = String }: Props) {
  return (
    <Alert color="orange" variant="light" title="Your plan is full" data-testid="upgrade-alert">
      <Text size="sm">
        The{' '}
        <Text span inherit fw={700} tt="capitalize">
          {quota.planTier}
        </Text>{' '}
        plan allows {quota.limit === null ? 'unlimited' : format(quota.limit)} {counted}, and you have {format(quota.current)}. Upgrade your
        plan to add more.
      </Text>
      <Anchor href={quota.upgradeUrl || '/pricing'} size="sm" fw={600}>
        Compare plans and upgrade
      </Anchor>
    </Alert>
  );
}
