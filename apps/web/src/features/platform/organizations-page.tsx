import { Container, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { PageHeader } from '../../ui/page-header';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { OrganizationsTable } from './organizations-table';
import { useAdminOrganizations } from './platform-queries';

const SEARCH_DELAY_MS = 300;

/** Every organization of the deployment, searchable by name or slug, with its plan, usage and custom limits. */
export function OrganizationsPage() {
  useDocumentTitle('Organizations · Platform · Plinth');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const organizations = useAdminOrganizations(debounced);
  return (
    <Container size="xl">
      <Stack gap="lg">
        <PageHeader title="Organizations" description="Search every organization; set an enterprise contract's custom limits." />
        <SectionCard title="Organizations">
          <TextInput
            type="search"
            label="Search"
            placeholder="Name or slug"
            maxLength={100}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          {organizations.isPending && <Loader size="sm" aria-label="Loading organizations" />}
          {organizations.isError && <QueryFailure title="The organizations could not be loaded" query={organizations} />}
          {organizations.isSuccess && (
            <Stack>
              <OrganizationsTable
                organizations={allItems(organizations.data.pages)}
                empty={debounced ? `No organization matches “${debounced}”.` : 'No organizations yet.'}
              />
              <LoadMoreButton query={organizations} />
            </Stack>
          )}
        </SectionCard>
      </Stack>
    </Container>
  );
}
