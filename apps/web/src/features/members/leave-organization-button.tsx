import { useNavigate } from 'react-router';
import { ConfirmAction } from '../../ui/confirm-action';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useLeaveOrganization } from './members-queries';

export function LeaveOrganizationButton() {
  const { membership } = useShellContext();
  const navigate = useNavigate();
  const leave = useLeaveOrganization(membership.organizationId);

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
    >
      You lose access at once; only a new invitation brings you back. An organization keeps at least one owner, so its last owner must
      transfer ownership first.
    </ConfirmAction>
  );
}
