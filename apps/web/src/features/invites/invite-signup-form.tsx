import { Button, Stack, TextInput, Title } from '@mantine/core';
import { hasLength, useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSignup } from '../../api/auth-mutations';
import { showApiFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { PasswordField } from '../../ui/password-field';
import { checkPassword, PASSWORD_RULE } from '../auth/password-rule';
import { organizationPath } from '../auth/sign-in-destination';
import type { InvitePreview } from './invite-queries';

interface Props {
  token: string;
  invite: InvitePreview;
}

/**
 * A new account for the invited address, made from the invitation itself:
 * the API joins it to the inviting organization (creating none of its own)
 * and counts the address as verified, since the link proved it. No
 * organization name to ask for, no verify mail to wait for.
 */
export function InviteSignupForm({ token, invite }: Props) {
  const navigate = useNavigate();
  const signup = useSignup();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    // The address is the invited one; the API refuses any other.
    initialValues: { email: invite.email, name: '', password: '' },
    validate: {
      name: (name) => (name.trim() === '' ? 'Enter your name' : hasLength({ max: 100 }, 'Use up to 100 characters')(name)),
      password: checkPassword,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      // Awaited rather than mutate's callbacks: starting the session re-renders the invitation page
      // (signed in now, the invitation used), which unmounts this form before such a callback would run.
      const result = await signup.mutateAsync({
        email: invite.email,
        password: values.password,
        name: values.name.trim(),
        inviteToken: token,
      });
      navigate(organizationPath(result.organization.slug), { replace: true });
    } catch (error) {
      setFailure(showApiFailure(form, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create your account">
      <Stack>
        <Title order={2} fz="h4">
          Create your account
        </Title>
        <TextInput
          label="Email"
          type="email"
          readOnly
          description="The invitation is for this address."
          {...form.getInputProps('email')}
          value={invite.email}
        />
        <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
        <PasswordField
          label="Password"
          description={`Use ${PASSWORD_RULE}.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <FormAlert message={failure} />
        <Button
          type="submit"
          loading={signup.isPending}
          fullWidth
          h="auto"
          py={8}
          styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}
        >
          Sign up and join {invite.organizationName}
        </Button>
      </Stack>
    </form>
  );
}
