import { Group, Paper, Skeleton, Stack } from '@mantine/core';

interface Props {
  /** What is loading, for assistive technology: "Loading members". */
  label: string;
  rows?: number;
  /** Inside its own card, for a page that has nothing else to show yet. */
  framed?: boolean;
}

/** A list on its way: grey rows where its rows will be. */
export function ListSkeleton({ label, rows = 3, framed = false }: Props) {
  const lines = (
    <Stack gap="md" role={framed ? undefined : 'status'} aria-label={framed ? undefined : label} aria-busy="true">
      {Array.from({ length: rows }, (_, index) => (
        <Group key={index} gap="md" wrap="nowrap">
          <Skeleton height={32} circle />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={10} width={`${70 - index * 10}%`} radius="xl" />
            <Skeleton height={8} width="40%" radius="xl" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
  if (!framed) return lines;
  return (
    <Paper withBorder p="lg" radius="md">
      {lines}
    </Paper>
  );
}
