import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { roleLabel, ROLES } from '../../api/roles';
import { SectionCard } from '../../ui/section-card';
import { organizationPath } from '../auth/sign-in-destination';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { PermissionTable } from './permission-table';
import { SettingsFrame } from './settings-frame';

/** What a role is, and what yours allows here, as the API grants it. */
export function RolesPage() {
  const { membership } = useShellContext();
  useDocumentTitle(`Roles · ${membership.name} · Plinth`);
  const canChangeRoles = useCan('members:update');
  const membersLink = (
    <Anchor component={Link} to={`${organizationPath(membership.slug)}/members`} size="sm">
      members page
    </Anchor>
  );
  return (
    <SettingsFrame current="roles" description="Every member of an organization has one role, which decides what they may do in it.">
      <SectionCard
        title="Roles"
        description={
          <>
            From the most powerful to the least. An organization always has an owner; ownership moves only by transfer.{' '}
            {canChangeRoles ? <>Change a member’s role on the {membersLink}.</> : <>Owners and admins change roles on the {membersLink}.</>}
          </>
        }
      >
        <Group gap="xs" aria-label="Roles, most powerful first">
          {ROLES.map((role) => (
            <Badge
              key={role}
              size="lg"
              tt="none"
              variant={role === membership.role ? 'filled' : 'light'}
              color={role === membership.role ? 'grape' : 'gray'}
            >
              {roleLabel(role)}
              {role === membership.role ? ' (you)' : ''}
            </Badge>
          ))}
        </Group>
      </SectionCard>
      <SectionCard title="What you can do here" description={`As ${roleLabel(membership.role).toLowerCase()} of ${membership.name}.`}>
        <PermissionTable permissions={membership.permissions} />
        <Text size="xs" c="dimmed">
          An API key acts with the role it was created with, never as owner.
        </Text>
      </SectionCard>
    </SettingsFrame>
  );
}
