import { Group, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatNumber } from '../../ui/format';
import { meterColor } from './meter-color';
import type { DimensionStatus } from './quota-status-query';

interface Props {
  /** Names the meter, and the progress bar for assistive technology. */
  label: string;
  /** Identifies the figures for tests: usage-<id>. */
  id: string;
  usage: DimensionStatus;
  format?: (value: number) => string;
  note?: ReactNode;
}

export function UsageMeter({ label, id, usage, format = formatNumber, note }: Props) {
  const { current, limit, percentage } = usage;
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap" align="baseline">
        <Text fw={600}>{label}</Text>
        <Text size="sm" data-testid={`usage-${id}`}>
          {format(current)} of {limit === null ? 'unlimited' : format(limit)}
        </Text>
      </Group>
      <Progress aria-label={label} value={Math.min(percentage ?? 0, 100)} color={meterColor(percentage)} size="lg" radius="xl" />
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {note}
        </Text>
        {percentage !== null && (
          <Text size="xs" c={percentage >= 80 ? meterColor(percentage) : 'dimmed'} fw={percentage >= 80 ? 700 : 400}>
            {percentage > 100 ? 'Over the limit' : `${percentage}% used`}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
