import { Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';
import { useIsPhone } from '../../ui/use-is-phone';
import { PricingTable } from './pricing-table';
import { PricingUpgrade } from './pricing-upgrade';

/**
 * Public: the plan catalog, and the page a QUOTA_EXCEEDED answer's upgradeUrl points to.
 * A signed-in owner can go on from here to checkout for their current organization.
 */
export function PricingPage() {
  useDocumentTitle('Pricing · Plinth');
  const signedIn = useIsSignedIn();
  // On a phone the plans are cards of their own; a card around them would only narrow them.
  const phone = useIsPhone();
  return (
    <Container size="lg" py={{ base: 24, sm: 48 }}>
      <Stack gap="xl">
        <Stack gap="xs" ta="center" align="center">
          <Title order={1}>Plans and pricing</Title>
          <Text c="dimmed" maw={620}>
            Start free. Move up when your organization needs more sites, posts, people, storage or API calls. Prices are in US dollars.
          </Text>
        </Stack>
        {phone ? (
          <PricingTable />
        ) : (
          <Card withBorder padding="lg">
            <PricingTable />
          </Card>
        )}
        {signedIn && <PricingUpgrade />}
        <Group justify="center">
          {signedIn ? (
            <Button component={Link} to="/o">
              Back to your organization
            </Button>
          ) : (
            <Button component={Link} to="/signup" size="md">
              Start on the Free plan
            </Button>
          )}
        </Group>
      </Stack>
    </Container>
  );
}
