import { AppShell, Badge, Burger, Button, Container, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { useMe, type Me } from '../../api/use-me';
import { Brand } from '../../ui/brand';
import { ColorSchemeToggle } from '../../ui/color-scheme-toggle';
import { PageLoader } from '../../ui/page-loader';
import { QueryFailure } from '../../ui/query-failure';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';
import { PAGE_BACKGROUND } from '../../ui/surface';
import { LogoutButton } from '../shell/logout-button';
import { offered } from '../shell/navigation';
import { PlatformNavbar, type PlatformNavigationItem } from './platform-navbar';
import { PlatformNotAllowed } from './platform-not-allowed';

interface Props {
  pages: readonly PlatformNavigationItem[];
}

/** The frame of /platform: only a platform admin (as /auth/me says) gets the console; anyone else is told so. */
export function PlatformLayout({ pages }: Props) {
  const me = useMe();
  if (me.isPending) return <PageLoader label="Loading your account" />;
  if (me.isError) {
    return (
      <Container size="sm" py={80}>
        <QueryFailure title="Your account could not be loaded" query={me} />
      </Container>
    );
  }
  if (!me.data.user.isPlatformAdmin) return <PlatformNotAllowed />;
  return <PlatformFrame me={me.data} pages={pages} />;
}

function PlatformFrame({ me, pages }: Props & { me: Me }) {
  const [navbarOpened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navbarOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Brand to="/o" compact />
            <Badge variant="light" color="grape" tt="none">
              Platform console
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ColorSchemeToggle />
            <Text size="sm" fw={500} visibleFrom="sm">
              {me.user.name}
            </Text>
            <LogoutButton visibleFrom="sm" />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow>
          <PlatformNavbar pages={pages.filter((page) => offered(page, me))} onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section>
          <Button component={Link} to="/o" variant="default" fullWidth>
            Back to your organizations
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ background: PAGE_BACKGROUND }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
