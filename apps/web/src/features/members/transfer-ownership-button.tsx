import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
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
  if (!canTransfer) return null;

  const candidates = allItems(members.data?.pages).filter((member) => member.userId !== me.user.id);
  const options = [
    { value: '', label: 'Choose a member' },
    ...candidates.map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` })),
  ];

  const openDialog = () => {
    setNewOwnerId('');
    setFailure(null);
    open();
  };

  const confirm = () => {
    setFailure(null);
    const newOwner = candidates.find((member) => member.userId === newOwnerId);
    if (!newOwner) return setFailure('Choose the member who becomes the owner.');
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
      <Button variant="default" onClick={openDialog} disabled={candidates.length === 0}>
        Transfer ownership
      </Button>
      <Modal opened={opened} onClose={close} title="Transfer ownership" centered>
        <Stack>
          <Text size="sm">The new owner gets every permission, including deleting the organization. You become an admin.</Text>
          <NativeSelect
            label="New owner"
            data={options}
            value={newOwnerId}
            onChange={(event) => setNewOwnerId(event.currentTarget.value)}
          />
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={transfer.isPending}>
              Cancel
            </Button>
            <Button color="red" loading={transfer.isPending} onClick={confirm}>
              Transfer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
