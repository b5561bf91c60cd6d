import { Badge, Group, Table } from '@mantine/core';
import type { Membership } from '../../api/use-me';

/** The caller's permissions as the API grants them, grouped by resource ("posts:edit" → posts: edit). */
export function PermissionTable({ permissions }: { permissions: Membership['permissions'] }) {
  const byResource = groupByResource(permissions);
  return (
    <Table verticalSpacing="xs" aria-label="Your permissions in this organization">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Resource</Table.Th>
          <Table.Th>Allowed actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...byResource].map(([resource, actions]) => (
          <Table.Tr key={resource}>
            <Table.Td fw={500}>{resource}</Table.Td>
            <Table.Td>
              <Group gap={6}>
                {actions.map((action) => (
                  <Badge key={action} variant="light" color="gray" tt="none" title={`${resource}:${action}`}>
                    {action}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function groupByResource(permissions: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const permission of [...permissions].sort()) {
    const [resource, action] = permission.split(':');
    groups.set(resource, [...(groups.get(resource) ?? []), action]);
  }
  return groups;
}
