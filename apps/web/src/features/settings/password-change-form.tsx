import { Button, Group, Stack } from '@mantine/core';
import { matchesField, useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { PasswordField } from '../../ui/password-field';
import { SectionCard } from '../../ui/section-card';
import { checkPassword, PASSWORD_RULE } from '../auth/password-rule';
import { useChangePassword } from './account-queries';
import { showAccountFailure } from './wrong-password';

export function PasswordChangeForm() {
  const change = useChangePassword();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', newPasswordAgain: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: checkPassword,
      newPasswordAgain: matchesField('newPassword', 'The two passwords differ'),
    },
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setFailure(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess('Password changed', 'Every other device is signed out; this one stays signed in.');
        },
        onError: (error) => setFailure(showAccountFailure(form, 'currentPassword', error)),
      },
    );
  });

  return (
    <SectionCard title="Password" description="Changing it signs you out everywhere else.">
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack>
          <PasswordField label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordField
            label="New password"
            description={`Use ${PASSWORD_RULE}.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordField label="New password, again" autoComplete="new-password" required {...form.getInputProps('newPasswordAgain')} />
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
