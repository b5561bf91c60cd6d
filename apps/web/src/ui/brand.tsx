import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';

/** The Plinth wordmark, linking to `to`; `compact` drops the word on narrow phones, keeping the mark. */
export function Brand({ to = '/', compact = false }: { to?: string; compact?: boolean }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit" aria-label="Plinth home" style={{ flexShrink: 0 }}>
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Text fw={800} fz="xl" visibleFrom={compact ? 'xs' : undefined}>
          Plinth
        </Text>
      </Group>
    </Anchor>
  );
}
