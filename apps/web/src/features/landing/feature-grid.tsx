import { Card, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { ApiIcon, BillingIcon, OrganizationsIcon, QuotasIcon } from './feature-icons';

const FEATURES = [
  {
    Icon: OrganizationsIcon,
    title: 'Organizations & roles',
    text: 'Every customer is an organization with members, email invites and five roles from owner to viewer, checked on every request.',
  },
  {
    Icon: QuotasIcon,
    title: 'Plans & quotas',
    text: 'Free, Starter, Pro and Enterprise plans with limits on sites, posts, members, storage and API calls, enforced atomically.',
  },
  {
    Icon: BillingIcon,
    title: 'Stripe billing',
    text: 'Checkout, the customer portal, trials, invoices and a grace period for failed payments, all driven by verified webhooks.',
  },
  {
    Icon: ApiIcon,
    title: 'Developer API',
    text: 'A documented OpenAPI 3 contract, API keys with roles, signed outgoing webhooks and an audit log of every change.',
  },
];

export function FeatureGrid() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="lg">
      {FEATURES.map((feature) => (
        <Card key={feature.title} withBorder padding="lg" radius="md" component="section">
          <ThemeIcon variant="light" size={44} radius="md" mb="md">
            <feature.Icon />
          </ThemeIcon>
          <Title order={3} fz="lg" mb={6}>
            {feature.title}
          </Title>
          <Text size="sm" c="dimmed">
            {feature.text}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
