import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { formatNumber, humanBytes } from '../../ui/format';
import { RecordTable } from '../../ui/record-table';
import { dimensionLabel, formatLimit } from './quota-dimensions';
import type { AdminOrganization } from './platform-queries';
import { QuotaOverrideForm } from './quota-override-form';

const COLUMNS = ['Organization', 'Plan', 'Usage', 'Custom limits'];

export function OrganizationsTable({ organizations, empty }: { organizations: AdminOrganization[]; empty: string }) {
  return (
    <RecordTable
      label="Organizations"
      columns={COLUMNS}
      withActions
      items={organizations}
      empty={empty}
      minWidth={860}
      row={(organization) => <OrganizationRow key={organization.id} organization={organization} />}
    />
  );
}

function OrganizationRow({ organization }: { organization: AdminOrganization }) {
  const { usage } = organization;
  const overrides = Object.entries(organization.overrides);
  return (
    <Table.Tr data-testid="admin-organization" data-organization-id={organization.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {organization.name}
        </Text>
        <Text size="xs" c="dimmed">
          {organization.slug}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="capitalize" data-testid="organization-plan">
          {organization.planTier}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="organization-usage">
          {count(usage.sites, 'site')} · {count(usage.users, 'user')} · {humanBytes(usage.storage_bytes)} ·{' '}
          {count(usage.api_calls, 'API call')}
        </Text>
      </Table.Td>
      <Table.Td>
        {overrides.length === 0 ? (
          <Text size="sm" c="dimmed">
            Plan limits
          </Text>
        ) : (
          <Stack gap={2} data-testid="organization-overrides">
            {overrides.map(([dimension, limit]) => (
              <Text size="sm" key={dimension}>
                {dimensionLabel(dimension)}: {formatLimit(dimension, limit)}
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Group justify="flex-end">
          <SetLimitButton organization={organization} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function SetLimitButton({ organization }: { organization: AdminOrganization }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="compact-sm" variant="light" onClick={open} aria-label={`Set a custom limit for ${organization.name}`}>
        Set limit
      </Button>
      <Modal opened={opened} onClose={close} title={`Custom limit for “${organization.name}”`} centered>
        <QuotaOverrideForm organization={organization} onDone={close} />
      </Modal>
    </>
  );
}

function count(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;
}
