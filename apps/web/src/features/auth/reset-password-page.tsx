import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { matchesField, useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useConfirmPasswordReset } from '../../api/account-links';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { PasswordField } from '../../ui/password-field';
import { checkPassword, PASSWORD_RULE } from './password-rule';

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password · Plinth');
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const confirmReset = useConfirmPasswordReset();
  const [failure, setFailure] = useState<string | null>(token ? null : 'This link has no reset token. Ask for a new one.');
  const form = useForm({
    initialValues: { password: '', passwordAgain: '' },
    validate: {
      password: checkPassword,
      passwordAgain: matchesField('password', 'The two passwords differ'),
    },
  });

  const submit = form.onSubmit(({ password }) => {
    setFailure(null);
    confirmReset.mutate(
      { token, password },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', title: 'Password changed', message: 'Log in with your new password.' });
          navigate('/login', { replace: true });
        },
        onError: (error) => setFailure(showApiFailure(form, error)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1} fz="h2">
          Choose a new password
        </Title>
        <PasswordField
          label="New password"
          description={`Use ${PASSWORD_RULE}.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordField label="New password, again" autoComplete="new-password" required {...form.getInputProps('passwordAgain')} />
        <FormAlert message={failure} />
        <Button type="submit" loading={confirmReset.isPending} disabled={!token} fullWidth>
          Set the new password
        </Button>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/forgot-password">
            Ask for a new link
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
