import { Button } from '@mantine/core';
import { ConfirmAction } from '../../ui/confirm-action';
import { notifyFailure, notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useResendInvite, useRevokeInvite, type PendingInvite } from './organization-invites-queries';

export function ResendInviteButton({ invite }: { invite: PendingInvite }) {
  const { membership } = useShellContext();
  const resend = useResendInvite(membership.organizationId);
  const send = () =>
    resend.mutate(invite.id, {
      onSuccess: () => notifySuccess('Invitation sent again', `The old link to ${invite.email} no longer works.`),
      onError: (error) => notifyFailure('The invitation was not sent', error),
    });
  return (
    <Button size="xs" variant="default" loading={resend.isPending} onClick={send} aria-label={`Resend the invitation to ${invite.email}`}>
      Resend
    </Button>
  );
}

export function RevokeInviteButton({ invite }: { invite: PendingInvite }) {
  const { membership } = useShellContext();
  const revoke = useRevokeInvite(membership.organizationId);
  return (
    <ConfirmAction
      label="Revoke"
      ariaLabel={`Revoke the invitation to ${invite.email}`}
      size="xs"
      title="Revoke this invitation?"
      confirmLabel="Revoke"
      onConfirm={() => revoke.mutateAsync(invite.id)}
    >
      The link sent to {invite.email} stops working and its seat is freed.
    </ConfirmAction>
  );
}
