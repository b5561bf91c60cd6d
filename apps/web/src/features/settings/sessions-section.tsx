import { Badge, Button, Group, Loader, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../ui/format';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { QueryFailure } from '../../ui/query-failure';
import { RecordTable } from '../../ui/record-table';
import { SectionCard } from '../../ui/section-card';
import { useAccountSessions, useEndSession, type AccountSession } from './account-queries';
import { describeUserAgent } from './user-agent';

/** Every device signed in as you; any but this one can be signed out from here. */
export function SessionsSection() {
  const sessions = useAccountSessions();
  return (
    <SectionCard
      title="Signed-in devices"
      description="Sign out a device you do not recognise, or no longer use. To end this one, log out."
    >
      {sessions.isPending && <Loader size="sm" aria-label="Loading your sessions" />}
      {sessions.isError && <QueryFailure title="Your sessions could not be loaded" query={sessions} />}
      {sessions.isSuccess && (
        <RecordTable
          label="Signed-in devices"
          columns={['Device', 'IP address', 'Signed in', 'Last active']}
          withActions
          items={sessions.data}
          empty="No signed-in devices."
          minWidth={640}
          row={(session) => <SessionRow key={session.id} session={session} />}
        />
      )}
    </SectionCard>
  );
}

function SessionRow({ session }: { session: AccountSession }) {
  const end = useEndSession();
  const device = describeUserAgent(session.userAgent);
  const signOut = () =>
    end.mutate(session.id, {
      onSuccess: () => notifySuccess('Device signed out', `${device} is signed out.`),
      onError: (error) => notifyFailure('Could not sign the device out', error),
    });
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" title={session.userAgent ?? undefined}>
            {device}
          </Text>
          {session.current && (
            <Badge size="sm" variant="light" tt="none">
              This device
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{session.ip ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(session.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{session.lastUsedAt ? formatDateTime(session.lastUsedAt) : '—'}</Text>
      </Table.Td>
      <Table.Td ta="right">
        {!session.current && (
          <Button
            size="xs"
            variant="light"
            color="red"
            loading={end.isPending}
            onClick={signOut}
            aria-label={`Sign out ${device}, signed in ${formatDateTime(session.createdAt)}`}
          >
            Sign out
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
