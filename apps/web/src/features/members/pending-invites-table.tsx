import { Badge, Group, Table, Text } from '@mantine/core';
import { roleLabel } from '../../api/roles';
import { EmptyState } from '../../ui/empty-state';
import { formatDate } from '../../ui/format';
import { ResendInviteButton, RevokeInviteButton } from './invite-row-actions';
import type { PendingInvite } from './organization-invites-queries';
import { RecordTable } from '../../ui/record-table';

export function PendingInvitesTable({ invites }: { invites: PendingInvite[] }) {
  return (
    <RecordTable
      label="Pending invitations"
      columns={['Email', 'Role', 'Expires']}
      withActions
      items={invites}
      empty={
        <EmptyState
          title="No pending invitations."
          description="Invite someone with the form above; the invitation waits here until it is accepted, revoked or expires."
        />
      }
      minWidth={560}
      row={(invite) => <InviteRow key={invite.id} invite={invite} />}
    />
  );
}

function InviteRow({ invite }: { invite: PendingInvite }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{invite.email}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{roleLabel(invite.role)}</Text>
      </Table.Td>
      <Table.Td>
        {invite.status === 'expired' ? (
          <Badge color="red" variant="light">
            Expired
          </Badge>
        ) : (
          <Text size="sm">{formatDate(invite.expiresAt)}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <ResendInviteButton invite={invite} />
          <RevokeInviteButton invite={invite} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
