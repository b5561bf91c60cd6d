import { Badge, Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { formatDateTime } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import { actorLabel, targetName, type ActorDirectory } from './audit-actors';
import type { AuditEntry } from './audit-queries';

const COLUMNS = ['When', 'Action', 'By', 'Details'];

export function AuditLogTable({ entries, directory }: { entries: AuditEntry[]; directory: ActorDirectory }) {
  return (
    <RecordTable
      label="Audit log"
      columns={COLUMNS}
      withActions
      items={entries}
      empty={'Nothing recorded for these filters.'}
      minWidth={760}
      row={(entry) => <AuditRow key={entry.id} entry={entry} directory={directory} />}
    />
  );
}

/** One entry; "Request details" unfolds a row below it with where the change came from. */
function AuditRow({ entry, directory }: { entry: AuditEntry; directory: ActorDirectory }) {
  const [expanded, { toggle }] = useDisclosure(false);
  const detailsId = useId();
  return (
    <>
      <Table.Tr data-testid="audit-entry">
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.createdAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Actor entry={entry} directory={directory} />
        </Table.Td>
        <Table.Td>
          <Details entry={entry} directory={directory} />
        </Table.Td>
        <Table.Td ta="right">
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            onClick={toggle}
            style={{ whiteSpace: 'nowrap' }}
          >
            Request details
          </Button>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId} data-testid="audit-entry-details">
          <Table.Td colSpan={COLUMNS.length + 1} bg="var(--mantine-color-gray-0)">
            <RequestDetails entry={entry} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function Actor({ entry, directory }: { entry: AuditEntry; directory: ActorDirectory }) {
  const { name, email } = actorLabel(entry.actor, directory);
  return (
    <Stack gap={2} data-testid="audit-actor">
      <Text size="sm" fw={500}>
        {name}
      </Text>
      {email && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {email}
        </Text>
      )}
      {entry.actor.type !== 'user' && (
        <Badge variant="light" color="gray" tt="none" size="sm">
          {entry.actor.type === 'api_key' ? 'API key' : 'Automatic'}
        </Badge>
      )}
    </Stack>
  );
}

/** The target (named when it is a member or a key) and the metadata, as short "key: value" lines. */
function Details({ entry, directory }: { entry: AuditEntry; directory: ActorDirectory }) {
  const lines = Object.entries(entry.metadata).map(([key, value]) => `${key}: ${formatValue(value)}`);
  if (entry.targetType) {
    const target = targetName(entry.targetType, entry.targetId, directory) ?? entry.targetId ?? '—';
    lines.unshift(`${entry.targetType}: ${target}`);
  }
  return (
    <Stack gap={0}>
      {lines.map((line) => (
        <Text key={line} size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** Where the request came from, and the raw ids for a support conversation. */
function RequestDetails({ entry }: { entry: AuditEntry }) {
  const facts: Array<[string, string]> = [
    ['IP address', entry.ip ?? 'Not recorded'],
    ['User agent', entry.userAgent ?? 'Not recorded'],
    ['Actor id', entry.actor.id ? `${entry.actor.type} ${entry.actor.id}` : entry.actor.type],
    ['Target id', entry.targetId ? `${entry.targetType ?? ''} ${entry.targetId}`.trim() : '—'],
    ['Entry id', entry.id],
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} m={0}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="xs" fw={700}>
            {term}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ wordBreak: 'break-all' }}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
