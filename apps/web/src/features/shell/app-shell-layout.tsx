import { Alert, AppShell, Button, Container } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useParams } from 'react-router';
import { organizationHostUrl } from '../../api/tenant-host';
import { useMe } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';
import { PAGE_BACKGROUND } from '../../ui/surface';
import { PlatformConsoleLink } from '../platform/platform-console-link';
import { NavbarAccount } from './navbar-account';
import type { NavigationItem } from './navigation';
import { OrganizationNotFound } from './organization-not-found';
import { OrganizationOnItsHost } from './organization-on-its-host';
import type { ShellContext } from './shell-context';
import { ShellHeader } from './shell-header';
import { ShellNavbar } from './shell-navbar';
import { useActiveOrganization } from './use-active-organization';

interface Props {
  navigation: readonly NavigationItem[];
}

/** The signed-in frame of /o/:orgSlug: header with organization switcher, navbar, then the page. */
export function AppShellLayout({ navigation }: Props) {
  const { orgSlug } = useParams();
  const me = useMe();
  if (me.isPending) return <PageLoader label="Loading your organizations" />;
  if (me.isError) return <LoadFailure error={me.error} retry={() => void me.refetch()} />;
  const membership = me.data.memberships.find((m) => m.slug === orgSlug);
  if (!membership) return <OrganizationNotFound slug={orgSlug ?? ''} />;
  const elsewhere = membership.slug !== (me.data.hostOrganizationSlug ?? membership.slug);
  if (elsewhere) return <OrganizationOnItsHost name={membership.name} url={organizationHostUrl(me.data, membership.slug) ?? '/o'} />;
  return <OrganizationFrame me={me.data} membership={membership} navigation={navigation} />;
}

function OrganizationFrame({ me, membership, navigation }: ShellContext & Props) {
  useActiveOrganization(membership.organizationId);
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false);
  const context: ShellContext = { me, membership };
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <ShellHeader {...context} navbarOpened={navbarOpened} toggleNavbar={toggleNavbar} />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow>
          <ShellNavbar navigation={navigation} me={me} membership={membership} onNavigate={closeNavbar} />
          <PlatformConsoleLink me={me} onNavigate={closeNavbar} />
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm">
          <NavbarAccount me={me} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ background: PAGE_BACKGROUND }}>
        <Outlet context={context} />
      </AppShell.Main>
    </AppShell>
  );
}

function LoadFailure({ error, retry }: { error: Error; retry: () => void }) {
  return (
    <Container size="sm" py={80}>
      <Alert color="red" title="Your organizations could not be loaded">
        {describeFailure(error)}
        <Button mt="md" variant="light" color="red" onClick={retry}>
          Try again
        </Button>
      </Alert>
    </Container>
  );
}
