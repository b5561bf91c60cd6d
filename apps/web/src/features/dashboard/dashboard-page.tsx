import { Badge, Card, Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useShellContext } from '../shell/shell-context';
import { PermissionTable } from './permission-table';
import { VerifyEmailBanner } from './verify-email-banner';

export function DashboardPage() {
  const { me, membership } = useShellContext();
  useDocumentTitle(`${membership.name} · Plinth`);
  return (
    <Container size="lg">
      <Stack gap="lg">
        {!me.user.emailVerified && <VerifyEmailBanner email={me.user.email} />}
        <div>
          <Text c="dimmed" size="sm">
            Organization dashboard
          </Text>
          <Title order={1}>{membership.name}</Title>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Fact label="Plan">
            <Badge size="lg" variant="light" tt="capitalize" data-testid="plan-tier">
              {membership.planTier}
            </Badge>
          </Fact>
          <Fact label="Your role">
            <Badge size="lg" variant="light" color="grape" tt="none" data-testid="member-role">
              {membership.role}
            </Badge>
          </Fact>
        </SimpleGrid>
        <Card withBorder padding="lg" component="section" aria-labelledby="permissions-heading">
          <Title order={2} fz="h4" id="permissions-heading" mb="sm">
            What you can do here
          </Title>
          <PermissionTable permissions={membership.permissions} />
        </Card>
      </Stack>
    </Container>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section">
      <Text size="sm" c="dimmed" mb={6}>
        {label}
      </Text>
      {children}
    </Card>
  );
}
