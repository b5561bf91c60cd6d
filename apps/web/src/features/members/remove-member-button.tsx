import { ConfirmAction } from '../../ui/confirm-action';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useRemoveMember, type Member } from './members-queries';

/** Shown only where the API would allow it: not yourself (that is leave), not an owner unless you are one. */
export function RemoveMemberButton({ member }: { member: Member }) {
  const { me, membership } = useShellContext();
  const canRemove = useCan('members:remove');
  const removeMember = useRemoveMember(membership.organizationId);
  const allowed = canRemove && member.userId !== me.user.id && (membership.role === 'owner' || member.role !== 'owner');
  if (!allowed) return null;

  const remove = async () => {
    await removeMember.mutateAsync(member.userId);
    notifySuccess('Member removed', `${member.name} no longer has access.`);
  };

  return (
    <ConfirmAction
      label="Remove"
      ariaLabel={`Remove ${member.name}`}
      size="xs"
      title="Remove this member?"
      confirmLabel="Remove"
      onConfirm={remove}
    >
      {member.name} ({member.email}) loses access to {membership.name} at once. You can invite them again later.
    </ConfirmAction>
  );
}
