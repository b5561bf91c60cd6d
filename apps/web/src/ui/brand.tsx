import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';

/** The Plinth wordmark, linking to `to`. */
export function Brand({ to = '/' }: { to?: string }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit" aria-label="Plinth home">
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Text fw={800} fz="xl">
          Plinth
        </Text>
      </Group>
    </Anchor>
  );
}
