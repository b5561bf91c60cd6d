import { Button, Code, Container, Loader, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { allItems } from '../../api/paged';
import { formatDateTime } from '../../ui/format';
import { LoadMoreButton } from '../../ui/load-more-button';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { RecordTable } from '../../ui/record-table';
import { SectionCard } from '../../ui/section-card';
import { useFailedStripeEvents, useRetryStripeEvent, type FailedStripeEvent } from './platform-queries';

const COLUMNS = ['Event', 'Organization', 'Received', 'Attempts', 'Last error'];

/** Stripe events whose effects failed; the job queue keeps retrying them, and a platform admin can retry one now. */
export function FailedStripeEventsPage() {
  useDocumentTitle('Failed Stripe events · Platform · Plinth');
  const events = useFailedStripeEvents();
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader
          title="Failed Stripe events"
          description="Events received but not applied, newest first. The job queue retries them with backoff; Retry applies one now."
        />
        <SectionCard title="Events">
          {events.isPending && <Loader size="sm" aria-label="Loading failed Stripe events" />}
          {events.isError && <QueryFailure title="The failed Stripe events could not be loaded" query={events} />}
          {events.isSuccess && (
            <Stack>
              <RecordTable
                label="Failed Stripe events"
                columns={COLUMNS}
                withActions
                items={allItems(events.data.pages)}
                empty="No failed Stripe events."
                minWidth={900}
                row={(event) => <EventRow key={event.id} event={event} />}
              />
              <LoadMoreButton query={events} />
            </Stack>
          )}
        </SectionCard>
      </Stack>
    </Container>
  );
}

function EventRow({ event }: { event: FailedStripeEvent }) {
  return (
    <Table.Tr data-testid="failed-stripe-event" data-event-id={event.id}>
      <Table.Td>
        <Code>{event.type}</Code>
        <Text size="xs" c="dimmed">
          {event.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {event.organization.name}
        </Text>
        <Text size="xs" c="dimmed">
          {event.organization.slug}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(event.receivedAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{event.attempts}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }} data-testid="stripe-event-error">
          {event.lastError ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <RetryEventButton event={event} />
      </Table.Td>
    </Table.Tr>
  );
}

function RetryEventButton({ event }: { event: FailedStripeEvent }) {
  const retry = useRetryStripeEvent();
  const send = () =>
    retry.mutate(event.id, {
      onSuccess: (result) =>
        result.processed
          ? notifySuccess('Event applied', `${event.type} for ${event.organization.name} is applied now.`)
          : notifications.show({
              color: 'orange',
              title: 'The event failed again',
              message: result.lastError ?? 'Its effects failed; the job queue keeps retrying it.',
              closeButtonProps: { 'aria-label': 'Close the notification “The event failed again”' },
            }),
      onError: (error) => notifyFailure('The event was not retried', error),
    });
  return (
    <Button
      variant="light"
      size="compact-sm"
      loading={retry.isPending}
      aria-label={`Retry the ${event.type} event of ${event.organization.name}`}
      onClick={send}
    >
      Retry
    </Button>
  );
}
