import { Container, Loader, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { AuditFilterForm } from './audit-filter-form';
import { NO_FILTERS, toAuditQuery, type AuditFilters } from './audit-filters';
import { AuditLogTable } from './audit-log-table';
import { useAuditLog } from './audit-queries';

export function AuditLogPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Audit log · ${membership.name} · Plinth`);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const log = useAuditLog(membership.organizationId, toAuditQuery(filters));
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader title="Audit log" description="Every change to members, invites, roles, keys and settings, newest first." />
        <SectionCard title="Entries">
          <AuditFilterForm onApply={setFilters} />
          {log.isPending && <Loader size="sm" aria-label="Loading the audit log" />}
          {log.isError && <QueryFailure title="The audit log could not be loaded" query={log} />}
          {log.isSuccess && (
            <Stack>
              <AuditLogTable entries={allItems(log.data.pages)} />
              <LoadMoreButton query={log} />
            </Stack>
          )}
        </SectionCard>
      </Stack>
    </Container>
  );
}
