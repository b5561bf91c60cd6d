import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../ui/format';
import type { AuditEntry } from './audit-queries';
import { RecordTable } from '../../ui/record-table';

export function AuditLogTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <RecordTable
      label="Audit log"
      columns={['When', 'Action', 'By', 'Details', 'IP']}
      items={entries}
      empty={'Nothing recorded for these filters.'}
      minWidth={760}
      row={(entry) => <AuditRow key={entry.id} entry={entry} />}
    />
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(entry.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code>{entry.action}</Code>
      </Table.Td>
      <Table.Td>
        <Actor actor={entry.actor} />
      </Table.Td>
      <Table.Td>
        <Details entry={entry} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.ip ?? '—'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function Actor({ actor }: { actor: AuditEntry['actor'] }) {
  if (actor.type === 'user') return <Text size="sm">{actor.email ?? 'A former member'}</Text>;
  return (
    <Badge variant="light" color="gray" tt="none">
      {actor.type === 'api_key' ? 'API key' : 'Plinth'}
    </Badge>
  );
}

/** The target and the metadata, as short "key: value" lines. */
function Details({ entry }: { entry: AuditEntry }) {
  const lines = Object.entries(entry.metadata).map(([key, value]) => `${key}: ${formatValue(value)}`);
  if (entry.targetType) lines.unshift(`${entry.targetType}: ${entry.targetId ?? '—'}`);
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

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
