import { Button, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe, type Membership } from '../../../api/use-me';
import { QueryFailure } from '../../../ui/query-failure';
import { billingPath } from '../billing-paths';

/**
 * The organization a sandbox page acts for, named by `?organization=<id>`
 * in the link the API made; shown only to its owners (`billing:manage`).
 */
export function SandboxOrganization({ children }: { children: (membership: Membership) => ReactNode }) {
  const [params] = useSearchParams();
  const organizationId = params.get('organization');
  const me = useMe();
  if (me.isPending) return <Loader size="sm" aria-label="Loading your organizations" />;
  if (me.isError) return <QueryFailure title="Your organizations could not be loaded" query={me} />;
  const membership = me.data.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) {
    return (
      <Refusal title="Organization not found" back={{ to: '/o', label: 'Go to your organizations' }}>
        This link is for an organization you are not a member of.
      </Refusal>
    );
  }
  if (!membership.permissions.includes('billing:manage')) {
    return (
      <Refusal title="Only an owner can do this" back={{ to: billingPath(membership.slug), label: 'Back to billing' }}>
        Paying for {membership.name} and managing its billing is up to its owners.
      </Refusal>
    );
  }
  return children(membership);
}

function Refusal({ title, back, children }: { title: string; back: { to: string; label: string }; children: ReactNode }) {
  return (
    <Stack align="flex-start">
      <Title order={1}>{title}</Title>
      <Text c="dimmed">{children}</Text>
      <Button component={Link} to={back.to}>
        {back.label}
      </Button>
    </Stack>
  );
}
