import { Button, Menu, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useSwitchOrganization } from '../../api/auth-mutations';
import { roleLabel } from '../../api/roles';
import { organizationHostUrl } from '../../api/tenant-host';
import type { Me, Membership } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { organizationPath } from '../auth/sign-in-destination';
import { CreateOrganizationForm } from './create-organization-form';

interface Props {
  me: Me;
  current: Membership;
}

/** The organization's name; a menu to switch or create one unless the deployment is single-tenant. */
export function OrganizationSwitcher({ me, current }: Props) {
  if (!me.multiTenant) {
    return (
      <Text fw={600} truncate="end" miw={0} data-testid="organization-name">
        {current.name}
      </Text>
    );
  }
  return <Switcher me={me} current={current} />;
}

function Switcher({ me, current }: Props) {
  const navigate = useNavigate();
  const switchOrganization = useSwitchOrganization();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  const switchTo = (membership: Membership) =>
    switchOrganization.mutate(membership.organizationId, {
      onSuccess: () => navigate(organizationPath(membership.slug)),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not switch organization', message: describeFailure(error) }),
    });

  return (
    <>
      <Menu position="bottom-start" width={260} shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            rightSection="▾"
            loading={switchOrganization.isPending}
            title={current.name}
            // A long name shortens with an ellipsis rather than pushing the header past a phone's width.
            miw={0}
            maw={{ base: '100%', sm: 320 }}
            styles={{ inner: { minWidth: 0 }, label: { minWidth: 0, overflow: 'hidden' } }}
          >
            <Text span inherit truncate="end">
              {current.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Your organizations">
          <Menu.Label>Switch organization</Menu.Label>
          {me.memberships.map((membership) => {
            const isCurrent = membership.organizationId === current.organizationId;
            const hostUrl = organizationHostUrl(me, membership.slug);
            // On an organization's own host the others open on theirs: the API serves only this one here.
            const action = hostUrl ? { component: 'a' as const, href: hostUrl } : { onClick: () => switchTo(membership) };
            return (
              <Menu.Item
                key={membership.organizationId}
                {...action}
                disabled={isCurrent}
                aria-current={isCurrent ? 'true' : undefined}
                rightSection={
                  <Text size="xs" c="dimmed">
                    {roleLabel(membership.role)}
                  </Text>
                }
              >
                {membership.name}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item leftSection="+" onClick={openCreate}>
            Create organization
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={creating} onClose={closeCreate} title="Create an organization" centered>
        <Text size="sm" c="dimmed" mb="md">
          You become its owner, on the Free plan. Your other organizations stay as they are.
        </Text>
        <CreateOrganizationForm onCreated={closeCreate} />
      </Modal>
    </>
  );
}
