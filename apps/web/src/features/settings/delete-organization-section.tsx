import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useDeleteOrganization } from './organization-queries';

/** Owner only. The slug must be typed out: a deletion takes every site, post, file and key with it. */
export function DeleteOrganizationSection() {
  const { membership } = useShellContext();
  const navigate = useNavigate();
  const deletion = useDeleteOrganization(membership.organizationId);
  const [opened, { open, close }] = useDisclosure(false);
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim() === membership.slug;

  const openDialog = () => {
    setTyped('');
    deletion.reset();
    open();
  };

  const confirm = () =>
    deletion.mutate(undefined, {
      onSuccess: () => {
        notifySuccess('Organization deleted', `${membership.name} and all its data are gone.`);
        // To another organization, or to the screen that starts one. Synchronously, before the shell notices this one is gone.
        void navigate('/o', { replace: true, flushSync: true });
      },
    });

  return (
    <SectionCard
      title="Delete organization"
      description="Deletes the organization with every site, post, file, API key, webhook and invitation, ends its subscription, and removes every member. It cannot be undone."
    >
      <Group>
        <Button color="red" variant="light" onClick={openDialog}>
          Delete organization
        </Button>
      </Group>
      <Modal opened={opened} onClose={close} title={`Delete ${membership.name}?`} centered>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (confirmed) confirm();
          }}
        >
          <Stack>
            <Text size="sm">
              Everything in {membership.name} is deleted at once, for every member. Download an export first if you may want it back.
            </Text>
            <TextInput
              label={`Type ${membership.slug} to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
            <FormAlert message={deletion.isError ? describeFailure(deletion.error) : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={deletion.isPending}>
                Cancel
              </Button>
              <Button type="submit" color="red" disabled={!confirmed} loading={deletion.isPending}>
                Delete this organization
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </SectionCard>
  );
}
