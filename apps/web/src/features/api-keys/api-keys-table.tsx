import { Code, Table, Text } from '@mantine/core';
import { roleLabel } from '../../api/roles';
import { ConfirmAction } from '../../ui/confirm-action';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useRevokeApiKey, type ApiKey } from './api-keys-queries';
import { RecordTable } from '../../ui/record-table';

export function ApiKeysTable({ keys }: { keys: ApiKey[] }) {
  return (
    <RecordTable
      label="API keys"
      columns={['Name', 'Key', 'Role', 'Last used', 'Expires']}
      withActions
      items={keys}
      empty={'No API keys yet.'}
      minWidth={720}
      row={(key) => <ApiKeyRow key={key.id} apiKey={key} />}
    />
  );
}

function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {apiKey.name}
        </Text>
        <Text size="xs" c="dimmed">
          Created {formatDate(apiKey.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code data-testid="api-key-prefix">{apiKey.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{roleLabel(apiKey.role)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{apiKey.expiresAt ? formatDate(apiKey.expiresAt) : 'Never'}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <RevokeApiKeyButton apiKey={apiKey} />
      </Table.Td>
    </Table.Tr>
  );
}

function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const { membership } = useShellContext();
  const revoke = useRevokeApiKey(membership.organizationId);
  const revokeKey = async () => {
    await revoke.mutateAsync(apiKey.id);
    notifySuccess('Key revoked', `“${apiKey.name}” no longer works.`);
  };
  return (
    <ConfirmAction
      label="Revoke"
      ariaLabel={`Revoke ${apiKey.name}`}
      size="xs"
      title="Revoke this API key?"
      confirmLabel="Revoke"
      onConfirm={revokeKey}
    >
      Anything still using “{apiKey.name}” ({apiKey.prefix}…) gets 401 Unauthenticated from its next request on.
    </ConfirmAction>
  );
}
