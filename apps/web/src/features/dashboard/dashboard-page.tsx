import { Anchor, Badge, Card, Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { roleLabel } from '../../api/roles';
import { settingsPath } from '../settings/settings-paths';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { GettingStarted } from './getting-started';
import { RecentActivity } from './recent-activity';
import { UsageAtAGlance } from './usage-at-a-glance';

/** The organization's home: the first steps, then what happened lately and how much of the plan is used. */
export function DashboardPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`${membership.name} · Plinth`);
  const canReadAudit = useCan('audit:read');
  const canReadUsage = useCan('quotas:read');
  return (
    <Container size="lg">
      <Stack gap="lg">
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
              {roleLabel(membership.role)}
            </Badge>
            <Anchor component={Link} to={settingsPath(membership.slug, 'roles')} size="sm" ml="sm">
              What your role allows
            </Anchor>
          </Fact>
        </SimpleGrid>
        <GettingStarted />
        {canReadAudit && <RecentActivity />}
        {canReadUsage && <UsageAtAGlance />}
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
      <div>{children}</div>
    </Card>
  );
}
