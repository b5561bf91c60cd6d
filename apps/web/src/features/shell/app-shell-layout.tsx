import { Alert, AppShell, Button, Container } from '@mantine/core';
import { Outlet, useParams } from 'react-router';
import { useMe, type Me, type Membership } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';
import { OrganizationNotFound } from './organization-not-found';
import type { ShellContext } from './shell-context';
import { ShellHeader } from './shell-header';
import { useActiveOrganization } from './use-active-organization';

/** The signed-in frame of /o/:orgSlug: header with organization switcher, then the page. */
export function AppShellLayout() {
  const { orgSlug } = useParams();
  const me = useMe();
  if (me.isPending) return <PageLoader label="Loading your organizations" />;
  if (me.isError) return <LoadFailure error={me.error} retry={() => void me.refetch()} />;
  const membership = me.data.memberships.find((m) => m.slug === orgSlug);
  if (!membership) return <OrganizationNotFound slug={orgSlug ?? ''} />;
  return <OrganizationFrame me={me.data} membership={membership} />;
}

function OrganizationFrame({ me, membership }: { me: Me; membership: Membership }) {
  useActiveOrganization(membership.organizationId);
  const context: ShellContext = { me, membership };
  return (
    <AppShell header={{ height: 64 }} padding="lg">
      <AppShell.Header>
        <ShellHeader {...context} />
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
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
