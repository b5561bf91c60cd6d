import { Container, Loader, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { actorChoices, actorDirectory } from './audit-actors';
import { AuditExport } from './audit-export';
import { AuditFilterForm } from './audit-filter-form';
import { NO_FILTERS, toAuditQuery, type AuditFilters } from './audit-filters';
import { AuditLogTable } from './audit-log-table';
import { useAuditActions, useAuditApiKeys, useAuditLog, useAuditMembers } from './audit-queries';

export function AuditLogPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Audit log · ${membership.name} · Plinth`);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const query = useMemo(() => toAuditQuery(filters), [filters]);
  const log = useAuditLog(membership.organizationId, query);
  const actions = useAuditActions(membership.organizationId);
  const members = useAuditMembers(membership.organizationId);
  const apiKeys = useAuditApiKeys(membership.organizationId, { enabled: useCan('apikeys:manage') });
  const directory = useMemo(() => actorDirectory(members.data, apiKeys.data), [members.data, apiKeys.data]);
  const actors = useMemo(() => actorChoices(members.data ?? [], apiKeys.data ?? []), [members.data, apiKeys.data]);

  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader title="Audit log" description="Every change to members, invites, roles, keys and settings, newest first." />
        <SectionCard title="Entries">
          <AuditFilterForm onApply={setFilters} actions={actions.data ?? []} actors={actors} />
          {log.isPending && <Loader size="sm" aria-label="Loading the audit log" />}
          {log.isError && <QueryFailure title="The audit log could not be loaded" query={log} />}
          {log.isSuccess && (
            <Stack>
              <AuditLogTable entries={allItems(log.data.pages)} directory={directory} />
              <LoadMoreButton query={log} />
            </Stack>
          )}
        </SectionCard>
        <SectionCard title="Export">
          <AuditExport filters={query} />
        </SectionCard>
      </Stack>
    </Container>
  );
}
