import { Badge, NativeSelect } from '@mantine/core';
import { GRANTABLE_ROLES, roleLabel, roleOptions, type GrantableRole } from '../../api/roles';
import type { Role } from '../../api/use-me';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useChangeRole, type Member } from './members-queries';

/**
 * A select where the caller may change this member's role, else the role as a badge.
 * Owner is never offered: ownership moves only by transfer, which the API enforces
 * too; an owner's own role changes by that transfer, so an owner shows as a badge.
 */
export function MemberRoleControl({ member }: { member: Member }) {
  const { me, membership } = useShellContext();
  const canUpdate = useCan('members:update');
  const changeRole = useChangeRole(membership.organizationId);
  // Your own role changes by transfer or leave.
  const editable = canUpdate && member.userId !== me.user.id && member.role !== 'owner';
  if (!editable) return <RoleBadge role={member.role} />;

  const change = (role: GrantableRole) =>
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => notifySuccess('Role changed', `${member.name} is now ${roleLabel(role)}.`),
        onError: (error) => notifyFailure('The role was not changed', error),
      },
    );

  return (
    <NativeSelect
      aria-label={`Role of ${member.name}`}
      data={roleOptions(GRANTABLE_ROLES)}
      value={changeRole.isPending ? changeRole.variables.role : member.role}
      disabled={changeRole.isPending}
      onChange={(event) => change(event.currentTarget.value as GrantableRole)}
      w={150}
    />
  );
}

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant="light" color={role === 'owner' ? 'grape' : 'gray'} tt="none">
      {roleLabel(role)}
    </Badge>
  );
}
