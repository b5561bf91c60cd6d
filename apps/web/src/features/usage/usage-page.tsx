import { Anchor, Badge, Button, Container, Group, Loader, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { billingPath } from '../billing/billing-paths';
import { usePlans } from '../billing/plans-query';
import { PricingTable } from '../billing/pricing-table';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { ApiCallsChart } from './api-calls-chart';
import { useQuotaStatus, type QuotaStatus } from './quota-status-query';
import { SitePostsTable } from './site-posts-table';
import { UsageMeters } from './usage-meters';
import { useAllSites, useDailyUsage } from './usage-queries';
import { UsageWarnings } from './usage-warnings';

export function UsagePage() {
  const { me, membership } = useShellContext();
  useDocumentTitle(`Usage · ${membership.name} · Plinth`);
  const status = useQuotaStatus(membership.organizationId, { fresh: true });
  const canSeeBilling = useCan('billing:read');
  const upgradePath = useUpgradePath();
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader
          title="Usage"
          description={`What ${membership.name} uses of its plan's limits.`}
          actions={
            <>
              {me.multiTenant && <PlanBadge />}
              {upgradePath && (
                <Button component={Link} to={upgradePath}>
                  Upgrade the plan
                </Button>
              )}
            </>
          }
        />
        {status.isSuccess && <UsageWarnings status={status.data} upgradePath={upgradePath} />}
        <SectionCard title="Usage against your plan">
          {status.isPending && <Loader size="sm" aria-label="Loading usage" />}
          {status.isError && <QueryFailure title="Usage could not be loaded" query={status} />}
          {status.isSuccess && <UsageMeters status={status.data} />}
        </SectionCard>
        {status.isSuccess && <SitePostsSection status={status.data} />}
        <ApiCallsSection />
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

function SitePostsSection({ status }: { status: QuotaStatus }) {
  const { membership } = useShellContext();
  const sites = useAllSites(membership.organizationId);
  const { limit } = status.posts;
  return (
    <SectionCard
      title="Posts per site"
      description={
        limit === null
          ? 'Your plan has no limit on posts.'
          : `The limit applies to each site on its own: ${formatNumber(limit)} posts per site.`
      }
    >
      {sites.isPending && <Loader size="sm" aria-label="Loading the sites" />}
      {sites.isError && <QueryFailure title="The sites could not be loaded" query={sites} />}
      {sites.isSuccess && <SitePostsTable status={status} sites={sites.data} />}
    </SectionCard>
  );
}

function ApiCallsSection() {
  const { membership } = useShellContext();
  const daily = useDailyUsage(membership.organizationId);
  return (
    <SectionCard title="API calls" description="Requests made with this organization's API keys, day by day (UTC) this billing period.">
      {daily.isPending && <Loader size="sm" aria-label="Loading API calls per day" />}
      {daily.isError && <QueryFailure title="API calls per day could not be loaded" query={daily} />}
      {daily.isSuccess && <ApiCallsChart usage={daily.data} />}
    </SectionCard>
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
