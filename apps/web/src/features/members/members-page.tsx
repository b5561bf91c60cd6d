import { Container, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader } from '../../ui/page-header';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { InviteMemberForm } from './invite-member-form';
import { LeaveOrganizationButton } from './leave-organization-button';
import { MembersSection } from './members-section';
import { PendingInvitesSection } from './pending-invites-section';
import { TransferOwnershipButton } from './transfer-ownership-button';

export function MembersPage() {
  const { membership } = useShellContext();
  const canInvite = useCan('members:invite');
  useDocumentTitle(`Members · ${membership.name} · Plinth`);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader
          title="Members"
          description={`The people of ${membership.name} and their roles.`}
          actions={
            <>
              <TransferOwnershipButton />
              <LeaveOrganizationButton />
            </>
          }
        />
        {canInvite && <InviteMemberForm />}
        <MembersSection />
        {canInvite && <PendingInvitesSection />}
      </Stack>
    </Container>
  );
}
