import { Badge, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { roleLabel } from '../../api/roles';
import { formatDate } from '../../ui/format';
import { ResendInviteButton, RevokeInviteButton } from './invite-row-actions';
import type { PendingInvite } from './organization-invites-queries';

export function PendingInvitesTable({ invites }: { invites: PendingInvite[] }) {
  if (invites.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No pending invitations.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" aria-label="Pending invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invites.map((invite) => (
            <InviteRow key={invite.id} invite={invite} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
