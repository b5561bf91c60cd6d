import { Badge, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDate } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { MemberRoleControl } from './member-role-control';
import type { Member } from './members-queries';
import { RemoveMemberButton } from './remove-member-button';

export function MembersTable({ members }: { members: Member[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Joined</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <MemberRow key={member.id} member={member} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MemberRow({ member }: { member: Member }) {
  const { me } = useShellContext();
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {member.name}
            </Text>
            {member.userId === me.user.id && (
              <Badge size="xs" variant="outline">
                you
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {member.email}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <MemberRoleControl member={member} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(member.joinedAt)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <RemoveMemberButton member={member} />
      </Table.Td>
    </Table.Tr>
  );
}
