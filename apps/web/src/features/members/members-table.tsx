import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatDate } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { MemberRoleControl } from './member-role-control';
import type { Member } from './members-queries';
import { RemoveMemberButton } from './remove-member-button';
import { RecordTable } from '../../ui/record-table';

export function MembersTable({ members }: { members: Member[] }) {
  return (
    <RecordTable
      label="Members"
      columns={['Member', 'Role', 'Joined']}
      withActions
      items={members}
      empty={'No members.'}
      minWidth={560}
      row={(member) => <MemberRow key={member.id} member={member} />}
    />
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
