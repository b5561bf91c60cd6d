import { Button, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { authPagePath } from '../auth/sign-in-destination';
import type { InvitePreview } from './invite-queries';

/** Both ways back here: a new account for the invited address, or logging in to an existing one. */
export function SignedOutChoices({ invite }: { invite: InvitePreview }) {
  const { pathname } = useLocation();
  const options = { email: invite.email, next: pathname };
  return (
    <Stack gap="sm">
      {/* A long address wraps instead of being cut off. */}
      <Button
        component={Link}
        to={authPagePath('signup', options)}
        fullWidth
        h="auto"
        py={8}
        styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}
      >
        Sign up with {invite.email}
      </Button>
      <Text size="sm" c="dimmed" ta="center">
        Already have an account for this address?
      </Text>
      <Button component={Link} to={authPagePath('login', options)} variant="default" fullWidth>
        Log in
      </Button>
    </Stack>
  );
}
