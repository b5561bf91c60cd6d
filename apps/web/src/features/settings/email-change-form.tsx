import { Alert, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../ui/form-alert';
import { PasswordField } from '../../ui/password-field';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useRequestEmailChange } from './account-queries';
import { showAccountFailure } from './wrong-password';

/** A new address counts once its owner opens the link mailed to it; the password proves it is you asking. */
export function EmailChangeForm() {
  const { me } = useShellContext();
  const request = useRequestEmailChange();
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    initialValues: { newEmail: '', password: '' },
    validate: {
      newEmail: (value) =>
        isEmail('Enter an email address')(value.trim()) ??
        (value.trim().toLowerCase() === me.user.email.toLowerCase() ? 'This is your current address' : null),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit(({ newEmail, password }) => {
    setFailure(null);
    setSentTo(null);
    const address = newEmail.trim();
    request.mutate(
      { newEmail: address, password },
      {
        onSuccess: () => {
          setSentTo(address);
          form.reset();
        },
        onError: (error) => setFailure(showAccountFailure(form, 'password', error)),
      },
    );
  });

  return (
    <SectionCard title="Email address" description="Where Plinth writes to you, and the address you sign in with.">
      <Group gap="xs">
        <Text size="sm">
          You sign in as <strong>{me.user.email}</strong>
        </Text>
        <Badge size="sm" variant="light" color={me.user.emailVerified ? 'teal' : 'yellow'} tt="none">
          {me.user.emailVerified ? 'Verified' : 'Not verified'}
        </Badge>
      </Group>
      {sentTo && (
        <Alert color="teal" variant="light" title="Check your inbox" role="status">
          We sent a link to {sentTo}. Your address changes when you open it; until then you keep signing in as {me.user.email}.
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label="Change email address">
        <Stack>
          <TextInput label="New email address" type="email" autoComplete="email" required {...form.getInputProps('newEmail')} />
          <PasswordField label="Current password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <FormAlert message={failure} />
          <Group justify="flex-end">
            <Button type="submit" loading={request.isPending}>
              Send confirmation link
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
