import { unwrap, type Schemas } from '@plinth/api-client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { callWithSession } from '../../api/call-with-session';
import { api } from '../../api/client';
import { FIRST_PAGE, nextPageCursor, unwrapPage } from '../../api/paged';
import { queryKeys } from '../../api/query-keys';

export type PendingInvite = Schemas['InviteDto'];
export type InviteInput = Schemas['CreateInviteDto'];

const invitesKey = (organizationId: string) => queryKeys.organization(organizationId, 'invites');

export function usePendingInvites(organizationId: string) {
  return useInfiniteQuery({
    queryKey: invitesKey(organizationId),
    queryFn: ({ pageParam }) =>
      callWithSession(() =>
        unwrapPage(
          api.GET('/api/v1/organizations/{id}/invites', {
            params: { path: { id: organizationId }, query: { cursor: pageParam } },
          }),
        ),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageCursor,
  });
}

/** Invites count against the `users` quota, so the usage figures change with them. */
function useRefreshOrganization(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.organization(organizationId) });
}

export function useCreateInvite(organizationId: string) {
  const refresh = useRefreshOrganization(organizationId);
  return useMutation({
    mutationFn: (body: InviteInput) =>
      callWithSession(() => unwrap(api.POST('/api/v1/organizations/{id}/invites', { params: { path: { id: organizationId } }, body }))),
    onSuccess: refresh,
  });
}

export function useResendInvite(organizationId: string) {
  const refresh = useRefreshOrganization(organizationId);
  return useMutation({
    mutationFn: (inviteId: string) =>
      callWithSession(() =>
        unwrap(
          api.POST('/api/v1/organizations/{id}/invites/{inviteId}/resend', {
            params: { path: { id: organizationId, inviteId } },
          }),
        ),
      ),
    onSuccess: refresh,
  });
}

export function useRevokeInvite(organizationId: string) {
  const refresh = useRefreshOrganization(organizationId);
  return useMutation({
    mutationFn: (inviteId: string) =>
      callWithSession(() =>
        unwrap(
          api.DELETE('/api/v1/organizations/{id}/invites/{inviteId}', {
            params: { path: { id: organizationId, inviteId } },
          }),
        ),
      ),
    onSuccess: refresh,
  });
}
