import { Anchor, Button, Code, Container, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ApiError } from '@plinth/api-client';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allItems } from '../../api/paged';
import { formatDateTime } from '../../ui/format';
import { ListSkeleton } from '../../ui/list-skeleton';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageLoader } from '../../ui/page-loader';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { DeliveryLogTable } from './delivery-log-table';
import { EditWebhookEndpointForm } from './edit-webhook-endpoint-form';
import { EndpointActions } from './endpoint-actions';
import { RevealedSecret } from './revealed-secret';
import { webhooksPath } from './webhook-paths';
import { DELIVERY_STATUS_LABELS, endpointState } from './webhook-status';
import { EndpointStatusBadge } from './webhook-status-badges';
import { EventSummary } from './webhook-endpoints-table';
import { WebhooksPlanGate } from './webhooks-plan-gate';
import {
  useWebhookDeliveries,
  useWebhookEndpoint,
  type DeliveryStatus,
  type EndpointWithSecret,
  type WebhookEndpoint,
} from './webhooks-queries';

export function WebhookEndpointPage() {
  return <WebhooksPlanGate>{() => <EndpointLoader />}</WebhooksPlanGate>;
}

function EndpointLoader() {
  const { endpointId = '' } = useParams();
  const { membership } = useShellContext();
  const endpoint = useWebhookEndpoint(membership.organizationId, endpointId);
  if (endpoint.isPending) return <PageLoader label="Loading the webhook endpoint" />;
  if (isUnknownEndpoint(endpoint.error)) return <EndpointNotFound />;
  if (endpoint.isError) {
    return (
      <Container size="lg">
        <QueryFailure title="The webhook endpoint could not be loaded" query={endpoint} />
      </Container>
    );
  }
  return <EndpointDetail endpoint={endpoint.data} />;
}

function EndpointDetail({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  useDocumentTitle(`Webhook endpoint · ${membership.name} · Plinth`);
  // Held in this component only: the secret must not outlive the page in any cache.
  const [rotated, setRotated] = useState<EndpointWithSecret | null>(null);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <Anchor component={Link} to={webhooksPath(membership.slug)} size="sm">
          ← All endpoints
        </Anchor>
        <Stack gap="xs">
          <Title order={1}>Webhook endpoint</Title>
          <Code data-testid="endpoint-url" style={{ wordBreak: 'break-all', alignSelf: 'flex-start' }}>
            {endpoint.url}
          </Code>
          {endpoint.description && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {endpoint.description}
            </Text>
          )}
        </Stack>
        <EndpointSummary endpoint={endpoint} />
        <EndpointActions endpoint={endpoint} onRotated={setRotated} />
        {rotated && (
          <RevealedSecret title="Copy the new signing secret now" secret={rotated.secret} onDismiss={() => setRotated(null)}>
            <Text size="sm">
              {rotated.previousSecretExpiresAt
                ? `The previous secret stays valid until ${formatDateTime(rotated.previousSecretExpiresAt)}: until then each delivery is signed with both.`
                : 'Each delivery is signed with it from now on.'}{' '}
              Give the receiver the new one before then.
            </Text>
          </RevealedSecret>
        )}
        <DeliveriesSection endpoint={endpoint} />
        <SectionCard title="Settings" description="The URL, the description and the events this endpoint receives.">
          <EditWebhookEndpointForm key={endpoint.updatedAt} endpoint={endpoint} />
        </SectionCard>
      </Stack>
    </Container>
  );
}

/** The state in a badge and a sentence: what is being sent, and what to do about a problem. */
function EndpointSummary({ endpoint }: { endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  const overlapEnds = endpoint.previousSecretExpiresAt;
  return (
    <Stack gap={6} data-testid="endpoint-summary">
      <Group gap="sm" wrap="wrap">
        <EndpointStatusBadge endpoint={endpoint} />
        <EventSummary events={endpoint.events} />
      </Group>
      <Text size="sm">{stateSentence(endpoint, state)}</Text>
      {overlapEnds && new Date(overlapEnds).getTime() > Date.now() && (
        <Text size="sm" c="dimmed">
          The secret was rotated: deliveries are signed with the previous secret too until {formatDateTime(overlapEnds)}.
        </Text>
      )}
    </Stack>
  );
}

function stateSentence(endpoint: WebhookEndpoint, state: ReturnType<typeof endpointState>): string {
  const since = (iso: string | null) => (iso ? formatDateTime(iso) : 'a while');
  switch (state) {
    case 'enabled':
      return `Receiving events since ${formatDateTime(endpoint.createdAt)}.`;
    case 'failing':
      return `Every attempt since ${since(endpoint.failingSince)} has failed. After five days of failures Plinth disables the endpoint.`;
    case 'disabled':
      return `Disabled on ${since(endpoint.disabledAt)}: nothing is sent. Enable it to receive events again.`;
    case 'disabled-for-failures':
      return `Disabled on ${since(endpoint.disabledAt)} after five days of failed deliveries. Fix the receiver, enable the endpoint, then replay what it missed.`;
  }
}

type StatusFilter = DeliveryStatus | 'all';
const FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: 'All' },
  ...(['pending', 'succeeded', 'failed'] as const).map((status) => ({ value: status, label: DELIVERY_STATUS_LABELS[status] })),
];

function DeliveriesSection({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const [filter, setFilter] = useState<StatusFilter>('all');
  const deliveries = useWebhookDeliveries(membership.organizationId, endpoint.id, filter === 'all' ? null : filter);
  return (
    <SectionCard
      title="Deliveries"
      description="Newest first, each with its attempts. Replay sends a delivery again with the same webhook-id and body."
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label="Show deliveries"
          value={filter}
          onChange={(value) => setFilter(value as StatusFilter)}
          data={FILTERS}
          size="xs"
        />
        <Button variant="subtle" size="compact-sm" loading={deliveries.isRefetching} onClick={() => void deliveries.refetch()}>
          Refresh
        </Button>
      </Group>
      {!endpoint.enabled && (
        <Text size="sm" c="dimmed">
          The endpoint is disabled: enable it to send a test event or replay deliveries.
        </Text>
      )}
      {deliveries.isPending && <ListSkeleton label="Loading deliveries" />}
      {deliveries.isError && <QueryFailure title="Deliveries could not be loaded" query={deliveries} />}
      {deliveries.isSuccess && (
        <Stack>
          <DeliveryLogTable
            endpointId={endpoint.id}
            deliveries={allItems(deliveries.data.pages)}
            endpointEnabled={endpoint.enabled}
            empty={
              filter === 'all'
                ? 'No deliveries yet. Send a test event, or wait for one of the events this endpoint receives.'
                : `No ${DELIVERY_STATUS_LABELS[filter].toLowerCase()} deliveries.`
            }
          />
          <LoadMoreButton query={deliveries} />
        </Stack>
      )}
    </SectionCard>
  );
}

function EndpointNotFound() {
  const { membership } = useShellContext();
  useDocumentTitle('Webhook endpoint not found · Plinth');
  return (
    <Container size="sm" py={60}>
      <Stack align="center" ta="center">
        <Title order={1}>Webhook endpoint not found</Title>
        <Text c="dimmed">{membership.name} has no such endpoint. It may have been deleted.</Text>
        <Button component={Link} to={webhooksPath(membership.slug)}>
          Back to the webhooks
        </Button>
      </Stack>
    </Container>
  );
}

/** A 404, or a 400 for an id that is not even a UUID: either way the URL names no endpoint here. */
function isUnknownEndpoint(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}
