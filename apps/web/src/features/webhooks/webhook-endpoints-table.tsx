import { Anchor, Badge, Button, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import { useShellContext } from '../shell/shell-context';
import { coversAllEvents } from './webhook-events';
import { webhookEndpointPath } from './webhook-paths';
import { DeliveryStatusBadge, EndpointStatusBadge } from './webhook-status-badges';
import { useLatestDelivery, type WebhookEndpoint } from './webhooks-queries';

/** Events named in a row before the rest are counted. */
const EVENTS_SHOWN = 3;

export function WebhookEndpointsTable({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  return (
    <RecordTable
      label="Webhook endpoints"
      columns={['Endpoint', 'Events', 'Status', 'Last delivery']}
      withActions
      items={endpoints}
      empty={'No endpoints yet. Add one above, and Plinth starts sending it the events you pick.'}
      minWidth={820}
      row={(endpoint) => <EndpointRow key={endpoint.id} endpoint={endpoint} />}
    />
  );
}

function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { membership } = useShellContext();
  const path = webhookEndpointPath(membership.slug, endpoint.id);
  return (
    <Table.Tr data-testid="webhook-endpoint">
      <Table.Td maw={320}>
        <Anchor component={Link} to={path} size="sm" fw={500} style={{ wordBreak: 'break-all' }} data-testid="endpoint-url">
          {endpoint.url}
        </Anchor>
        {endpoint.description && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {endpoint.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <EventSummary events={endpoint.events} />
      </Table.Td>
      <Table.Td>
        <EndpointStatusBadge endpoint={endpoint} />
      </Table.Td>
      <Table.Td>
        <LastDelivery endpointId={endpoint.id} />
      </Table.Td>
      <Table.Td ta="right">
        <Button component={Link} to={path} variant="default" size="xs" aria-label={`Deliveries and settings of ${endpoint.url}`}>
          Deliveries and settings
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** "All events", or the first few by name and how many more. */
export function EventSummary({ events }: { events: readonly string[] }) {
  if (coversAllEvents(events)) {
    return (
      <Badge variant="light" color="gray" tt="none">
        All events
      </Badge>
    );
  }
  const shown = events.slice(0, EVENTS_SHOWN);
  return (
    <Group gap={4} data-testid="endpoint-events">
      {shown.map((event) => (
        <Code key={event}>{event}</Code>
      ))}
      {events.length > shown.length && (
        <Text size="xs" c="dimmed">
          and {events.length - shown.length} more
        </Text>
      )}
    </Group>
  );
}

function LastDelivery({ endpointId }: { endpointId: string }) {
  const { membership } = useShellContext();
  const latest = useLatestDelivery(membership.organizationId, endpointId);
  if (latest.isPending) return <Loader size="xs" aria-label="Loading the last delivery" />;
  if (latest.isError) {
    return (
      <Text size="sm" c="dimmed">
        Not available
      </Text>
    );
  }
  if (!latest.data) {
    return (
      <Text size="sm" c="dimmed">
        None yet
      </Text>
    );
  }
  return (
    <Stack gap={2} align="flex-start" data-testid="last-delivery">
      <DeliveryStatusBadge status={latest.data.status} />
      <Text size="xs" c="dimmed">
        <Code>{latest.data.eventType}</Code> · {formatDateTime(latest.data.createdAt)}
      </Text>
    </Stack>
  );
}
