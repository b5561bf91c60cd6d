import { Stack } from '@mantine/core';
import { allItems } from '../../api/paged';
import { ListSkeleton } from '../../ui/list-skeleton';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { usePendingInvites } from './organization-invites-queries';
import { PendingInvitesTable } from './pending-invites-table';

export function PendingInvitesSection() {
  const { membership } = useShellContext();
  const invites = usePendingInvites(membership.organizationId);
  return (
    <SectionCard title="Pending invitations" description="Each one holds a seat until it is accepted, revoked or expires.">
      {invites.isPending && <ListSkeleton label="Loading invitations" rows={2} />}
      {invites.isError && <QueryFailure title="Invitations could not be loaded" query={invites} />}
      {invites.isSuccess && (
        <Stack>
          <PendingInvitesTable invites={allItems(invites.data.pages)} />
          <LoadMoreButton query={invites} />
        </Stack>
      )}
    </SectionCard>
  );
}
