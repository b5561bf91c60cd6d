import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/account-links';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password · Plinth');
  const requestReset = useRequestPasswordReset();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: isEmail('Enter a valid email address') },
  });

  const submit = form.onSubmit(({ email }) => {
    setFailure(null);
    requestReset.mutate(email.trim(), { onError: (error) => setFailure(showApiFailure(form, error)) });
  });

  return (
    <Stack>
      <Title order={1} fz="h2">
        Reset your password
      </Title>
      {requestReset.isSuccess ? (
        // Deliberately the same answer whether or not the address has an account.
        <Alert color="teal" title="Check your inbox">
          If an account exists for {form.getValues().email.trim()}, we sent a link to reset its password. The link works once, within an
          hour.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              Enter the email address of your account and we will send you a link to choose a new password.
            </Text>
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <FormAlert message={failure} />
            <Button type="submit" loading={requestReset.isPending} fullWidth>
              Send the reset link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      </Text>
    </Stack>
  );
}
