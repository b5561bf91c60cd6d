import { Burger, Group, Text } from '@mantine/core';
import { Brand } from '../../ui/brand';
import { LogoutButton } from './logout-button';
import { OrganizationSwitcher } from './organization-switcher';
import type { ShellContext } from './shell-context';

interface Props extends ShellContext {
  navbarOpened: boolean;
  toggleNavbar: () => void;
}

export function ShellHeader({ me, membership, navbarOpened, toggleNavbar }: Props) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navbarOpened} onClick={toggleNavbar} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <Brand to="/o" />
        <OrganizationSwitcher current={membership} memberships={me.memberships} />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" fw={500} data-testid="signed-in-user" visibleFrom="sm">
          {me.user.name}
        </Text>
        <LogoutButton />
      </Group>
    </Group>
  );
}
