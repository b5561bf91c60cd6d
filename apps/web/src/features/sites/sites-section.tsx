import { Loader, Stack } from '@mantine/core';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useSites } from './sites-queries';
import { SitesTable } from './sites-table';

export function SitesSection() {
  const { membership } = useShellContext();
  const sites = useSites(membership.organizationId);
  return (
    <SectionCard title="Your sites" description="Newest first. Open a site to write posts and upload media.">
      {sites.isPending && <Loader size="sm" aria-label="Loading sites" />}
      {sites.isError && <QueryFailure title="Sites could not be loaded" query={sites} />}
      {sites.isSuccess && (
        <Stack>
          <SitesTable sites={allItems(sites.data.pages)} />
          <LoadMoreButton query={sites} />
        </Stack>
      )}
    </SectionCard>
  );
}
