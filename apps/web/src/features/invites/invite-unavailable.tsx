import { Alert, Button, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';

export type UnavailableReason = 'unknown' | 'expired' | 'used';

const MESSAGES: Record<UnavailableReason, { title: string; text: string }> = {
  unknown: {
    title: 'This invitation link does not work',
    text: 'It may have been revoked, or replaced by a newer invitation. ' + 'Ask the person who invited you to send it again.',
  },
  expired: {
    title: 'This invitation has expired',
    text: 'Invitations work for 7 days. Ask the person who invited you to send a new one.',
  },
  used: {
    title: 'This invitation has already been accepted',
    text: 'Each invitation works once. If it was you who accepted it, the organization is among yours.',
  },
};

export function InviteUnavailable({ reason }: { reason: UnavailableReason }) {
  const signedIn = useIsSignedIn();
  const { title, text } = MESSAGES[reason];
  return (
    <Stack data-testid="invite-unavailable">
      <Title order={1} fz="h3">
        {title}
      </Title>
      <Alert color={reason === 'used' ? 'blue' : 'red'} variant="light">
        {text}
      </Alert>
      <Button component={Link} to={signedIn ? '/o' : '/login'} variant="default">
        {signedIn ? 'Go to your organizations' : 'Log in'}
      </Button>
    </Stack>
  );
}
