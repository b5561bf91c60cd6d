import { Alert, Button, Loader, Stack } from '@mantine/core';
import { ApiError } from '@plinth/api-client';
import { useNavigate } from 'react-router';
import { useLogout } from '../../api/auth-mutations';
import { useMe } from '../../api/use-me';
import { describeFailure } from '../../ui/api-failure';
import { FormAlert } from '../../ui/form-alert';
import { QueryFailure } from '../../ui/query-failure';
import { organizationPath } from '../auth/sign-in-destination';
import { useJoinOrganization, type InvitePreview } from './invite-queries';
import { InviteUnavailable } from './invite-unavailable';

interface Props {
  token: string;
  invite: InvitePreview;
}

/** Signed in: accept when the session's address is the invited one; otherwise say so and offer to switch accounts. */
export function AcceptInvite({ token, invite }: Props) {
  const me = useMe();
  if (me.isPending) return <Loader size="sm" aria-label="Loading your account" />;
  if (me.isError) return <QueryFailure title="Your account could not be loaded" query={me} />;
  if (me.data.user.email.toLowerCase() !== invite.email.toLowerCase()) {
    return <WrongAccount invitedEmail={invite.email} signedInEmail={me.data.user.email} />;
  }
  return <AcceptButton token={token} invite={invite} />;
}

function AcceptButton({ token, invite }: Props) {
  const navigate = useNavigate();
  const join = useJoinOrganization(token);
  const refusal = join.error instanceof ApiError ? join.error.code : null;
  if (refusal === 'INVITE_EXPIRED') return <InviteUnavailable reason="expired" />;
  if (refusal === 'INVITE_USED') return <InviteUnavailable reason="used" />;
  if (refusal === 'NOT_FOUND') return <InviteUnavailable reason="unknown" />;

  const accept = () =>
    join.mutate(undefined, {
      onSuccess: (membership) => navigate(organizationPath(membership.slug), { replace: true }),
    });

  return (
    <Stack>
      <FormAlert message={join.isError ? failureMessage(join.error, invite) : null} />
      <Button onClick={accept} loading={join.isPending} fullWidth>
        Accept and join {invite.organizationName}
      </Button>
    </Stack>
  );
}

function failureMessage(error: Error, invite: InvitePreview): string {
  const alreadyMember = error instanceof ApiError && error.code === 'CONFLICT';
  if (alreadyMember) return `You are already a member of ${invite.organizationName}.`;
  return describeFailure(error);
}

function WrongAccount({ invitedEmail, signedInEmail }: { invitedEmail: string; signedInEmail: string }) {
  const logout = useLogout();
  return (
    <Stack>
      <Alert color="yellow" variant="light" title="This invitation is for another address" data-testid="invite-wrong-account">
        It was sent to {invitedEmail}, and you are signed in as {signedInEmail}. Log out, then sign up or log in with {invitedEmail} to
        accept it.
      </Alert>
      <Button variant="default" loading={logout.isPending} onClick={() => logout.mutate()} fullWidth>
        Log out
      </Button>
    </Stack>
  );
}
