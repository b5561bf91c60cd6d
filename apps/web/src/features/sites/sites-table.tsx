import { Anchor, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { DeleteSiteButton } from './delete-site-button';
import { EditSiteButton } from './edit-site-button';
import { sitePath } from './site-paths';
import type { Site } from './sites-queries';

export function SitesTable({ sites }: { sites: Site[] }) {
  if (sites.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sites yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" aria-label="Sites">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Site</Table.Th>
            <Table.Th>Domain</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sites.map((site) => (
            <SiteRow key={site.id} site={site} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SiteRow({ site }: { site: Site }) {
  const { membership } = useShellContext();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={sitePath(membership.slug, site.id)} fw={500} size="sm">
          {site.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={site.domain ? undefined : 'dimmed'}>
          {site.domain ?? 'None'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(site.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <EditSiteButton site={site} />
          <DeleteSiteButton site={site} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
