import { Divider, Stack, Text } from '@mantine/core';
import type { Me } from '../../api/use-me';
import { LogoutButton } from './logout-button';

/** Who is signed in, and "Log out": at the foot of the navigation drawer, where a phone's header has no room for them. */
export function NavbarAccount({ me }: { me: Me }) {
  return (
    <Stack gap={6}>
      <Divider />
      <div>
        <Text size="sm" fw={500} truncate>
          {me.user.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {me.user.email}
        </Text>
      </div>
      <LogoutButton variant="default" fullWidth />
    </Stack>
  );
}
