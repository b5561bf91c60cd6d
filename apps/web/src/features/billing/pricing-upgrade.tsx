import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { activeMembership, useMe, type Membership } from '../../api/use-me';
import { billingPath } from './billing-paths';
import { useSubscription } from './billing-queries';
import { usePlanName } from './current-plan';
import { PlanPicker } from './plan-picker';
import { isLive } from './subscription-status';

/**
 * On the pricing page, for a signed-in owner: the paid plans open checkout
 * for the organization they are working in. Anyone else sees nothing here.
 */
export function PricingUpgrade() {
  const me = useMe();
  const membership = me.data && activeMembership(me.data);
  if (!membership?.permissions.includes('billing:manage')) return null;
  return <OrganizationUpgrade membership={membership} />;
}

function OrganizationUpgrade({ membership }: { membership: Membership }) {
  const subscription = useSubscription(membership.organizationId);
  const planName = usePlanName(subscription.data?.planTier ?? membership.planTier);
  if (subscription.isPending) return <Loader size="sm" aria-label="Loading your subscription" mx="auto" />;
  // Without the subscription the page still offers what it always did: the table, and the way back.
  if (subscription.isError) return null;
  if (isLive(subscription.data)) {
    return (
      <Card withBorder padding="lg">
        <Group justify="space-between">
          <Text>
            {membership.name} is on the {planName} plan. Change it from its billing page.
          </Text>
          <Button component={Link} to={billingPath(membership.slug)} variant="default">
            Manage billing
          </Button>
        </Group>
      </Card>
    );
  }
  return (
    <Card withBorder padding="lg" component="section" aria-label={`Upgrade ${membership.name}`}>
      <Stack>
        <div>
          <Title order={2} fz="h3">
            Upgrade {membership.name}
          </Title>
          <Text size="sm" c="dimmed">
            {membership.name} is on the {planName} plan. Choose a plan to continue to checkout.
          </Text>
        </div>
        <PlanPicker organizationId={membership.organizationId} slug={membership.slug} trialAvailable={subscription.data.trialAvailable} />
      </Stack>
    </Card>
  );
}
