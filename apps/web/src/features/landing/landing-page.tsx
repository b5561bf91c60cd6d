import { Badge, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { FeatureGrid } from './feature-grid';

export function LandingPage() {
  useDocumentTitle('Plinth · the foundation for multi-tenant SaaS');
  return (
    <Container size="lg" py={64}>
      <Stack gap={48}>
        <Stack gap="lg" align="center" ta="center" maw={760} mx="auto">
          <Badge variant="light" size="lg">
            Self-hostable · open source
          </Badge>
          <Title order={1} fz={{ base: 34, sm: 48 }} lh={1.15}>
            The foundation your multi-tenant SaaS stands on
          </Title>
          <Text size="lg" c="dimmed">
            Plinth gives your product organizations and roles, plans with usage quotas, Stripe subscriptions and a developer API from day
            one, so you can spend your time on what makes it yours.
          </Text>
          <Group justify="center">
            <Button component={Link} to="/signup" size="md">
              Create your account
            </Button>
            <Button component={Link} to="/pricing" size="md" variant="default">
              See pricing
            </Button>
          </Group>
        </Stack>
        <FeatureGrid />
      </Stack>
    </Container>
  );
}
