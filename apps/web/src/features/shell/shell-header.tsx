import { Group, Text } from '@mantine/core';
import { Brand } from '../../ui/brand';
import { LogoutButton } from './logout-button';
import { OrganizationSwitcher } from './organization-switcher';
import type { ShellContext } from './shell-context';

export function ShellHeader({ me, membership }: ShellContext) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <Brand to="/o" />
        <OrganizationSwitcher current={membership} memberships={me.memberships} />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" fw={500} data-testid="signed-in-user">
          {me.user.name}
        </Text>
        <LogoutButton />
      </Group>
    </Group>
  );
}
