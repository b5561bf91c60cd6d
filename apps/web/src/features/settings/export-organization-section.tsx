import { Button, Group } from '@mantine/core';
import { FormAlert } from '../../ui/form-alert';
import { describeFailure } from '../../ui/api-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useExportOrganization } from './organization-queries';

/** The owner's copy of everything: one NDJSON file, which "import" turns back into an organization. */
export function ExportOrganizationSection() {
  const { membership } = useShellContext();
  const exportData = useExportOrganization(membership.organizationId, membership.slug);
  return (
    <SectionCard
      title="Export data"
      description={`Everything in ${membership.name} as one NDJSON file, a record a line: members, invitations, API keys (never their secrets), the audit log, sites, posts and media.`}
    >
      <FormAlert message={exportData.isError ? describeFailure(exportData.error) : null} />
      <Group>
        <Button variant="default" loading={exportData.isPending} onClick={() => exportData.mutate()}>
          Download export
        </Button>
      </Group>
    </SectionCard>
  );
}
