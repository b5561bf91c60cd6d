import { Anchor, Code, Container, Loader, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { planFeatureUnavailableOf, type PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { CreateWebhookEndpointForm } from './create-webhook-endpoint-form';
import { RevealedSecret } from './revealed-secret';
import { webhookEndpointPath } from './webhook-paths';
import { WebhookEndpointsTable } from './webhook-endpoints-table';
import { useWebhookEndpoints, type EndpointWithSecret } from './webhooks-queries';
import { WEBHOOKS_DESCRIPTION, WebhooksPlanGate } from './webhooks-plan-gate';

export function WebhooksPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Webhooks · ${membership.name} · Plinth`);
  return <WebhooksPlanGate>{(onPlanRefusal) => <WebhooksContent onPlanRefusal={onPlanRefusal} />}</WebhooksPlanGate>;
}

function WebhooksContent({ onPlanRefusal }: { onPlanRefusal: (refusal: PlanFeatureUnavailable) => void }) {
  const { membership } = useShellContext();
  // Held in this component only: the secret must not outlive the page in any cache.
  const [created, setCreated] = useState<EndpointWithSecret | null>(null);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Webhooks" description={WEBHOOKS_DESCRIPTION} />
        <SectionCard
          title="Add an endpoint"
          description={
            <>
              Deliveries follow Standard Webhooks: check the <Code>webhook-signature</Code> header with the endpoint’s secret. A 2xx answer
              within 10 seconds is a success; anything else is retried for about a day.
            </>
          }
        >
          {created && (
            <RevealedSecret
              title={`Copy the signing secret of ${created.url} now`}
              secret={created.secret}
              onDismiss={() => setCreated(null)}
            >
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                The endpoint is added and receives the events you picked. Your receiver needs this secret to check that a delivery comes
                from Plinth.{' '}
                <Anchor component={Link} to={webhookEndpointPath(membership.slug, created.id)} size="sm">
                  Open its delivery log
                </Anchor>
              </Text>
            </RevealedSecret>
          )}
          <CreateWebhookEndpointForm onCreated={setCreated} onPlanRefusal={onPlanRefusal} />
        </SectionCard>
        <EndpointsSection onPlanRefusal={onPlanRefusal} />
      </Stack>
    </Container>
  );
}

function EndpointsSection({ onPlanRefusal }: { onPlanRefusal: (refusal: PlanFeatureUnavailable) => void }) {
  const { membership } = useShellContext();
  const endpoints = useWebhookEndpoints(membership.organizationId);
  const { error } = endpoints;
  // Should the API refuse the list too (402), the whole page becomes the upsell.
  useEffect(() => {
    const refusal = planFeatureUnavailableOf(error);
    if (refusal) onPlanRefusal(refusal);
  }, [error, onPlanRefusal]);
  if (planFeatureUnavailableOf(error)) return null;
  return (
    <SectionCard title="Endpoints" description="Newest first. Open one for its delivery log, a test event, its secret and its settings.">
      {endpoints.isPending && <Loader size="sm" aria-label="Loading webhook endpoints" />}
      {endpoints.isError && <QueryFailure title="Webhook endpoints could not be loaded" query={endpoints} />}
      {endpoints.isSuccess && (
        <Stack>
          <WebhookEndpointsTable endpoints={allItems(endpoints.data.pages)} />
          <LoadMoreButton query={endpoints} />
        </Stack>
      )}
    </SectionCard>
  );
}
