import { Table, Text, Title } from '@mantine/core';
import { roleLabel } from '../../api/roles';
import { formatDateTime } from '../../ui/format';
import type { InvitePreview } from './invite-queries';

/** Who invites whom, to what, until when. */
export function InviteSummary({ invite }: { invite: InvitePreview }) {
  const facts: Array<[string, string]> = [
    ['Organization', invite.organizationName],
    ['Role', roleLabel(invite.role)],
    ['Invited by', invite.invitedBy ?? invite.organizationName],
    ['For', invite.email],
    ['Expires', formatDateTime(invite.expiresAt)],
  ];
  return (
    <>
      <Title order={1} fz="h2">
        Join {invite.organizationName}
      </Title>
      <Text size="sm" c="dimmed">
        {invite.invitedBy ?? 'A member'} invited you to join with the role {roleLabel(invite.role)}.
      </Text>
      <Table variant="vertical" layout="fixed" withTableBorder aria-label="The invitation">
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={120}>{label}</Table.Th>
              <Table.Td data-testid={`invite-${testIdOf(label)}`} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function testIdOf(label: string): string {
  return label.toLowerCase().replace(/\s+/g, '-');
}
