import { Anchor, Badge, Container, Group, Loader, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { billingPath } from '../billing/billing-paths';
import { usePlans } from '../billing/plans-query';
import { PricingTable } from '../billing/pricing-table';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useQuotaStatus } from './quota-status-query';
import { UsageMeters } from './usage-meters';

export function UsagePage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Usage · ${membership.name} · Plinth`);
  const status = useQuotaStatus(membership.organizationId);
  const canSeeBilling = useCan('billing:read');
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Usage" description={`What ${membership.name} uses of its plan's limits.`} actions={<PlanBadge />} />
        <SectionCard title="Usage against your plan">
          {status.isPending && <Loader size="sm" aria-label="Loading usage" />}
          {status.isError && <QueryFailure title="Usage could not be loaded" query={status} />}
          {status.isSuccess && <UsageMeters status={status.data} />}
        </SectionCard>
        <SectionCard
          title="Plans"
          description={
            canSeeBilling ? (
              <>
                Need more? Every plan, with its limits and price.{' '}
                <Anchor component={Link} to={billingPath(membership.slug)} size="sm">
                  Change the plan on the billing page
                </Anchor>
              </>
            ) : (
              'Need more? Every plan, with its limits and price.'
            )
          }
        >
          <PricingTable currentTier={membership.planTier} />
        </SectionCard>
      </Stack>
    </Container>
  );
}

/** The plan's name as the catalog spells it ("Free"), the tier id until the catalog arrives. */
function PlanBadge() {
  const { membership } = useShellContext();
  const plans = usePlans();
  const name = plans.data?.find((plan) => plan.tier === membership.planTier)?.name ?? membership.planTier;
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        Plan
      </Text>
      <Badge size="lg" variant="light" tt="none" data-testid="usage-plan">
        {name}
      </Badge>
    </Group>
  );
}
