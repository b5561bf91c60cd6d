import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { formatDateTime } from '../../ui/format';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { RecordTable } from '../../ui/record-table';
import { useShellContext } from '../shell/shell-context';
import { formatDuration } from './webhook-status';
import { DeliveryStatusBadge } from './webhook-status-badges';
import { useReplayDelivery, type WebhookAttempt, type WebhookDelivery } from './webhooks-queries';

const COLUMNS = ['Event', 'Status', 'Created', 'Attempts', 'Next retry'];

/** An attempt's moment to the second: retries can be seconds apart. */
const attemptTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

interface Props {
  endpointId: string;
  deliveries: WebhookDelivery[];
  /** A disabled endpoint sends nothing, replays included. */
  endpointEnabled: boolean;
  empty: string;
}

/** The endpoint's deliveries, newest first; each unfolds to its attempts and can be sent again. */
export function DeliveryLogTable({ endpointId, deliveries, endpointEnabled, empty }: Props) {
  return (
    <RecordTable
      label="Deliveries"
      columns={COLUMNS}
      withActions
      items={deliveries}
      empty={empty}
      minWidth={820}
      row={(delivery) => <DeliveryRow key={delivery.id} endpointId={endpointId} delivery={delivery} endpointEnabled={endpointEnabled} />}
    />
  );
}

function DeliveryRow({
  endpointId,
  delivery,
  endpointEnabled,
}: {
  endpointId: string;
  delivery: WebhookDelivery;
  endpointEnabled: boolean;
}) {
  const [expanded, { toggle }] = useDisclosure(false);
  const attemptsId = useId();
  const last = delivery.attempts.at(-1);
  return (
    <>
      <Table.Tr data-testid="webhook-delivery" data-delivery-id={delivery.id}>
        <Table.Td>
          <Code data-testid="delivery-event">{delivery.eventType}</Code>
        </Table.Td>
        <Table.Td>
          <Stack gap={2} align="flex-start">
            <DeliveryStatusBadge status={delivery.status} />
            {last && (
              <Text size="xs" c="dimmed">
                {last.statusCode === null ? 'No answer' : `HTTP ${last.statusCode}`}
              </Text>
            )}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatDateTime(delivery.createdAt)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" data-testid="delivery-attempt-count">
            {attemptCount(delivery.attempts.length)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" data-testid="delivery-next-retry">
            {delivery.nextRetryAt ? formatDateTime(delivery.nextRetryAt) : '—'}
          </Text>
        </Table.Td>
        <Table.Td ta="right">
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button
              variant="subtle"
              size="compact-sm"
              aria-expanded={expanded}
              aria-controls={expanded ? attemptsId : undefined}
              disabled={delivery.attempts.length === 0}
              onClick={toggle}
            >
              {expanded ? 'Hide attempts' : 'Show attempts'}
            </Button>
            <ReplayButton endpointId={endpointId} delivery={delivery} endpointEnabled={endpointEnabled} />
          </Group>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={attemptsId} data-testid="delivery-attempts">
          <Table.Td colSpan={COLUMNS.length + 1} bg="var(--mantine-color-default-hover)">
            <AttemptList attempts={delivery.attempts} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function ReplayButton({
  endpointId,
  delivery,
  endpointEnabled,
}: {
  endpointId: string;
  delivery: WebhookDelivery;
  endpointEnabled: boolean;
}) {
  const { membership } = useShellContext();
  const replay = useReplayDelivery(membership.organizationId, endpointId);
  const send = () =>
    replay.mutate(delivery.id, {
      onSuccess: () =>
        notifySuccess('Delivery replayed', `${delivery.eventType} is on its way again, with the same webhook-id. Its attempts show here.`),
      onError: (error) => notifyFailure('The delivery was not replayed', error),
    });
  return (
    <Button
      variant="light"
      size="compact-sm"
      loading={replay.isPending}
      disabled={!endpointEnabled}
      aria-label={`Replay the ${delivery.eventType} delivery of ${formatDateTime(delivery.createdAt)}`}
      onClick={send}
    >
      Replay
    </Button>
  );
}

/** Every attempt, oldest first: when, the answer, how long it took, and what went wrong. */
function AttemptList({ attempts }: { attempts: WebhookAttempt[] }) {
  return (
    <Stack component="ol" gap="sm" m={0} p={0} w="100%" style={{ listStyle: 'none' }} aria-label="Attempts">
      {attempts.map((attempt, index) => (
        <Stack component="li" key={`${attempt.at}-${index}`} gap={4} data-testid="delivery-attempt">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600}>
              Attempt {index + 1}
            </Text>
            <Text size="sm" data-testid="attempt-time">
              {attemptTime.format(new Date(attempt.at))}
            </Text>
            <Badge
              variant="outline"
              tt="none"
              color={attempt.statusCode !== null && attempt.statusCode < 300 ? 'teal' : 'red'}
              data-testid="attempt-status-code"
            >
              {attempt.statusCode === null ? 'No answer' : `HTTP ${attempt.statusCode}`}
            </Badge>
            <Text size="sm" c="dimmed" data-testid="attempt-duration">
              {formatDuration(attempt.durationMs)}
            </Text>
          </Group>
          {attempt.error && (
            <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }} data-testid="attempt-error">
              {attempt.error}
            </Text>
          )}
          {attempt.responseExcerpt && (
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 160, overflowY: 'auto' }}>
              {attempt.responseExcerpt}
            </Code>
          )}
          {attempt.nextRetryAt && (
            <Text size="xs" c="dimmed">
              Next attempt planned for {attemptTime.format(new Date(attempt.nextRetryAt))}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

function attemptCount(count: number): string {
  if (count === 0) return 'Not tried yet';
  return count === 1 ? '1 attempt' : `${count} attempts`;
}
