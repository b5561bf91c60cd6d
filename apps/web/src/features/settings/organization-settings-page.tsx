import { Loader, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { DeleteOrganizationSection } from './delete-organization-section';
import { ExportOrganizationSection } from './export-organization-section';
import { useOrganization } from './organization-queries';
import { OrganizationProfileForm } from './organization-profile-form';
import { SettingsFrame } from './settings-frame';

export function OrganizationSettingsPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Settings · ${membership.name} · Plinth`);
  const canManage = useCan('settings:manage');
  const canExport = useCan('organization:export');
  const canDelete = useCan('organization:delete');
  const organization = useOrganization(membership.organizationId);
  return (
    <SettingsFrame current="" description={`How ${membership.name} is named and reached, and what happens to its data.`}>
      <SectionCard
        title="Organization"
        description={
          canManage ? 'Its name, its address in Plinth and its logo.' : 'Only owners and admins can change the name, address and logo.'
        }
      >
        {organization.isPending && <Loader size="sm" aria-label="Loading the organization" />}
        {organization.isError && <QueryFailure title="The organization could not be loaded" query={organization} />}
        {organization.isSuccess && <OrganizationProfileForm organization={organization.data} readOnly={!canManage} />}
      </SectionCard>
      {canExport && <ExportOrganizationSection />}
      {canDelete && <DeleteOrganizationSection />}
      {!canDelete && (
        <Text size="sm" c="dimmed">
          Only an owner can export or delete {membership.name}.
        </Text>
      )}
    </SettingsFrame>
  );
}
