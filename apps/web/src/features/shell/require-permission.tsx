import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { roleLabel } from '../../api/roles';
import type { Permission, Role } from '../../api/use-me';
import { organizationPath } from '../auth/sign-in-destination';
import { NotFoundPage } from '../../ui/not-found-page';
import { offered } from './navigation';
import { useShellContext } from './shell-context';

/**
 * Guards an organization page: a deep link without the permission gets an
 * explanation, not failing calls; a billing page of a single-tenant deployment is not there.
 */
export function RequirePermission({ permission, billing }: { permission: Permission; billing?: true }) {
  const context = useShellContext();
  if (!offered({ billing }, context.me)) return <NotFoundPage />;
  if (context.membership.permissions.includes(permission)) return <Outlet context={context} />;
  return <NoAccess role={context.membership.role} slug={context.membership.slug} />;
}

function NoAccess({ role, slug }: { role: Role; slug: string }) {
  useDocumentTitle('No access · Plinth');
  return (
    <Container size="sm" py={60}>
      <Stack align="center" ta="center">
        <Title order={1}>You cannot open this page</Title>
        <Text c="dimmed">Your role here, {roleLabel(role)}, does not include it. An owner or admin can change your role.</Text>
        <Button component={Link} to={organizationPath(slug)}>
          Back to the dashboard
        </Button>
      </Stack>
    </Container>
  );
}
