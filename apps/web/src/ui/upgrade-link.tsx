import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/**
 * The way on from a 402: for someone who can change the plan, the
 * organization's billing page (`upgradePath`); for everyone else (null),
 * who to ask, and the public plan comparison.
 */
export function UpgradeLink({ upgradePath }: { upgradePath: string | null }) {
  if (upgradePath) {
    return (
      <Anchor component={Link} to={upgradePath} size="sm" fw={600}>
        Compare plans and upgrade
      </Anchor>
    );
  }
  return (
    <Text size="sm">
      Ask an owner to upgrade.{' '}
      <Anchor component={Link} to="/pricing" size="sm" fw={600}>
        Compare plans
      </Anchor>
    </Text>
  );
}
