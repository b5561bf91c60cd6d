import { useNavigate } from 'react-router';
import { allItems } from '../../api/paged';
import { ConfirmAction } from '../../ui/confirm-action';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useLeaveOrganization, useMembers } from './members-queries';

export function LeaveOrganizationButton() {
  const { membership } = useShellContext();
  const navigate = useNavigate();
  const leave = useLeaveOrganization(membership.organizationId);
  const lastOwner = useIsLastOwner();
  const canTransfer = useCan('organization:transfer');

  const leaveAndGo = async () => {
    await leave.mutateAsync();
    notifySuccess('You left', `You are no longer a member of ${membership.name}.`);
    navigate('/o', { replace: true });
  };

  return (
    <ConfirmAction
      label="Leave organization"
      variant="default"
      title={`Leave ${membership.name}?`}
      confirmLabel="Leave"
      onConfirm={leaveAndGo}
      blockedReason={
        lastOwner &&
        `You are the only owner of ${membership.name}, and an organization keeps at least one. ` +
          (canTransfer ? 'Transfer ownership to another member first; then you can leave.' : 'Another owner must be named first.')
      }
    >
      You lose access at once; only a new invitation brings you back. An organization keeps at least one owner, so its last owner must
      transfer ownership first.
    </ConfirmAction>
  );
}

/**
 * Whether the caller is the organization's only owner, as far as the loaded
 * member list shows. While more pages are unread it cannot tell, and says no:
 * the API still refuses, and the dialog shows that refusal.
 */
function useIsLastOwner(): boolean {
  const { me, membership } = useShellContext();
  const members = useMembers(membership.organizationId);
  if (membership.role !== 'owner' || !members.isSuccess || members.hasNextPage) return false;
  return !allItems(members.data.pages).some((member) => member.role === 'owner' && member.userId !== me.user.id);
}
