import { Anchor, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { DeleteSiteButton } from './delete-site-button';
import { EditSiteButton } from './edit-site-button';
import { sitePath } from './site-paths';
import type { Site } from './sites-queries';
import { RecordTable } from '../../ui/record-table';

export function SitesTable({ sites }: { sites: Site[] }) {
  return (
    <RecordTable
      label="Sites"
      columns={['Site', 'Domain', 'Created']}
      withActions
      items={sites}
      empty={'No sites yet.'}
      minWidth={560}
      row={(site) => <SiteRow key={site.id} site={site} />}
    />
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
