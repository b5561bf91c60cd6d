import { Burger, Group, Text } from '@mantine/core';
import { Brand } from '../../ui/brand';
import { ColorSchemeToggle } from '../../ui/color-scheme-toggle';
import { LogoutButton } from './logout-button';
import { OrganizationSwitcher } from './organization-switcher';
import type { ShellContext } from './shell-context';

interface Props extends ShellContext {
  navbarOpened: boolean;
  toggleNavbar: () => void;
}

/**
 * Brand, organization, colour scheme and account. On a phone the name and
 * "Log out" move into the navigation drawer (see NavbarAccount), so the
 * header fits 390 px with a long organization name.
 */
export function ShellHeader({ me, membership, navbarOpened, toggleNavbar }: Props) {
  return (
    <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
        <Burger opened={navbarOpened} onClick={toggleNavbar} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <Brand to="/o" compact />
        <OrganizationSwitcher me={me} current={membership} />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
        <ColorSchemeToggle />
        <Text size="sm" fw={500} data-testid="signed-in-user" visibleFrom="sm">
          {me.user.name}
        </Text>
        <LogoutButton visibleFrom="sm" />
      </Group>
    </Group>
  );
}
