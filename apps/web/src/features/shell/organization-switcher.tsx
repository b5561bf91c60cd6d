import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useSwitchOrganization } from '../../api/auth-mutations';
import type { Membership } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { organizationPath } from '../auth/sign-in-destination';

interface Props {
  current: Membership;
  memberships: Membership[];
}

export function OrganizationSwitcher({ current, memberships }: Props) {
  const navigate = useNavigate();
  const switchOrganization = useSwitchOrganization();

  const switchTo = (membership: Membership) =>
    switchOrganization.mutate(membership.organizationId, {
      onSuccess: () => navigate(organizationPath(membership.slug)),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not switch organization', message: describeFailure(error) }),
    });

  return (
    <Menu position="bottom-start" width={260} shadow="md">
      <Menu.Target>
        <Button variant="default" rightSection="▾" loading={switchOrganization.isPending}>
          {current.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label="Your organizations">
        <Menu.Label>Switch organization</Menu.Label>
        {memberships.map((membership) => {
          const isCurrent = membership.organizationId === current.organizationId;
          return (
            <Menu.Item
              key={membership.organizationId}
              disabled={isCurrent}
              aria-current={isCurrent ? 'true' : undefined}
              rightSection={
                <Text size="xs" c="dimmed">
                  {membership.role}
                </Text>
              }
              onClick={() => switchTo(membership)}
            >
              {membership.name}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
