import { Alert, Stack, Text } from '@mantine/core';
import { formatDate } from '../../ui/format';
import { UpgradeLink } from '../../ui/upgrade-link';
import type { QuotaStatus } from './quota-status-query';
import { AT_THE_LIMIT, DIMENSION_NAMES, quotaWarnings, type QuotaWarning } from './quota-warnings';

const LEVEL_COLORS = { 100: 'red', 95: 'red', 90: 'orange', 80: 'yellow' } as const;

interface Props {
  status: QuotaStatus;
  /** The billing page for someone who can change the plan (`billing:manage`); null for everyone else. */
  upgradePath: string | null;
}

/** One banner per limit at 80, 90, 95 or 100 %: what happens at the limit, and the way to more. */
export function UsageWarnings({ status, upgradePath }: Props) {
  const warnings = quotaWarnings(status);
  if (warnings.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="usage-warnings">
      {warnings.map((warning) => (
        <UsageWarning key={warning.dimension} warning={warning} status={status} upgradePath={upgradePath} />
      ))}
    </Stack>
  );
}

function UsageWarning({ warning, status, upgradePath }: { warning: QuotaWarning } & Props) {
  const { dimension, percentage, level } = warning;
  const name = DIMENSION_NAMES[dimension];
  const full = level === 100;
  const restart = dimension === 'api_calls' ? ` The count restarts on ${formatDate(status.api_calls.periodEnd)}.` : '';
  return (
    <Alert
      color={LEVEL_COLORS[level]}
      variant="light"
      title={full ? `${name}: the plan's limit is reached` : `${name}: ${percentage}% of the plan's limit used`}
      data-testid={`usage-warning-${dimension}`}
      data-level={level}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {full ? `At the limit, ${AT_THE_LIMIT[dimension]}.` : `Past ${level}% now; at 100%, ${AT_THE_LIMIT[dimension]}.`}
          {restart}
        </Text>
        <UpgradeLink upgradePath={upgradePath} />
      </Stack>
    </Alert>
  );
}
