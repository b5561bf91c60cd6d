import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/auth-mutations';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { PasswordField } from '../../ui/password-field';
import { authPagePath, destinationAfterLogin } from './sign-in-destination';

export function LoginPage() {
  useDocumentTitle('Log in · Plinth');
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: searchParams.get('email') ?? '', password: '' },
    validate: {
      email: isEmail('Enter a valid email address'),
      password: isNotEmpty('Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (result) => navigate(destinationAfterLogin(result, searchParams.get('next')), { replace: true }),
        onError: (error) => setFailure(showApiFailure(form, error)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1} fz="h2">
          Log in to Plinth
        </Title>
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordField label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
        <Group justify="flex-end" mt={-8}>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
        </Group>
        <FormAlert message={failure} />
        <Button type="submit" loading={login.isPending} fullWidth>
          Log in
        </Button>
        <Text size="sm" ta="center">
          New to Plinth?{' '}
          <Anchor component={Link} to={authPagePath('signup', { email: searchParams.get('email'), next: searchParams.get('next') })}>
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
