import { Button, Code, Container, Loader, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { allItems } from '../../api/paged';
import { formatDateTime } from '../../ui/format';
import { LoadMoreButton } from '../../ui/load-more-button';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { RecordTable } from '../../ui/record-table';
import { SectionCard } from '../../ui/section-card';
import { useFailedDeliveries, useRetryDelivery, type FailedDelivery } from './platform-queries';

const COLUMNS = ['Organization', 'Endpoint', 'Event', 'Last answer', 'Failed'];

/** Outgoing webhook deliveries of every organization that ran out of retries, each sendable again. */
export function FailedDeliveriesPage() {
  useDocumentTitle('Failed webhooks · Platform · Plinth');
  const deliveries = useFailedDeliveries();
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader
          title="Failed webhooks"
          description="Deliveries that ran out of retries, most recent failure first. Retry sends one again with the same webhook-id, as its organization's replay does."
        />
        <SectionCard title="Deliveries">
          {deliveries.isPending && <Loader size="sm" aria-label="Loading failed deliveries" />}
          {deliveries.isError && <QueryFailure title="The failed deliveries could not be loaded" query={deliveries} />}
          {deliveries.isSuccess && (
            <Stack>
              <RecordTable
                label="Failed webhook deliveries"
                columns={COLUMNS}
                withActions
                items={allItems(deliveries.data.pages)}
                empty="No failed deliveries."
                minWidth={900}
                row={(delivery) => <DeliveryRow key={delivery.id} delivery={delivery} />}
              />
              <LoadMoreButton query={deliveries} />
            </Stack>
          )}
        </SectionCard>
      </Stack>
    </Container>
  );
}

function DeliveryRow({ delivery }: { delivery: FailedDelivery }) {
  return (
    <Table.Tr data-testid="failed-delivery" data-delivery-id={delivery.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {delivery.organization.name}
        </Text>
        <Text size="xs" c="dimmed">
          {delivery.organization.slug}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {delivery.endpointUrl}
        </Text>
        {!delivery.endpointEnabled && (
          <Text size="xs" c="red">
            Endpoint disabled
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Code>{delivery.eventType}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="delivery-last-answer">
          {lastAnswer(delivery)}
        </Text>
        <Text size="xs" c="dimmed">
          {delivery.attemptCount === 1 ? '1 attempt' : `${delivery.attemptCount} attempts`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(delivery.failedAt)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <RetryDeliveryButton delivery={delivery} />
      </Table.Td>
    </Table.Tr>
  );
}

function RetryDeliveryButton({ delivery }: { delivery: FailedDelivery }) {
  const retry = useRetryDelivery();
  const send = () =>
    retry.mutate(delivery.id, {
      onSuccess: () =>
        notifySuccess(
          'Delivery retried',
          `${delivery.eventType} is on its way to ${delivery.endpointUrl} again, for ${delivery.organization.name}.`,
        ),
      onError: (error) => notifyFailure('The delivery was not retried', error),
    });
  return (
    <Button
      variant="light"
      size="compact-sm"
      loading={retry.isPending}
      disabled={!delivery.endpointEnabled}
      aria-label={`Retry the ${delivery.eventType} delivery of ${delivery.organization.name}`}
      onClick={send}
    >
      Retry
    </Button>
  );
}

function lastAnswer(delivery: FailedDelivery): string {
  if (delivery.lastStatusCode !== null) return `HTTP ${delivery.lastStatusCode}`;
  return delivery.lastError ?? 'No answer';
}
