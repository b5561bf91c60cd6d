import { Code, Table, Text, VisuallyHidden } from '@mantine/core';
import { roleLabel } from '../../api/roles';
import { ConfirmAction } from '../../ui/confirm-action';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useRevokeApiKey, type ApiKey } from './api-keys-queries';

export function ApiKeysTable({ keys }: { keys: ApiKey[] }) {
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No API keys yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <ApiKeyRow key={key.id} apiKey={key} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
