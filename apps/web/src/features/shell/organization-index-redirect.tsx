import { Container, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { activeMembership, useMe } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { PageLoader } from '../../ui/page-loader';
import { MAIN_CONTENT_ID } from '../../ui/skip-link';
import { organizationPath } from '../auth/sign-in-destination';
import { CreateOrganizationForm } from './create-organization-form';
import { LogoutButton } from './logout-button';

/** /o: opens the organization the session acts for, else the first one. */
export function OrganizationIndexRedirect() {
  const me = useMe();
  if (me.isPending) return <PageLoader label="Loading your organizations" />;
  if (me.isError) return <Message title="Your organizations could not be loaded" text={describeFailure(me.error)} />;
  const active = activeMembership(me.data);
  if (active) return <Navigate to={organizationPath(active.slug)} replace />;
  const hostSlug = me.data.hostOrganizationSlug;
  if (hostSlug)
    return (
      <Message title="Not your organization" text={`You are not a member of “${hostSlug}”. Ask one of its admins for an invitation.`}>
        <LogoutButton />
      </Message>
    );
  if (!me.data.multiTenant)
    return (
      <Message title="Not a member" text="You are not a member of this deployment's organization. Ask one of its admins for an invitation.">
        <LogoutButton />
      </Message>
    );
  return (
    <Message title="No organization yet" text="You are not a member of any organization. Start one, or open an invitation you were sent.">
      <CreateOrganizationForm />
      <LogoutButton />
    </Message>
  );
}

function Message({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  return (
    <Container size="sm" py={80} component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
      <Stack align="center" ta="center">
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{text}</Text>
        {children}
      </Stack>
    </Container>
  );
}
