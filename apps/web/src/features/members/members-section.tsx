import { Loader, Stack } from '@mantine/core';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useMembers } from './members-queries';
import { MembersTable } from './members-table';

export function MembersSection() {
  const { membership } = useShellContext();
  const members = useMembers(membership.organizationId);
  return (
    <SectionCard title="Members" description="Everyone in the organization, in the order they joined.">
      {members.isPending && <Loader size="sm" aria-label="Loading members" />}
      {members.isError && <QueryFailure title="Members could not be loaded" query={members} />}
      {members.isSuccess && (
        <Stack>
          <MembersTable members={allItems(members.data.pages)} />
          <LoadMoreButton query={members} />
        </Stack>
      )}
    </SectionCard>
  );
}
