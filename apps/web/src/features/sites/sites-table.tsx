import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state';
import { focusForm } from '../../ui/focus-form';
import { formatDate } from '../../ui/format';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
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
      empty={<SitesEmptyState />}
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

/** No site yet: the next step is the form above, for someone who may create one. */
function SitesEmptyState() {
  const canCreate = useCan('sites:create');
  return (
    <EmptyState
      title="No sites yet."
      description={
        canCreate ? 'A site holds posts and media. Create the first one to start writing.' : 'An owner or admin creates the sites.'
      }
      action={
        canCreate && (
          <Button variant="light" onClick={() => focusForm('Create a site')}>
            Create the first site
          </Button>
        )
      }
    />
  );
}
