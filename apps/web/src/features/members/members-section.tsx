import { Button, Stack } from '@mantine/core';
import { allItems } from '../../api/paged';
import { EmptyState } from '../../ui/empty-state';
import { focusForm } from '../../ui/focus-form';
import { ListSkeleton } from '../../ui/list-skeleton';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useMembers } from './members-queries';
import { MembersTable } from './members-table';

export function MembersSection() {
  const { membership } = useShellContext();
  const members = useMembers(membership.organizationId);
  const canInvite = useCan('members:invite');
  const everyone = members.isSuccess ? allItems(members.data.pages) : [];
  const onlyYou = members.isSuccess && everyone.length === 1 && !members.hasNextPage;
  return (
    <SectionCard title="Members" description="Everyone in the organization, in the order they joined.">
      {members.isPending && <ListSkeleton label="Loading members" />}
      {members.isError && <QueryFailure title="Members could not be loaded" query={members} />}
      {members.isSuccess && (
        <Stack>
          <MembersTable members={everyone} />
          <LoadMoreButton query={members} />
          {onlyYou && canInvite && (
            <EmptyState
              title="Only you so far."
              description="Invite colleagues by email and choose what each of them may do here."
              action={
                <Button variant="light" onClick={() => focusForm('Invite someone')}>
                  Invite someone
                </Button>
              }
            />
          )}
        </Stack>
      )}
    </SectionCard>
  );
}
