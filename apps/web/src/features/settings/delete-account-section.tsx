import { Alert, Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { ApiError } from '@plinth/api-client';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { session } from '../../api/client';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { PasswordField } from '../../ui/password-field';
import { SectionCard } from '../../ui/section-card';
import { organizationPath } from '../auth/sign-in-destination';
import { useShellContext } from '../shell/shell-context';
import { useDeleteAccount } from './account-queries';
import { showAccountFailure } from './wrong-password';

/**
 * Deletes the person, with every organization where they are the only
 * member. The API refuses (409) while they are the last owner of an
 * organization that has other members: ownership must move first.
 */
export function DeleteAccountSection() {
  const { me } = useShellContext();
  const navigate = useNavigate();
  const deletion = useDeleteAccount();
  const [opened, { open, close }] = useDisclosure(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [ownershipConflict, setOwnershipConflict] = useState<OwnershipConflict | null>(null);
  const form = useForm({
    initialValues: { password: '', confirmation: '' },
    validate: { password: (value) => (value ? null : 'Enter your password') },
  });
  const confirmed = form.values.confirmation.trim().toLowerCase() === me.user.email.toLowerCase();

  const openDialog = () => {
    form.reset();
    setFailure(null);
    setOwnershipConflict(null);
    open();
  };

  const submit = form.onSubmit(({ password }) => {
    if (!confirmed) return;
    setFailure(null);
    setOwnershipConflict(null);
    deletion.mutate(password, {
      onSuccess: async () => {
        notifySuccess('Account deleted', 'Your account and the organizations only you belonged to are gone.');
        // Off the signed-in pages first (the navigation settles asynchronously), so the session guard does not send us to the login page as the session ends.
        await navigate('/', { replace: true, flushSync: true });
        session.clear();
      },
      onError: (error) => {
        const conflict = ownershipConflictOf(error);
        if (conflict) setOwnershipConflict(conflict);
        else setFailure(showAccountFailure(form, 'password', error));
      },
    });
  });

  return (
    <SectionCard
      title="Delete account"
      description="Deletes your account and every organization where you are the only member. Organizations you share stay with their other members."
    >
      <Group>
        <Button color="red" variant="light" onClick={openDialog}>
          Delete account
        </Button>
      </Group>
      <Modal opened={opened} onClose={close} title="Delete your account?" centered>
        <form onSubmit={submit} noValidate aria-label="Delete account">
          <Stack>
            <Text size="sm">
              You are signed out everywhere and cannot sign in again. If you are the last owner of an organization with other members,
              transfer its ownership first.
            </Text>
            {ownershipConflict && (
              <Alert color="orange" variant="light" title="Transfer ownership first" role="alert">
                <Stack gap={6}>
                  <Text size="sm">{ownershipConflict.message}</Text>
                  <Text size="sm">On each one’s members page, choose “Transfer ownership”:</Text>
                  {ownershipConflict.organizations.map((owned) => (
                    <Anchor key={owned.slug} component={Link} to={`${organizationPath(owned.slug)}/members`} size="sm" onClick={close}>
                      Members of {owned.name}
                    </Anchor>
                  ))}
                </Stack>
              </Alert>
            )}
            <PasswordField label="Password" autoComplete="current-password" required data-autofocus {...form.getInputProps('password')} />
            <TextInput
              label={`Type ${me.user.email} to confirm`}
              autoComplete="off"
              spellCheck={false}
              {...form.getInputProps('confirmation')}
            />
            <FormAlert message={failure} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={deletion.isPending}>
                Cancel
              </Button>
              <Button type="submit" color="red" disabled={!confirmed} loading={deletion.isPending}>
                Delete my account
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </SectionCard>
  );
}

interface OwnershipConflict {
  message: string;
  organizations: Array<{ name: string; slug: string }>;
}

/** The 409 that names the organizations still needing another owner (`details.organizations`); not any other conflict. */
function ownershipConflictOf(error: unknown): OwnershipConflict | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const organizations = (error.details as { organizations?: unknown } | undefined)?.organizations;
  if (!Array.isArray(organizations)) return null;
  return { message: error.message, organizations: organizations as OwnershipConflict['organizations'] };
}
