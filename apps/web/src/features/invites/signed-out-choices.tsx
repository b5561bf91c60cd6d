import { Button, Divider, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { authPagePath } from '../auth/sign-in-destination';
import type { InvitePreview } from './invite-queries';
import { InviteSignupForm } from './invite-signup-form';

/** Both ways in: a new account for the invited address, made right here, or logging in to an existing one and coming back. */
export function SignedOutChoices({ token, invite }: { token: string; invite: InvitePreview }) {
  const { pathname } = useLocation();
  return (
    <Stack gap="md">
      <InviteSignupForm token={token} invite={invite} />
      <Divider label="or" labelPosition="center" />
      <Text size="sm" c="dimmed" ta="center">
        Already have an account for this address?
      </Text>
      <Button component={Link} to={authPagePath('login', { email: invite.email, next: pathname })} variant="default" fullWidth>
        Log in to accept
      </Button>
    </Stack>
  );
}
