import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { allItems } from '../../api/paged';
import { describeFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useMembers, useTransferOwnership } from './members-queries';

/** Hands the organization to another member; the caller steps down to admin. */
export function TransferOwnershipButton() {
  const { me, membership } = useShellContext();
  const canTransfer = useCan('organization:transfer');
  const [opened, { open, close }] = useDisclosure(false);
  const members = useMembers(membership.organizationId);
  const transfer = useTransferOwnership(membership.organizationId);
  const [newOwnerId, setNewOwnerId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const hintId = useId();
  if (!canTransfer) return null;

  const candidates = allItems(members.data?.pages).filter((member) => member.userId !== me.user.id);
  const newOwner = candidates.find((member) => member.userId === newOwnerId);
  const options = [
    { value: '', label: 'Choose a member' },
    ...candidates.map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` })),
  ];
  // Why Transfer is disabled: nobody to hand it to, or nobody chosen yet.
  const hint = !members.isSuccess
    ? 'Loading the members…'
    : candidates.length === 0
      ? `${membership.name} has no other member to take it over. Invite someone first.`
      : newOwner
        ? null
        : 'Choose the member who becomes the owner.';

  const openDialog = () => {
    setNewOwnerId('');
    setFailure(null);
    open();
  };

  const confirm = () => {
    if (!newOwner) return;
    setFailure(null);
    transfer.mutate(newOwner.userId, {
      onSuccess: () => {
        close();
        notifySuccess('Ownership transferred', `${newOwner.name} owns ${membership.name} now; you are an admin.`);
      },
      onError: (error) => setFailure(describeFailure(error)),
    });
  };

  return (
    <>
      <Button variant="default" onClick={openDialog}>
        Transfer ownership
      </Button>
      <Modal opened={opened} onClose={close} title="Transfer ownership" centered>
        <Stack>
          <Text size="sm">The new owner gets every permission, including deleting the organization. You become an admin.</Text>
          {candidates.length > 0 && (
            <NativeSelect
              label="New owner"
              data={options}
              value={newOwnerId}
              onChange={(event) => setNewOwnerId(event.currentTarget.value)}
            />
          )}
          {hint &&
            (candidates.length === 0 && members.isSuccess ? (
              <Alert color="yellow" variant="light" title="Not possible yet" id={hintId}>
                {hint}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed" id={hintId}>
                {hint}
              </Text>
            ))}
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={transfer.isPending}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={transfer.isPending}
              disabled={!newOwner}
              aria-describedby={hint ? hintId : undefined}
              onClick={confirm}
            >
              Transfer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
