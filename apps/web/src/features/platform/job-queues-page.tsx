import { Code, Container, Loader, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { RecordTable } from '../../ui/record-table';
import { SectionCard } from '../../ui/section-card';
import { useJobQueues, type JobQueue } from './platform-queries';

const COLUMNS = ['Queue', 'Queued', 'Active', 'Failed'];

/** The job queues (pg-boss) and how many jobs wait, run and failed in each; read again every few seconds. */
export function JobQueuesPage() {
  useDocumentTitle('Job queues · Platform · Plinth');
  const queues = useJobQueues();
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader
          title="Job queues"
          description="Mail, webhook deliveries, billing and quota jobs. Failed jobs stay listed until pg-boss archives them."
        />
        <SectionCard title="Queues">
          {queues.isPending && <Loader size="sm" aria-label="Loading job queues" />}
          {queues.isError && <QueryFailure title="The job queues could not be loaded" query={queues} />}
          {queues.isSuccess && (
            <RecordTable
              label="Job queues"
              columns={COLUMNS}
              items={queues.data}
              empty="No job queues are defined."
              minWidth={560}
              row={(queue) => <QueueRow key={queue.name} queue={queue} />}
            />
          )}
        </SectionCard>
      </Stack>
    </Container>
  );
}

function QueueRow({ queue }: { queue: JobQueue }) {
  return (
    <Table.Tr data-testid="job-queue" data-queue={queue.name}>
      <Table.Td>
        <Code>{queue.name}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatNumber(queue.queued)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatNumber(queue.active)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={queue.failed > 0 ? 'red' : undefined} fw={queue.failed > 0 ? 600 : undefined}>
          {formatNumber(queue.failed)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
