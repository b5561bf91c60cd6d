import { Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ApiError } from '@plinth/api-client';
import { useParams } from 'react-router';
import { useIsSignedIn } from '../../api/use-session';
import { QueryFailure } from '../../ui/query-failure';
import { AcceptInvite } from './accept-invite';
import { useInvitePreview, type InvitePreview } from './invite-queries';
import { InviteSummary } from './invite-summary';
import { InviteUnavailable } from './invite-unavailable';
import { SignedOutChoices } from './signed-out-choices';

/** /invites/:token, the page the invitation email links to. */
export function InvitePage() {
  useDocumentTitle('Your invitation · Plinth');
  const token = useParams().token ?? '';
  const preview = useInvitePreview(token);
  if (preview.isPending) return <InviteSkeleton />;
  if (preview.isError) {
    const unknown = preview.error instanceof ApiError && preview.error.status === 404;
    if (unknown) return <InviteUnavailable reason="unknown" />;
    return <QueryFailure title="The invitation could not be loaded" query={preview} />;
  }
  return <InviteDetails token={token} invite={preview.data} />;
}

function InviteDetails({ token, invite }: { token: string; invite: InvitePreview }) {
  const signedIn = useIsSignedIn();
  if (invite.status === 'expired') return <InviteUnavailable reason="expired" />;
  if (invite.status === 'accepted') return <InviteUnavailable reason="used" />;
  return (
    <Stack>
      <InviteSummary invite={invite} />
      {signedIn ? <AcceptInvite token={token} invite={invite} /> : <SignedOutChoices token={token} invite={invite} />}
    </Stack>
  );
}

function InviteSkeleton() {
  return (
    <Stack role="status" aria-label="Loading the invitation" aria-busy="true">
      <Skeleton height={30} width="70%" />
      <Skeleton height={12} width="90%" />
      <Skeleton height={180} />
    </Stack>
  );
}
