import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { hasLength, isEmail, useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSignup, type SignupInput } from '../../api/auth-mutations';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { PasswordField } from '../../ui/password-field';
import { checkPassword, PASSWORD_RULE } from './password-rule';
import { authPagePath, organizationPath, safeNextPath } from './sign-in-destination';

export function SignupPage() {
  const next = safeNextPath(useSearchParams()[0].get('next'));
  // Signing up for an invitation happens on the invitation's page, which joins that organization instead of starting one.
  if (next && isInvitePath(next)) return <Navigate to={next} replace />;
  return <NewAccountForm next={next} />;
}

function isInvitePath(path: string): boolean {
  return /^\/invites\/[^/?#]+$/.test(path);
}

/** A new account with an organization of its own (named here, or after the person). */
function NewAccountForm({ next }: { next: string | null }) {
  useDocumentTitle('Sign up · Plinth');
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const prefilledEmail = searchParams.get('email') ?? '';
  const signup = useSignup();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: prefilledEmail, password: '', name: '', organizationName: '' },
    validate: {
      email: isEmail('Enter a valid email address'),
      password: checkPassword,
      name: (name) => (name.trim() === '' ? 'Enter your name' : hasLength({ max: 100 }, 'Use up to 100 characters')(name)),
      organizationName: hasLength({ max: 100 }, 'Use up to 100 characters'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    signup.mutate(toSignupBody(values), {
      onSuccess: (result) => navigate(next ?? organizationPath(result.organization.slug), { replace: true }),
      onError: (error) => setFailure(showApiFailure(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1} fz="h2">
          Create your account
        </Title>
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordField
          label="Password"
          description={`Use ${PASSWORD_RULE}.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput
          label="Organization name"
          description="Optional. You can rename it later."
          autoComplete="organization"
          {...form.getInputProps('organizationName')}
        />
        <FormAlert message={failure} />
        <Button type="submit" loading={signup.isPending} fullWidth>
          Sign up
        </Button>
        <Text size="sm" ta="center">
          Already have an account?{' '}
          <Anchor component={Link} to={authPagePath('login', { email: prefilledEmail, next })}>
            Log in
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}

function toSignupBody(values: { email: string; password: string; name: string; organizationName: string }): SignupInput {
  const organizationName = values.organizationName.trim();
  return {
    email: values.email.trim(),
    password: values.password,
    name: values.name.trim(),
    ...(organizationName ? { organizationName } : {}),
  };
}
